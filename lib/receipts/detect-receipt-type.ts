// A receipt's file type, by its first bytes (what it is, not what its name or the browser
// claims). A PDF's first page is read by lib/receipts/read-pdf.ts (its text layer, or the page
// drawn and read by OCR).

export type ReceiptContentType = "image/jpeg" | "image/png" | "image/webp" | "image/heic" | "application/pdf";

export type DetectedType = { ok: true; contentType: ReceiptContentType } | { ok: false; reason: string };

const HEIC_BRANDS = new Set(["heic", "heix", "heim", "heis", "hevc", "hevx", "mif1", "msf1"]);

export function detectReceiptType(bytes: Uint8Array): DetectedType {
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return { ok: true, contentType: "image/jpeg" };
  if (bytes.length >= 8 && ascii(0, 8) === "\x89PNG\r\n\x1a\n") return { ok: true, contentType: "image/png" };
  if (bytes.length >= 12 && ascii(0, 4) === "RIFF" && ascii(8, 12) === "WEBP") return { ok: true, contentType: "image/webp" };
  if (bytes.length >= 12 && ascii(4, 8) === "ftyp") {
    const brand = ascii(8, 12);
    if (HEIC_BRANDS.has(brand)) return { ok: true, contentType: "image/heic" };
    if (brand === "avif" || brand === "avis") return { ok: false, reason: "AVIF images are not read yet: send a JPEG, PNG or HEIC photo." };
  }
  if (bytes.length >= 5 && ascii(0, 5) === "%PDF-") {
    return { ok: true, contentType: "application/pdf" };
  }
  return { ok: false, reason: "This is not a JPEG, PNG, WebP or HEIC image, nor a PDF." };
}
