import { canonicalDescription } from "../finance/csv";

// The occurrence index of lib/finance/csv's OccurrenceCounter (the first identical row of a
// file is 0, the second 1…) in a fraction of its memory and time: OccurrenceCounter keeps a Map
// of 22-character sha256 strings, about 100 bytes per distinct row (100 MB for a million-row
// file); this keeps a 64-bit hash and a count in typed arrays, 12 bytes per slot at most 50 %
// full (about 25 MB for a million rows). The hash only has to tell rows apart within one run of
// one file (it is never stored, unlike the fingerprint), so it is a plain 64-bit string hash in
// JS, ten times cheaper per row than a sha256 (bench/RESULTS.md). Same key (date, amount,
// normalized description), so the same occurrences: a 64-bit clash among a million rows has
// odds of about 1 in 36 million, and would only number one row as a repeat of another.

const INITIAL_SLOTS = 1 << 12;

export class CompactOccurrenceCounter {
  private hi = new Uint32Array(INITIAL_SLOTS);
  private lo = new Uint32Array(INITIAL_SLOTS);
  private counts = new Uint32Array(INITIAL_SLOTS);
  private used = 0;

  next(row: { date: string; amountMinor: bigint; description: string }): number {
    return this.nextNormalized(row.date, row.amountMinor, canonicalDescription(row.description));
  }

  /** next() for a row whose description is already canonicalDescription()'s output. */
  nextNormalized(date: string, amountMinor: bigint, normalizedDescription: string): number {
    // U+001F cannot occur in a date, an amount or a normalized description (controls become spaces).
    hash64(`${date}\u001f${amountMinor}\u001f${normalizedDescription}`);
    const hi = hashHi;
    // 0/0 marks an empty slot.
    const lo = hashLo || 1;
    const slot = this.find(hi, lo);
    if (this.counts[slot] === 0) {
      this.hi[slot] = hi;
      this.lo[slot] = lo;
      this.used++;
    }
    const occurrence = this.counts[slot];
    this.counts[slot] = occurrence + 1;
    if (this.used * 2 > this.hi.length) this.grow();
    return occurrence;
  }

  /** The slot holding this digest, or the empty slot where it belongs (linear probing). */
  private find(hi: number, lo: number): number {
    const mask = this.hi.length - 1;
    let slot = (hi ^ Math.imul(lo, 0x9e3779b1)) & mask;
    while (this.counts[slot] !== 0 && (this.hi[slot] !== hi || this.lo[slot] !== lo)) slot = (slot + 1) & mask;
    return slot;
  }

  private grow(): void {
    const { hi, lo, counts } = this;
    this.hi = new Uint32Array(hi.length * 2);
    this.lo = new Uint32Array(hi.length * 2);
    this.counts = new Uint32Array(hi.length * 2);
    for (let i = 0; i < hi.length; i++) {
      if (counts[i] === 0) continue;
      const slot = this.find(hi[i], lo[i]);
      this.hi[slot] = hi[i];
      this.lo[slot] = lo[i];
      this.counts[slot] = counts[i];
    }
  }
}

let hashHi = 0;
let hashLo = 0;

/**
 * Two 32-bit lanes over the UTF-16 code units (FNV-1a, and a Murmur-style multiply-xorshift),
 * each finished with an avalanche step; the result is left in hashHi/hashLo (no allocation).
 */
function hash64(text: string): void {
  let a = 0x811c9dc5 | 0;
  let b = 0x9747b28c | 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  a ^= a >>> 16;
  a = Math.imul(a, 0x85ebca6b);
  a ^= a >>> 13;
  b = Math.imul(b ^ (b >>> 16), 0xc2b2ae35);
  b ^= b >>> 16;
  hashHi = a >>> 0;
  hashLo = b >>> 0;
}
