// bench/receipts: OCR accuracy on generated receipts with known fields.
//
//   npx tsx bench/receipts.ts                      # 14 receipts: share right for total, date, merchant
//   npx tsx bench/receipts.ts --out dir            # also keep the generated images there
//   npx tsx bench/receipts.ts --photo-12mp         # peak RSS reading one 12 MP photo (run alone)
//
// Each receipt is HTML rendered by headless Chromium (CHROMIUM, default /usr/bin/chromium)
// with its own font, layout, currency and date form, then made harder the way phone photos
// are: rotated, blurred, speckled with noise. The pipeline is the receipt-ocr job's own
// (prepareReceiptImage → readReceiptText → extractReceiptFields), without the database.

import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { formatAmount } from "../lib/finance/money";
import { extractReceiptFields } from "../lib/receipts/extract-fields";
import { prepareReceiptImage } from "../lib/receipts/prepare-image";
import { closeOcrWorkers, readReceiptText } from "../lib/receipts/read-text";

interface ReceiptSpec {
  name: string;
  merchant: string;
  date: string;
  total: string;
  currency: string;
  font: string;
  size: number;
  rotate?: number;
  blur?: number;
  noise?: number;
  /** Lines under the merchant's name (address, date line, items, totals). */
  lines: string[];
  width?: number;
}

const RECEIPTS: ReceiptSpec[] = [
  {
    name: "uk-grocer", merchant: "CORNER GROCER", date: "2026-03-14", total: "4.14", currency: "GBP",
    font: "DejaVu Sans Mono", size: 18,
    lines: ["12 High St, Leeds LS1 4AB", "VAT No. GB 123 4567 89", "14/03/2026 10:42", "", "Milk 2L|1.20", "Bread|2.35", "Eggs x6|1.09", "", "SUBTOTAL|4.64", "Multibuy saving|-0.50", "TOTAL|£4.14", "VISA DEBIT|£4.14", "TOTAL SAVINGS|£0.50", "VAT 20%|0.69"],
  },
  {
    name: "de-baeckerei", merchant: "BÄCKEREI MÜLLER", date: "2026-11-02", total: "4.70", currency: "EUR",
    font: "Liberation Mono", size: 18, rotate: 1.5,
    lines: ["Hauptstr. 5, 10115 Berlin", "", "2 x Brötchen|0,90", "Kaffee gross|2,90", "Croissant|0,90", "", "SUMME EUR|4,70", "Bar|10,00", "Rückgeld|5,30", "MwSt 7%|0,31", "02.11.2026 08:15 Bon 4411"],
  },
  {
    name: "us-diner", merchant: "SUNRISE DINER", date: "2026-03-04", total: "57.50", currency: "USD",
    font: "Liberation Sans", size: 17,
    lines: ["1450 Main Street, Austin TX", "03/04/2026 7:12 PM", "Server: Ann  Table 12", "", "Pancakes|12.00", "Omelette|14.00", "Coffee x4|16.00", "Juice|8.00", "", "Subtotal|$50.00", "Tip|$7.50", "AMOUNT DUE|$57.50"],
  },
  {
    name: "us-hardware", merchant: "ACE TOOLS & SUPPLY", date: "2026-06-19", total: "86.32", currency: "USD",
    font: "DejaVu Serif", size: 17, rotate: -2,
    lines: ["Store #0042  Denver CO", "Date: 06/19/2026", "", "Hammer 16oz|24.99", "Nails 2lb|8.49", "Drill bits set|45.99", "", "SUBTOTAL|79.47", "SALES TAX 8.62%|6.85", "BALANCE DUE|86.32", "MASTERCARD ****4417|86.32"],
  },
  {
    name: "fr-cafe", merchant: "CAFÉ DE LA GARE", date: "2026-09-21", total: "18.60", currency: "EUR",
    font: "Liberation Serif", size: 19, blur: 0.6,
    lines: ["3 place de la Gare, Lyon", "21/09/2026 12:31", "", "Croque monsieur|9,50", "Café crème|3,60", "Tarte citron|5,50", "", "TOTAL TTC|18,60 €", "dont TVA 10%|1,69", "CB|18,60 €"],
  },
  {
    name: "ch-kiosk", merchant: "KIOSK BAHNHOF", date: "2026-01-08", total: "23.50", currency: "CHF",
    font: "DejaVu Sans", size: 17, noise: 0.06,
    lines: ["Bahnhofplatz 1, 8001 Zürich", "08.01.2026 17:05", "", "Zeitung|4.50", "Sandwich|9.80", "Mineral|3.20", "Schokolade|6.00", "", "Total CHF|23.50", "MWST 8.1% inkl.|1.76", "Karte|23.50"],
  },
  {
    name: "uk-restaurant", merchant: "THE OLD BELL", date: "2026-03-14", total: "72.45", currency: "GBP",
    font: "Liberation Serif", size: 18, rotate: 1,
    lines: ["Church Lane, York YO1 7HH", "14 Mar 2026  20:14", "Table 7  Covers 2", "", "Soup of the day|6.50", "Fish & chips|16.00", "Steak pie|17.50", "Wine 175ml x2|15.40", "Sticky toffee|7.00", "", "Subtotal|62.40", "Service 12.5%|7.80", "Card surcharge|2.25", "GRAND TOTAL|£72.45", "VAT included|12.08"],
  },
  {
    name: "nl-supermarkt", merchant: "VERSMARKT DE HOEK", date: "2026-05-30", total: "31.85", currency: "EUR",
    font: "DejaVu Sans Mono", size: 16, noise: 0.05,
    lines: ["Kerkstraat 10, Utrecht", "30-05-2026 09:47", "", "Kaas jong|7,45", "Appels 1kg|2,99", "Koffie|8,49", "Brood|3,29", "Bloemen|9,63", "", "TOTAAL|31,85", "PIN|31,85", "BTW 9%|2,63"],
  },
  {
    name: "us-pharmacy", merchant: "WELLCARE PHARMACY", date: "2026-05-04", total: "27.13", currency: "USD",
    font: "Liberation Sans Narrow", size: 19,
    lines: ["200 Pine Ave, Portland OR", "2026-05-04 14:02", "", "Vitamin D|12.99", "Bandages|5.49", "Lip balm|3.99", "Tissues|3.29", "", "SUBTOTAL|25.76", "TAX|1.37", "TOTAL|27.13", "YOU SAVED|4.00", "DEBIT|27.13"],
  },
  {
    name: "uk-fuel", merchant: "NORTHWAY FUELS", date: "2026-07-11", total: "45.67", currency: "GBP",
    font: "DejaVu Sans Mono", size: 17, blur: 0.8, rotate: -1,
    lines: ["A64 Wetherby Road, Leeds", "11/07/2026 06:58", "Pump 4 Unleaded", "31.52 L @ 144.9p", "", "FUEL|£45.67", "", "TOTAL|£45.67", "VAT @ 20%|£7.61", "NET|£38.06", "CONTACTLESS|£45.67"],
  },
  {
    name: "de-supermarkt", merchant: "FRISCHMARKT KRAUSE", date: "2026-10-15", total: "38.27", currency: "EUR",
    font: "Liberation Mono", size: 17, noise: 0.08, rotate: 0.8,
    lines: ["Lindenallee 22, 50667 Köln", "", "Milch 1,5%|1,19", "Butter|2,49", "Käse Gouda|3,79", "Wein Rot|8,99", "Kaffee|6,49", "Äpfel|2,99", "Waschmittel|12,33", "", "ZU ZAHLEN|38,27", "EC-Karte|38,27", "Datum: 15.10.2026 18:22"],
  },
  {
    name: "us-coffee", merchant: "BLUE HERON COFFEE", date: "2026-02-27", total: "4.85", currency: "USD",
    font: "DejaVu Sans", size: 18, rotate: -1.5, noise: 0.05, blur: 0.5,
    lines: ["88 Harbor Rd, Seattle WA", "02/27/2026 08:03", "", "Latte 12oz|4.50", "", "Subtotal|$4.50", "Tax|$0.35", "Total|$4.85", "Visa|$4.85"],
  },
  {
    name: "ie-bookshop", merchant: "RIVERSIDE BOOKS", date: "2026-04-02", total: "41.97", currency: "EUR",
    font: "DejaVu Serif", size: 17,
    lines: ["Quay Street, Galway", "VAT Reg IE 9876543T", "02/04/2026 15:40", "", "Novel|14.99", "Atlas|19.99", "Notebook|6.99", "", "TOTAL €|41.97", "VAT 0%|0.00", "Card|41.97"],
  },
  {
    name: "us-electronics", merchant: "CIRCUIT CITY OUTLET", date: "2026-01-09", total: "1,299.00", currency: "USD",
    font: "Liberation Sans", size: 17, rotate: 2,
    lines: ["5th Avenue, New York NY", "Jan 9, 2026 11:20 AM", "", "Laptop 14in|1,199.00", "Extended care|99.00", "Cable|15.00", "Promo|-14.00", "", "SUBTOTAL|1,299.00", "TAX|0.00", "TOTAL|$1,299.00", "AMEX|$1,299.00"],
  },
];

function receiptHtml(r: ReceiptSpec): string {
  const rows = r.lines
    .map((l) => {
      if (!l) return `<div style="height:0.8em"></div>`;
      const [left, right] = l.split("|");
      return right === undefined
        ? `<div>${left}</div>`
        : `<div style="display:flex;justify-content:space-between"><span>${left}</span><span>${right}</span></div>`;
    })
    .join("\n");
  const width = r.width ?? 380;
  return `<!doctype html><html><head><meta charset="utf-8"></head>
<body style="margin:0;background:#d8d4cc">
<div style="margin:40px;width:${width}px;padding:24px;background:#fbfaf6;color:#222;font-family:'${r.font}';font-size:${r.size}px;line-height:1.35;
  transform:rotate(${r.rotate ?? 0}deg);filter:blur(${r.blur ?? 0}px)">
<div style="text-align:center;font-weight:bold;font-size:1.35em;margin-bottom:6px">${r.merchant}</div>
${rows}
<div style="text-align:center;margin-top:14px">Thank you for your visit</div>
</div></body></html>`;
}

const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";

async function renderReceipt(r: ReceiptSpec, dir: string): Promise<Buffer> {
  const html = path.join(dir, `${r.name}.html`);
  const png = path.join(dir, `${r.name}.png`);
  writeFileSync(html, receiptHtml(r));
  const height = 140 + r.lines.length * r.size * 1.6;
  execFileSync(CHROMIUM, ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars",
    `--screenshot=${png}`, `--window-size=${(r.width ?? 380) + 140},${Math.round(height + 80)}`, `file://${html}`], { stdio: "ignore" });
  let image = sharp(readFileSync(png));
  if (r.noise) {
    // Speckle: a share of pixels turned dark or light, as on a cheap camera's photo of thermal paper.
    const { data, info } = await image.raw().toBuffer({ resolveWithObject: true });
    let seed = r.name.length * 7919;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let i = 0; i < data.length; i += info.channels) {
      if (random() < r.noise) {
        const v = random() < 0.5 ? 40 + random() * 80 : 200 + random() * 55;
        for (let c = 0; c < 3; c++) data[i + c] = v;
      }
    }
    image = sharp(data, { raw: info });
  }
  return image.jpeg({ quality: 82 }).toBuffer();
}

const foldAccents = (s: string) => s.normalize("NFD").replace(/\p{M}/gu, "").toUpperCase();

const peakRssMb = () => {
  const line = readFileSync("/proc/self/status", "utf8").split("\n").find((l) => l.startsWith("VmHWM:"));
  return line ? Math.round(Number(line.split(/\s+/)[1]) / 1024) : NaN;
};

async function accuracy(outDir: string | undefined): Promise<void> {
  const dir = outDir ?? mkdtempSync(path.join(tmpdir(), "receipts-"));
  mkdirSync(dir, { recursive: true });
  const right = { total: 0, date: 0, merchant: 0 };
  const started = Date.now();
  for (const r of RECEIPTS) {
    const jpeg = await renderReceipt(r, dir);
    writeFileSync(path.join(dir, `${r.name}.jpg`), jpeg);
    const t = Date.now();
    const read = await readReceiptText(await prepareReceiptImage(jpeg, "image/jpeg"));
    // The user's currency is the app's default (USD): it counts only when the receipt shows none.
    const f = extractReceiptFields(read.text, { ocrConfidence: read.confidence, latestDate: "2026-12-31", defaultCurrency: "USD" });
    const total = f.totalMinor === null ? null : formatAmount(f.totalMinor);
    const ok = {
      total: total === r.total.replace(/,/g, "") && f.currency === r.currency,
      date: f.date === r.date,
      // English traineddata reads "Ä" as "A": a name right but for its accents counts as right.
      merchant: foldAccents(f.merchant ?? "") === foldAccents(r.merchant),
    };
    for (const k of ["total", "date", "merchant"] as const) if (ok[k]) right[k] += 1;
    const mark = (b: boolean) => (b ? "ok" : "NO");
    console.log(
      `${r.name.padEnd(16)} ${String(Date.now() - t).padStart(5)} ms  total ${mark(ok.total)} ${total} ${f.currency} (${f.confidence.total})` +
        `  date ${mark(ok.date)} ${f.date} (${f.confidence.date})  merchant ${mark(ok.merchant)} ${JSON.stringify(f.merchant)} (${f.confidence.merchant})`,
    );
  }
  await closeOcrWorkers();
  const n = RECEIPTS.length;
  const pct = (k: keyof typeof right) => `${right[k]}/${n} = ${Math.round((right[k] / n) * 1000) / 10} %`;
  console.log(`\nreceipts: ${n}, ${Math.round((Date.now() - started) / 100) / 10} s`);
  console.log(`total right (amount and currency): ${pct("total")}   goal ≥ 90 %`);
  console.log(`date right: ${pct("date")}   goal ≥ 85 %`);
  console.log(`merchant right: ${pct("merchant")}`);
  console.log(`peak RSS: ${peakRssMb()} MB`);
  if (!outDir) rmSync(dir, { recursive: true, force: true });
}

/**
 * One 12 MP (4000 × 3000) phone-like photo: the receipt upright on a table, taken sideways with
 * an EXIF orientation tag as phones store it. Read in a fresh child process, whose peak RSS is
 * the figure (the parent's rendering does not count).
 */
async function photo12mp(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), "receipt-12mp-"));
  const r = RECEIPTS[0];
  const receipt = await sharp(await renderReceipt(r, dir)).resize({ height: 2800 }).toBuffer();
  const { width = 0 } = await sharp(receipt).metadata();
  const upright = await sharp(receipt)
    .extend({ top: 100, bottom: 100, left: Math.floor((4000 - width) / 2), right: Math.ceil((4000 - width) / 2), background: "#8a857c" })
    .toBuffer();
  // A second pass: sharp rotates before it extends within one pipeline.
  const photo = await sharp(upright)
    // Stored sideways with orientation 6 (rotate 90° to view), as a phone held upright writes it.
    .rotate(-90)
    .withMetadata({ orientation: 6 })
    .jpeg({ quality: 90 })
    .toBuffer();
  const file = path.join(dir, "photo.jpg");
  writeFileSync(file, photo);
  // Alone, then two at once (the queue's default concurrency: two tesseract workers).
  for (const copies of ["1", "2"]) {
    execFileSync(process.execPath, [...process.execArgv, process.argv[1], "--read-photo", file, copies], { stdio: "inherit" });
  }
  rmSync(dir, { recursive: true, force: true });
}

async function readPhoto(file: string, copies: number): Promise<void> {
  const photo = readFileSync(file);
  const meta = await sharp(photo).metadata();
  const before = peakRssMb();
  const t = Date.now();
  const reads = await Promise.all(
    Array.from({ length: copies }, async () => readReceiptText(await prepareReceiptImage(photo, "image/jpeg"))),
  );
  const f = extractReceiptFields(reads[0].text, { latestDate: "2026-12-31" });
  const mp = ((meta.width ?? 0) * (meta.height ?? 0)) / 1e6;
  console.log(
    `${copies} at once: photo ${meta.width}×${meta.height} (${mp.toFixed(1)} MP, EXIF orientation ${meta.orientation}, ${Math.round(photo.length / 1024)} KB JPEG) ` +
      `read in ${Date.now() - t} ms; total ${f.totalMinor === null ? null : formatAmount(f.totalMinor)}, date ${f.date}, merchant ${f.merchant}`,
  );
  console.log(`peak RSS of the reading process: ${peakRssMb()} MB (${before} MB after loading the code)`);
  await closeOcrWorkers();
}

const args = process.argv.slice(2);
const outIndex = args.indexOf("--out");
const readIndex = args.indexOf("--read-photo");
(readIndex >= 0 ? readPhoto(args[readIndex + 1], Number(args[readIndex + 2] ?? 1)) : args.includes("--photo-12mp") ? photo12mp() : accuracy(outIndex >= 0 ? args[outIndex + 1] : undefined)).catch((err) => {
  console.error(err);
  process.exit(1);
});
