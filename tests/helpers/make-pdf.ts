// Minimal PDFs written by hand, byte for byte the same on every run (no dates, no ids): a page
// of text in Helvetica (a text layer, like an e-receipt), a page that is only a JPEG (a scan),
// and hostile variants. tests/fixtures/receipts/make-pdf-fixtures.ts writes the committed ones.

/** Joins numbered objects into a PDF with a correct xref table. `trailer` adds to the trailer dictionary. */
export function buildPdf(objects: (string | Buffer)[], trailer = ""): Buffer {
  const parts: Buffer[] = [Buffer.from("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "latin1")];
  const offsets: number[] = [];
  let length = parts[0].length;
  objects.forEach((body, i) => {
    offsets.push(length);
    const chunk = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`, "latin1"), typeof body === "string" ? Buffer.from(body, "latin1") : body, Buffer.from("\nendobj\n", "latin1")]);
    parts.push(chunk);
    length += chunk.length;
  });
  const xref = [`xref\n0 ${objects.length + 1}\n`, "0000000000 65535 f \n", ...offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`)].join("");
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${trailer}>>\nstartxref\n${length}\n%%EOF\n`, "latin1"));
  return Buffer.concat(parts);
}

const escape = (s: string) => s.replace(/[\\()]/g, (c) => `\\${c}`);
const stream = (dict: string, data: Buffer) =>
  Buffer.concat([Buffer.from(`<< ${dict} /Length ${data.length} >>\nstream\n`, "latin1"), data, Buffer.from("\nendstream", "latin1")]);

/** A receipt-sized page (80 mm wide) with these lines of text, one under the other. */
export function textPdf(lines: string[], options: { pageCount?: number; trailer?: string } = {}): Buffer {
  const height = 60 + lines.length * 16;
  const content = ["BT", "/F1 11 Tf", `14 ${height - 30} Td`, "14 TL", ...lines.map((l) => `(${escape(l)}) Tj T*`), "ET"].join("\n");
  return buildPdf(
    [
      "<< /Type /Catalog /Pages 2 0 R >>",
      // /Count is what a reader believes about the page count; a hostile file can lie.
      `<< /Type /Pages /Kids [3 0 R] /Count ${options.pageCount ?? 1} >>`,
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 227 ${height}] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>`,
      stream("", Buffer.from(content, "latin1")),
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ],
    options.trailer,
  );
}

/** A page that is a JPEG and nothing else, as a scanner writes it. */
export function imagePdf(jpeg: Buffer, width: number, height: number): Buffer {
  // 72 dpi points: the page is the picture's size at 150 dpi.
  const w = Math.round((width * 72) / 150);
  const h = Math.round((height * 72) / 150);
  return buildPdf([
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${w} ${h}] /Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>`,
    stream("", Buffer.from(`q ${w} 0 0 ${h} 0 0 cm /Im1 Do Q`, "latin1")),
    stream(`/Type /XObject /Subtype /Image /Width ${width} /Height ${height} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode`, jpeg),
  ]);
}

/** A blank page: no text, no picture. */
export function blankPdf(): Buffer {
  return textPdf([]);
}

/** Encrypted with the standard handler and a user password (the /U entry does not match an empty one). */
export function encryptedPdf(lines: string[]): Buffer {
  const hex32 = (byte: string) => byte.repeat(32);
  const encrypt = `/Encrypt << /Filter /Standard /V 1 /R 2 /O <${hex32("4f")}> /U <${hex32("55")}> /P -4 >> /ID [<${hex32("ab").slice(0, 32)}> <${hex32("ab").slice(0, 32)}>] `;
  return textPdf(lines, { trailer: encrypt });
}

/** The UK grocer's receipt (tests/fixtures/receipts/uk-grocer.jpg) as an e-receipt with a text layer. */
export const GROCER_LINES = [
  "CORNER GROCER",
  "12 High Street, Leeds LS1 4AB",
  "VAT No. GB 123 4567 89",
  "Date: 14/03/2026 10:42",
  "",
  "Milk 2L                  1.45",
  "Bread                    1.20",
  "Apples                   1.49",
  "",
  "SUBTOTAL                 4.14",
  "VAT 0%                   0.00",
  "TOTAL                   £4.14",
  "CARD                    £4.14",
  "Thank you for shopping with us",
];
