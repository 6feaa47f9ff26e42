import { describe, expect, it } from "vitest";
import { CsvFileError } from "./csv-file-error";
import { createChunkDecoder, decodeWindows1252, sampleText } from "./decode-text";
import { detectEncoding, findInvalidUtf8 } from "./detect-encoding";

const bytes = (...values: number[]) => Uint8Array.from(values);
const utf8 = (text: string) => new Uint8Array(Buffer.from(text, "utf8"));

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof CsvFileError) return error.code;
    throw error;
  }
  return "no error";
}

describe("detectEncoding", () => {
  it("recognises a UTF-8 BOM", () => {
    expect(detectEncoding(utf8("\ufeffDate,Amount\n"))).toBe("utf-8-bom");
  });

  it("calls valid UTF-8 utf-8", () => {
    expect(detectEncoding(utf8("Date,Payee\n2024-01-01,Café Müller\n"))).toBe("utf-8");
  });

  it("calls plain ASCII utf-8", () => {
    expect(detectEncoding(utf8("Date,Amount\n"))).toBe("utf-8");
  });

  it("calls bytes that are not UTF-8 windows-1252", () => {
    expect(detectEncoding(Buffer.from("Caf\xe9;M\xfcller\n", "latin1"))).toBe("windows-1252");
  });

  it("does not fail on a UTF-8 character cut by the end of the sniffed window", () => {
    const head = Buffer.concat([Buffer.alloc(64 * 1024 - 1, "a"), Buffer.from("é")]);
    expect(detectEncoding(head)).toBe("utf-8");
  });

  it("recognises UTF-16 by its BOM", () => {
    expect(detectEncoding(bytes(0xff, 0xfe, 0x44, 0x00))).toBe("utf-16le");
    expect(detectEncoding(bytes(0xfe, 0xff, 0x00, 0x44))).toBe("utf-16be");
  });

  it("refuses an empty file", () => {
    expect(codeOf(() => detectEncoding(new Uint8Array(0)))).toBe("empty_file");
  });

  it("refuses images, PDFs and workbooks by their magic numbers", () => {
    for (const magic of [
      [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a],
      [0xff, 0xd8, 0xff, 0xe0],
      [0x25, 0x50, 0x44, 0x46, 0x2d],
      [0x50, 0x4b, 0x03, 0x04],
      [0xd0, 0xcf, 0x11, 0xe0],
    ]) {
      expect(codeOf(() => detectEncoding(bytes(...magic)))).toBe("binary_file");
    }
  });

  it("refuses a file with NUL bytes", () => {
    expect(codeOf(() => detectEncoding(bytes(0x41, 0x00, 0x42)))).toBe("binary_file");
  });
});

describe("findInvalidUtf8", () => {
  it("finds overlong forms and surrogates", () => {
    expect(findInvalidUtf8(bytes(0x41, 0xc0, 0xaf))).toBe(1);
    expect(findInvalidUtf8(bytes(0xed, 0xa0, 0x80))).toBe(0);
    expect(findInvalidUtf8(utf8("ok €😀"))).toBe(-1);
  });
});

describe("decoding", () => {
  it("decodes Windows-1252 0x80-0x9F as the characters Excel writes, not C1 controls", () => {
    expect(decodeWindows1252(bytes(0x80, 0x96, 0x93, 0x94, 0x9f, 0xe4))).toBe("€–“”Ÿä");
  });

  it("decodes UTF-8 split across chunks in the middle of a character", () => {
    const decoder = createChunkDecoder("utf-8");
    const euro = utf8("€");
    expect(decoder.decode(euro.subarray(0, 1)) + decoder.decode(euro.subarray(1)) + decoder.decode(new Uint8Array(0), true)).toBe("€");
  });

  it("drops the BOM when decoding utf-8-bom", () => {
    expect(createChunkDecoder("utf-8-bom").decode(utf8("\ufeffDate"), true)).toBe("Date");
  });

  it("reports invalid UTF-8 with its line and byte", () => {
    const decoder = createChunkDecoder("utf-8");
    decoder.decode(utf8("a\nb\n"));
    expect(() => decoder.decode(Buffer.from("c\nd\xff\n", "latin1"))).toThrow(/not valid UTF-8 at line 4 \(byte 8\)/);
  });

  it("takes a sample of whole lines for detection", () => {
    const head = utf8("a,b\n".repeat(300));
    expect(sampleText(head, "utf-8", { maxLines: 200 }).split("\n")).toHaveLength(201);
    const cut = utf8("a,b\nc,d\ne,");
    expect(sampleText(cut, "utf-8", { maxBytes: 9 })).toBe("a,b\nc,d\n");
  });
});
