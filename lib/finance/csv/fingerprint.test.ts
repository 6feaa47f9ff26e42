import { describe, expect, it } from "vitest";
import { fingerprint, fingerprintNormalized, canonicalDescription, OccurrenceCounter } from "./fingerprint";

const base = { userId: "u1", accountId: "a1", date: "2024-01-27", amountMinor: -435n, description: "PRET A MANGER", occurrence: 0 };

describe("fingerprint", () => {
  it("is a hex sha256", () => {
    expect(fingerprint(base)).toMatch(/^[0-9a-f]{64}$/);
  });

  it("is the same for the same row re-exported with different case and spacing", () => {
    expect(fingerprint({ ...base, description: "  Pret  a\tManger " })).toBe(fingerprint(base));
  });

  it("differs by occurrence, so two identical same-day purchases are two transactions", () => {
    expect(fingerprint({ ...base, occurrence: 1 })).not.toBe(fingerprint(base));
  });

  it("keeps reference numbers: rows that differ only by a number stay distinct", () => {
    expect(fingerprint({ ...base, description: "CHECK 1042" })).not.toBe(fingerprint({ ...base, description: "CHECK 1043" }));
  });

  it("differs by user, account, date and amount", () => {
    const one = fingerprint(base);
    expect(fingerprint({ ...base, userId: "u2" })).not.toBe(one);
    expect(fingerprint({ ...base, accountId: "a2" })).not.toBe(one);
    expect(fingerprint({ ...base, date: "2024-01-28" })).not.toBe(one);
    expect(fingerprint({ ...base, amountMinor: 435n })).not.toBe(one);
  });

  it("cannot be forged by a description that imitates a field separator", () => {
    const a = fingerprint({ ...base, accountId: "a1", description: "x" });
    const b = fingerprint({ ...base, accountId: "a1\u001fx", description: "" });
    expect(a).not.toBe(b);
  });
});

describe("canonicalDescription", () => {
  it("folds full-width characters and removes zero-width ones", () => {
    expect(canonicalDescription("ＡＭＡＺＯＮ\u200b  Mktp")).toBe("amazon mktp");
  });
});

describe("OccurrenceCounter", () => {
  it("numbers identical rows 0, 1, 2 and leaves different rows at 0", () => {
    const counter = new OccurrenceCounter();
    const row = { date: "2024-01-27", amountMinor: -435n, description: "PRET A MANGER" };
    expect([counter.next(row), counter.next({ ...row, description: "pret a  manger" }), counter.next(row)]).toEqual([0, 1, 2]);
    expect(counter.next({ ...row, amountMinor: -436n })).toBe(0);
  });

  it("gives a re-import of the same file the same fingerprints, and an overlapping file only its new rows", () => {
    const fileA = [
      { date: "2024-01-26", amountMinor: -500n, description: "COFFEE" },
      { date: "2024-01-27", amountMinor: -435n, description: "PRET" },
      { date: "2024-01-27", amountMinor: -435n, description: "PRET" },
    ];
    const fileB = [...fileA.slice(1), { date: "2024-01-28", amountMinor: -900n, description: "LUNCH" }];
    const prints = (rows: typeof fileA) => {
      const counter = new OccurrenceCounter();
      return rows.map((r) => fingerprint({ ...r, userId: "u", accountId: "a", occurrence: counter.next(r) }));
    };
    const stored = new Set(prints(fileA));
    expect(stored.size).toBe(3);
    expect(prints(fileA).filter((p) => !stored.has(p))).toHaveLength(0);
    expect(prints(fileB).filter((p) => !stored.has(p))).toHaveLength(1);
  });
});

describe("the printable-ASCII fast path", () => {
  const reference = (s: string) =>
    s
      .normalize("NFKC")
      .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2060\ufeff]/g, " ")
      .toLowerCase()
      .replace(/\s+/g, " ")
      .trim();

  it("normalizes exactly as the full Unicode path does", () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const alphabet = " \t\n  AbZz09.,*#&/-'\"\u00a0\u00e9\u200bＡ";
    for (let i = 0; i < 2000; i++) {
      const text = Array.from({ length: Math.floor(random() * 30) }, () => alphabet[Math.floor(random() * alphabet.length)]).join("");
      expect(canonicalDescription(text), JSON.stringify(text)).toBe(reference(text));
    }
    expect(canonicalDescription("  SQ *BLUE  BOTTLE   CA ")).toBe("sq *blue bottle ca");
  });

  it("fingerprintNormalized of the normalized description is the row's fingerprint", () => {
    const row = { userId: "u1", accountId: "a1", date: "2024-03-01", amountMinor: -450n, description: " Blue  BOTTLE\u200b ", occurrence: 1 };
    expect(fingerprintNormalized({ ...row, description: canonicalDescription(row.description) })).toBe(fingerprint(row));
  });
});
