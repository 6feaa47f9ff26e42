// What one statement's booked rows add up to, kept as they stream past: the balance proof
// compares opening + rows with the closing balance the bank states.

export class BalanceTally {
  private sum = 0n;
  private from: string | null = null;
  private to: string | null = null;

  add(date: string, amountMinor: bigint): void {
    this.sum += amountMinor;
    if (this.from === null || date < this.from) this.from = date;
    if (this.to === null || date > this.to) this.to = date;
  }

  summary(): { dateFrom: string | null; dateTo: string | null; rowsSumMinor: bigint } {
    return { dateFrom: this.from, dateTo: this.to, rowsSumMinor: this.sum };
  }
}
