// What a receipt says, read from its OCR text: merchant, date, grand total and currency, each
// with a confidence (0..1). Pure and synchronous; the OCR itself is in read-text.ts.
//
// The grand total is the amount on a "total" line (TOTAL, GRAND TOTAL, AMOUNT DUE, BALANCE
// DUE, TO PAY, SUMME, GESAMT, TOTAAL, MONTANT…) that is not a subtotal, tax, VAT, savings,
// discount, change or tendered-cash line. Amounts are money in minor units, never floats, and
// read with either decimal mark ("12.50", "12,50", "1.234,56", "1,234.56").

export interface ExtractedFields {
  merchant: string | null;
  /** YYYY-MM-DD */
  date: string | null;
  /** Minor units (cents), positive. */
  totalMinor: bigint | null;
  currency: string | null;
  confidence: { merchant: number; date: number; total: number };
}

export interface ExtractOptions {
  /** The user's currency, used when the receipt names none. */
  defaultCurrency?: string;
  /** Tesseract's mean word confidence (0..100); a poor read lowers every field's confidence. */
  ocrConfidence?: number;
  /** Dates after this day are not a receipt's date (default: tomorrow). */
  latestDate?: string;
}

interface Amount {
  minor: bigint;
  index: number;
}

// An amount with exactly two decimals, not part of a longer number (a date like 14.03.2026,
// a card number). Thousands are grouped by three with the other mark.
const AMOUNT = /(?<![\d.,])(-\s?)?(\d{1,3}(?:([.,'])\d{3})*|\d+)\s?([.,])\s?(\d{2})(?![\d]|[.,]\d)/g;

/** Every amount on a line, in order. */
export function findAmounts(line: string): Amount[] {
  const out: Amount[] = [];
  for (const m of line.matchAll(AMOUNT)) {
    const [, minus, whole, group, decimal, cents] = m;
    if (group && group === decimal) continue; // "1,234,56": not a number
    if (minus) continue; // A negative line (a discount, a refund) is never the total.
    const digits = whole.replace(/[.,']/g, "");
    if (digits.length > 9) continue;
    out.push({ minor: BigInt(digits) * 100n + BigInt(cents), index: m.index ?? 0 });
  }
  return out;
}

// Lines whose amount is the grand total, strongest first.
const TOTAL_WORDS: [RegExp, number][] = [
  [/\b(grand\s*total|total\s*due|amount\s*due|balance\s*due|total\s*to\s*pay|to\s*pay|total\s*payable|amount\s*payable|zu\s*za[hm]len|a\s*payer|à\s*payer|te\s*betalen)\b/i, 0.95],
  [/\b(total|summe|gesamt(betrag)?|totaal|montant|totale|importe|betrag|sum)\b/i, 0.85],
  [/\b(amount|balance|due)\b/i, 0.6],
];
// Lines that look like totals but are not the one paid.
const NOT_TOTAL =
  /\b(sub[\s-]?total|subtotaal|zwischensumme|sous[\s-]?total|net|netto|excl|excluding|ex\.?\s*vat|vat|tax|mwst|ust|tva|btw|iva|gst|hst|savings?|saved|you\s*saved|discount|rabatt|korting|remise|change|wechselgeld|r[üu]ckgeld|cash|bar|tendered|given|gegeben|tip|gratuity|points|items?|qty|count|st[üu]ck|artikel|before)\b/i;
// Lines of the payment, whose amount confirms the total.
const PAYMENT = /\b(visa|mastercard|master\s*card|amex|maestro|debit|credit|card|karte|ec|contactless|paid|paypal|apple\s*pay|girocard)\b/i;

function findTotal(lines: string[]): { minor: bigint | null; confidence: number } {
  let best: { minor: bigint; score: number; line: number } | null = null;
  lines.forEach((line, i) => {
    if (NOT_TOTAL.test(line)) return;
    const words = TOTAL_WORDS.find(([re]) => re.test(line));
    if (!words) return;
    // The amount is on the line, else (a column layout read apart) on the next one.
    let amounts = findAmounts(line);
    let score = words[1];
    if (amounts.length === 0 && i + 1 < lines.length && !NOT_TOTAL.test(lines[i + 1])) {
      amounts = findAmounts(lines[i + 1]);
      score -= 0.1;
    }
    if (amounts.length === 0) return;
    const minor = amounts[amounts.length - 1].minor;
    // Equal strength: the larger wins (a total is never below the subtotal it sums; "TOTAL
    // ITEMS 3" lines are excluded above). A later line wins ties: the grand total comes last.
    if (!best || score > best.score || (score === best.score && minor >= best.minor)) best = { minor, score, line: i };
  });
  const all = lines.flatMap((l) => findAmounts(l).map((a) => a.minor));
  const paid = lines.filter((l) => PAYMENT.test(l) && !NOT_TOTAL.test(l)).flatMap((l) => findAmounts(l).map((a) => a.minor));
  if (best) {
    const found: { minor: bigint; score: number } = best;
    const confirmed = paid.includes(found.minor) || all.filter((m) => m === found.minor).length >= 2;
    return { minor: found.minor, confidence: Math.min(0.99, found.score + (confirmed ? 0.1 : 0)) };
  }
  // No total line read: the card payment's amount, else the largest amount on the receipt.
  if (paid.length) return { minor: paid[paid.length - 1], confidence: 0.6 };
  if (all.length) return { minor: all.reduce((a, b) => (b > a ? b : a)), confidence: 0.3 };
  return { minor: null, confidence: 0 };
}

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
  // German, French, Dutch forms that differ
  mär: 3, mrz: 3, mai: 5, okt: 10, dez: 12, janv: 1, févr: 2, fevr: 2, avr: 4, juin: 6, juil: 7, août: 8, aout: 8, déc: 12, mei: 5, mrt: 3,
};

const pad = (n: number) => String(n).padStart(2, "0");

function validDate(y: number, m: number, d: number): string | null {
  if (y < 100) y += 2000;
  if (m < 1 || m > 12 || d < 1 || d > 31 || y < 2000 || y > 2199) return null;
  const text = `${y}-${pad(m)}-${pad(d)}`;
  const check = new Date(`${text}T00:00:00Z`);
  return check.toISOString().slice(0, 10) === text ? text : null;
}

interface DateCandidate {
  date: string;
  confidence: number;
}

function datesOnLine(line: string, monthFirst: boolean): DateCandidate[] {
  const out: DateCandidate[] = [];
  // 2026-03-14, 2026/03/14
  for (const m of line.matchAll(/(?<!\d)(20\d{2})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)/g)) {
    const d = validDate(+m[1], +m[2], +m[3]);
    if (d) out.push({ date: d, confidence: 0.95 });
  }
  // 14/03/2026, 03/14/2026, 14.03.26, 14-03-2026
  for (const m of line.matchAll(/(?<![\d.,])(\d{1,2})\s?([-/.])\s?(\d{1,2})\s?\2\s?(\d{4}|\d{2})(?![\d]|[.,]\d)/g)) {
    const [a, b, y] = [+m[1], +m[3], +m[4]];
    // A dot is day-first everywhere; a slash is month-first in the US.
    const dayFirst = m[2] === "." || !monthFirst;
    const asDayFirst = validDate(y, b, a);
    const asMonthFirst = validDate(y, a, b);
    const date = dayFirst ? (asDayFirst ?? asMonthFirst) : (asMonthFirst ?? asDayFirst);
    if (!date) continue;
    const ambiguous = asDayFirst !== null && asMonthFirst !== null && asDayFirst !== asMonthFirst;
    out.push({ date, confidence: (ambiguous ? 0.75 : 0.9) - (m[4].length === 2 ? 0.05 : 0) });
  }
  // 14 Mar 2026, 14-Mar-26, 14. März 2026
  for (const m of line.matchAll(/(?<!\d)(\d{1,2})\.?[\s-]*([A-Za-zäéû]{3,9})\.?[\s-,]*(\d{4}|\d{2})(?![\d]|[.,]\d)/g)) {
    const month = MONTHS[m[2].toLowerCase()] ?? MONTHS[m[2].toLowerCase().slice(0, 3)];
    const d = month ? validDate(+m[3], month, +m[1]) : null;
    if (d) out.push({ date: d, confidence: 0.9 });
  }
  // Mar 14, 2026
  for (const m of line.matchAll(/\b([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?!\d)/g)) {
    const month = MONTHS[m[1].toLowerCase()] ?? MONTHS[m[1].toLowerCase().slice(0, 3)];
    const d = month ? validDate(+m[3], month, +m[2]) : null;
    if (d) out.push({ date: d, confidence: 0.9 });
  }
  return out;
}

// Dates that are not the purchase's: a card's expiry, a return-by or best-before day.
const NOT_PURCHASE_DATE = /\b(exp|expiry|expires|valid|return|returns|best\s*before|until|bis)\b/i;
const DATE_WORDS = /\b(date|datum|dated|fecha)\b/i;

function findDate(lines: string[], monthFirst: boolean, latest: string): DateCandidate | null {
  const candidates: DateCandidate[] = [];
  for (const line of lines) {
    const bonus = DATE_WORDS.test(line) ? 0.04 : 0;
    const penalty = NOT_PURCHASE_DATE.test(line) ? 0.5 : 0;
    for (const c of datesOnLine(line, monthFirst)) {
      if (c.date > latest) continue;
      candidates.push({ date: c.date, confidence: Math.max(0.05, Math.min(0.99, c.confidence + bonus - penalty)) });
    }
  }
  // The most certain; the first of equals (the purchase's date is printed near the top).
  return candidates.reduce<DateCandidate | null>((best, c) => (!best || c.confidence > best.confidence ? c : best), null);
}

// Header lines that are not the merchant's name.
const NOT_MERCHANT =
  /\b(receipt|invoice|quittung|beleg|rechnung|kassenbon|bon|ticket|tel|phone|fax|www|http|vat\s*(no|reg)|ust-?id|st\.?-?nr|tax\s*id|date|datum|time|uhr|till|cashier|store\s*#|welcome|thank|street|st\.|road|rd\.|avenue|ave\.|strasse|straße|str\.|lane|high\s*st|copy)\b|@|\d{3,}/i;

function findMerchant(lines: string[]): { merchant: string | null; confidence: number } {
  for (const [i, raw] of lines.slice(0, 6).entries()) {
    const welcome = /^\s*welcome\s+to\s+(.+)$/i.exec(raw);
    const line = (welcome ? welcome[1] : raw).replace(/[^\p{L}\p{N}&'’.\- ]/gu, " ").replace(/\s+/g, " ").trim();
    const letters = line.replace(/[^\p{L}]/gu, "");
    if (letters.length < 3 || (!welcome && NOT_MERCHANT.test(raw))) continue;
    if (findAmounts(raw).length || datesOnLine(raw, false).length) continue;
    // Mostly letters reads as a name; OCR noise ("~ ,. ij") does not.
    const share = letters.length / line.replace(/\s/g, "").length;
    if (share < 0.7) continue;
    const confidence = Math.max(0.3, (i === 0 ? 0.85 : 0.75 - i * 0.05) - (share < 0.9 ? 0.1 : 0));
    return { merchant: line.slice(0, 120), confidence };
  }
  return { merchant: null, confidence: 0 };
}

const CURRENCY_SIGNS: [RegExp, string][] = [
  [/£|\bGBP\b/, "GBP"],
  [/€|\bEUR\b|\bEURO\b/i, "EUR"],
  [/\bCHF\b|\bFr\.\s?\d/, "CHF"],
  [/\bCAD\b|C\$|CA\$/, "CAD"],
  [/\bAUD\b|A\$|AU\$/, "AUD"],
  [/\bSEK\b|\bNOK\b|\bDKK\b/, ""],
  [/\$|\bUSD\b/, "USD"],
];
// Words that tell the country when no currency is printed.
const COUNTRY_HINTS: [RegExp, string][] = [
  [/\b(mwst|summe|gesamt|zu zahlen|ust|betrag|euro)\b/i, "EUR"],
  [/\b(tva|montant|totaal|btw|iva)\b/i, "EUR"],
  [/\bvat\b|\bpostcode\b/i, "GBP"],
  [/\bsales tax\b|\bstate tax\b/i, "USD"],
];

function findCurrency(text: string, fallback: string | undefined): { currency: string | null; sure: boolean } {
  // The most frequent sign wins: a speck read as "£" once does not outvote three "€".
  let best: { code: string; count: number } | null = null;
  for (const [re, code] of CURRENCY_SIGNS) {
    const matches = [...text.matchAll(new RegExp(re.source, re.flags.includes("g") ? re.flags : `${re.flags}g`))];
    if (matches.length === 0) continue;
    const named = code || matches[0][0].toUpperCase();
    if (!best || matches.length > best.count) best = { code: named, count: matches.length };
  }
  if (best) return { currency: best.code, sure: true };
  for (const [re, code] of COUNTRY_HINTS) if (re.test(text)) return { currency: code, sure: false };
  return { currency: fallback ?? null, sure: false };
}

/** Reads the fields from OCR text. */
export function extractReceiptFields(text: string, options: ExtractOptions = {}): ExtractedFields {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.replace(/[|]/g, " ").replace(/\s+/g, " ").trim())
    .filter(Boolean);
  const currency = findCurrency(text, options.defaultCurrency);
  const latest = options.latestDate ?? new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  const total = findTotal(lines);
  const date = findDate(lines, currency.currency === "USD", latest);
  const merchant = findMerchant(lines);
  // A poor read (blur, noise) makes every field less certain.
  const quality = options.ocrConfidence === undefined ? 1 : Math.min(1, Math.max(0.3, options.ocrConfidence / 85));
  const round = (x: number) => Math.round(x * quality * 100) / 100;
  return {
    merchant: merchant.merchant,
    date: date?.date ?? null,
    totalMinor: total.minor,
    currency: currency.currency,
    confidence: {
      merchant: round(merchant.confidence),
      date: round(date?.confidence ?? 0),
      total: round(total.confidence * (currency.sure ? 1 : 0.95)),
    },
  };
}
