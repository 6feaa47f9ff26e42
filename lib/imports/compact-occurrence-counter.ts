import { createHash } from "node:crypto";
import { normalizeDescription } from "../finance/csv";

// The occurrence index of lib/finance/csv's OccurrenceCounter (the first identical row of a
// file is 0, the second 1…) in a fraction of its memory: OccurrenceCounter keeps a Map of
// 22-character strings, about 100 bytes per distinct row (100 MB for a million-row file); this
// keeps a 64-bit digest and a count in typed arrays, 12 bytes per slot at most 50 % full (about
// 25 MB for a million rows). Same key (date, amount, normalized description), same digest
// (sha256), so the same occurrences: a 64-bit clash among a million rows has odds of about
// 1 in 36 million, and would only number one row as a repeat of another.

const INITIAL_SLOTS = 1 << 12;

export class CompactOccurrenceCounter {
  private hi = new Uint32Array(INITIAL_SLOTS);
  private lo = new Uint32Array(INITIAL_SLOTS);
  private counts = new Uint32Array(INITIAL_SLOTS);
  private used = 0;

  next(row: { date: string; amountMinor: bigint; description: string }): number {
    return this.nextNormalized(row.date, row.amountMinor, normalizeDescription(row.description));
  }

  /** next() for a row whose description is already normalizeDescription()'s output. */
  nextNormalized(date: string, amountMinor: bigint, normalizedDescription: string): number {
    const digest = createHash("sha256")
      .update(JSON.stringify([date, amountMinor.toString(), normalizedDescription]))
      .digest();
    const hi = digest.readUInt32LE(0);
    // 0/0 marks an empty slot.
    const lo = digest.readUInt32LE(4) || 1;
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
