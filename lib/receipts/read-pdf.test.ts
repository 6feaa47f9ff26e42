import { readFileSync } from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { blankPdf, encryptedPdf, GROCER_LINES, textPdf } from "../../tests/helpers/make-pdf";
import { extractReceiptFields } from "./extract-fields";
import { UnreadableImageError } from "./prepare-image";
import { readPdfFirstPage, textItemsToLines } from "./read-pdf";

const FIXTURES = path.join(import.meta.dirname, "../../tests/fixtures/receipts");

describe("textItemsToLines", () => {
  it("puts items back into lines by baseline, left to right", () => {
    const item = (str: string, x: number, y: number) => ({ str, transform: [1, 0, 0, 1, x, y], height: 10 });
    expect(textItemsToLines([item("4.14", 200, 50), item("TOTAL", 10, 51), item("SHOP", 10, 100), item(" ", 5, 70)])).toBe("SHOP\nTOTAL 4.14");
  });
});

describe("readPdfFirstPage", () => {
  it("reads an e-receipt's text layer, line by line, and the fields come out of it", async () => {
    const page = await readPdfFirstPage(readFileSync(path.join(FIXTURES, "uk-grocer.pdf")), { render: true });
    expect(page.hasText).toBe(true);
    expect(page.pageCount).toBe(1);
    expect(page.text.split("\n")).toEqual(GROCER_LINES.filter(Boolean).map((l) => l.replace(/\s+/g, " ")));
    expect(extractReceiptFields(page.text, { defaultCurrency: "EUR", latestDate: "2026-12-31" })).toMatchObject({
      merchant: "CORNER GROCER",
      date: "2026-03-14",
      totalMinor: 414n,
      currency: "GBP",
    });
    // The page drawn for the preview: a PNG, long side 2400 px, on white.
    const meta = await sharp(page.png!).metadata();
    expect(meta.format).toBe("png");
    expect(Math.max(meta.width!, meta.height!)).toBe(2400);
  });

  it("draws a scanned page (no text layer) for OCR", async () => {
    const page = await readPdfFirstPage(readFileSync(path.join(FIXTURES, "uk-grocer-scan.pdf")));
    expect(page).toMatchObject({ hasText: false, text: "" });
    const { width, height } = await sharp(page.png!).metadata();
    expect(Math.max(width!, height!)).toBe(2400);
  });

  it("answers hostile PDFs in words: truncated, garbage, encrypted", async () => {
    const whole = textPdf(GROCER_LINES);
    await expect(readPdfFirstPage(whole.subarray(0, 200))).rejects.toThrow(/damaged or incomplete/);
    await expect(readPdfFirstPage(Buffer.from("%PDF-1.7\n<< /Type /Catalog"))).rejects.toThrow(/damaged or incomplete/);
    const encrypted = readPdfFirstPage(encryptedPdf(GROCER_LINES));
    await expect(encrypted).rejects.toBeInstanceOf(UnreadableImageError);
    await expect(encrypted).rejects.toThrow(/protected by a password/);
  });

  it("reads only the first page of a file claiming a billion pages", async () => {
    const page = await readPdfFirstPage(textPdf(GROCER_LINES, { pageCount: 1_000_000_000 }));
    expect(page.hasText).toBe(true);
    expect(page.text).toContain("TOTAL £4.14");
  });

  it("finds no text on a blank page", async () => {
    const page = await readPdfFirstPage(blankPdf());
    expect(page.hasText).toBe(false);
    expect(page.png).not.toBeNull();
  });

  it("leaves the caller's bytes as they were (pdf.js detaches what it is given)", async () => {
    const bytes = new Uint8Array(readFileSync(path.join(FIXTURES, "uk-grocer.pdf")));
    await readPdfFirstPage(bytes);
    expect(bytes.byteLength).toBeGreaterThan(1000);
  });
});
