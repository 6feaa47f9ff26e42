import { describe, expect, it } from "vitest";
import { detectReceiptType } from "./detect-receipt-type";

const bytes = (...parts: (string | number[])[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === "string" ? [...p].map((c) => c.charCodeAt(0)) : p)));

describe("detectReceiptType", () => {
  it("knows JPEG, PNG, WebP and HEIC by their first bytes, whatever the name", () => {
    expect(detectReceiptType(bytes([0xff, 0xd8, 0xff, 0xe0]))).toEqual({ ok: true, contentType: "image/jpeg" });
    expect(detectReceiptType(bytes([0x89], "PNG\r\n\x1a\n"))).toEqual({ ok: true, contentType: "image/png" });
    expect(detectReceiptType(bytes("RIFF", [0, 0, 0, 0], "WEBPVP8 "))).toEqual({ ok: true, contentType: "image/webp" });
    expect(detectReceiptType(bytes([0, 0, 0, 0x1c], "ftypheic", [0, 0, 0, 0]))).toEqual({ ok: true, contentType: "image/heic" });
    expect(detectReceiptType(bytes([0, 0, 0, 0x1c], "ftypmif1", [0, 0, 0, 0]))).toEqual({ ok: true, contentType: "image/heic" });
  });

  it("knows a PDF by its %PDF- magic, not by its name", () => {
    expect(detectReceiptType(bytes("%PDF-1.4\n"))).toEqual({ ok: true, contentType: "application/pdf" });
    expect(detectReceiptType(bytes("%PDF"))).toMatchObject({ ok: false });
    expect(detectReceiptType(bytes(" %PDF-1.4"))).toMatchObject({ ok: false });
  });

  it("refuses AVIF in words, and anything else", () => {
    expect(detectReceiptType(bytes([0, 0, 0, 0x1c], "ftypavif", [0, 0, 0, 0]))).toMatchObject({ ok: false, reason: expect.stringMatching(/AVIF/) });
    expect(detectReceiptType(bytes("GIF89a"))).toMatchObject({ ok: false });
    expect(detectReceiptType(bytes([0xff]))).toMatchObject({ ok: false });
  });
});
