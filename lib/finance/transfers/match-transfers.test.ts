import { describe, expect, it } from "vitest";
import { matchTransfers, pairKey, type TransferAccount, type TransferCandidate } from "./match-transfers";

const accounts: TransferAccount[] = [
  { id: "chk", name: "Everyday Checking", number: "000123456789", currency: "USD" },
  { id: "sav", name: "Savings", number: "987650001111", currency: "USD" },
  { id: "card", name: "Sapphire Visa", number: "4111111111114242", currency: "USD" },
  { id: "eur", name: "Euro Account", number: null, currency: "EUR" },
];

let seq = 0;
function row(accountId: string, date: string, amount: number, description = "Transfer"): TransferCandidate {
  seq += 1;
  return { id: `t${String(seq).padStart(3, "0")}`, accountId, date, amountMinor: BigInt(Math.round(amount * 100)), description };
}

const ids = (pairs: { outflowId: string; inflowId: string }[]) => pairs.map((p) => [p.outflowId, p.inflowId]);

describe("matchTransfers", () => {
  it("pairs a savings → checking transfer of equal amount within the window", () => {
    const out = row("sav", "2026-03-02", -500, "Transfer to checking");
    const inn = row("chk", "2026-03-03", 500, "Online transfer from savings");
    expect(ids(matchTransfers([inn, out], accounts))).toEqual([[out.id, inn.id]]);
  });

  it("pairs a credit card payment: checking −800 with card +800", () => {
    const out = row("chk", "2026-03-05", -800, "SAPPHIRE AUTOPAY");
    const inn = row("card", "2026-03-07", 800, "AUTOMATIC PAYMENT - THANK YOU");
    expect(ids(matchTransfers([out, inn], accounts))).toEqual([[out.id, inn.id]]);
  });

  it("does not pair equal amounts when neither description hints at a transfer", () => {
    const purchase = row("chk", "2026-03-05", -123.45, "TARGET 0042");
    const refund = row("card", "2026-03-06", 123.45, "AMAZON MKTPL REFUND");
    expect(matchTransfers([purchase, refund], accounts)).toEqual([]);
  });

  it("does not pair a friend's payment with a card purchase of the same amount", () => {
    const dinner = row("card", "2026-03-05", -86.4, "NOBU NEW YORK");
    const payback = row("chk", "2026-03-06", 86.4, "VENMO PAYMENT RECEIVED");
    expect(matchTransfers([dinner, payback], accounts)).toEqual([]);
  });

  it("pairs when only one side hints at a transfer and nothing competes", () => {
    const out = row("chk", "2026-03-05", -123.45, "ONLINE TRANSFER REF 99812");
    const inn = row("sav", "2026-03-05", 123.45, "DEPOSIT");
    expect(matchTransfers([out, inn], accounts)).toHaveLength(1);
  });

  it("does not pair amounts in the same account", () => {
    expect(matchTransfers([row("chk", "2026-03-05", -50, "Transfer"), row("chk", "2026-03-05", 50, "Transfer")], accounts)).toEqual([]);
  });

  it("does not pair accounts of different currencies", () => {
    expect(matchTransfers([row("chk", "2026-03-05", -50, "Transfer"), row("eur", "2026-03-05", 50, "Transfer")], accounts)).toEqual([]);
  });

  it("does not pair outside the window", () => {
    expect(matchTransfers([row("chk", "2026-03-01", -50, "Transfer"), row("sav", "2026-03-06", 50, "Transfer")], accounts)).toEqual([]);
    expect(matchTransfers([row("chk", "2026-03-01", -50, "Transfer"), row("sav", "2026-03-05", 50, "Transfer")], accounts)).toHaveLength(1);
  });

  it("does not pair two outflows or two inflows, or different amounts", () => {
    expect(matchTransfers([row("chk", "2026-03-01", -50), row("sav", "2026-03-01", -50)], accounts)).toEqual([]);
    expect(matchTransfers([row("chk", "2026-03-01", -50), row("sav", "2026-03-01", 50.01)], accounts)).toEqual([]);
  });

  it("prefers the closer date between equally hinted candidates", () => {
    const out1 = row("chk", "2026-03-01", -200, "Transfer to savings");
    const out2 = row("chk", "2026-03-04", -200, "Transfer to savings");
    const in1 = row("sav", "2026-03-01", 200, "Transfer from checking");
    const in2 = row("sav", "2026-03-04", 200, "Transfer from checking");
    expect(ids(matchTransfers([out1, out2, in1, in2], accounts))).toEqual([
      [out1.id, in1.id],
      [out2.id, in2.id],
    ]);
  });

  it("prefers the candidate whose description names the account over a closer purchase of the same amount", () => {
    const transfer = row("chk", "2026-03-01", -300, "Online transfer to Savings xxxx1111");
    const purchase = row("chk", "2026-03-02", -300, "BEST BUY #123");
    const inn = row("sav", "2026-03-02", 300, "Transfer from Everyday Checking");
    expect(ids(matchTransfers([purchase, transfer, inn], accounts))).toEqual([[transfer.id, inn.id]]);
  });

  it("recognises the other account by the last four digits of its number", () => {
    const out = row("chk", "2026-03-01", -75, "WEB PMT CARD ENDING 4242");
    const decoy = row("chk", "2026-03-01", -75, "WEB PMT");
    const inn = row("card", "2026-03-02", 75, "PAYMENT RECEIVED");
    expect(ids(matchTransfers([out, decoy, inn], accounts))).toEqual([[out.id, inn.id]]);
  });

  it("leaves a tie unpaired instead of guessing", () => {
    const out = row("chk", "2026-03-03", -400, "Transfer");
    const in1 = row("sav", "2026-03-02", 400, "Transfer");
    const in2 = row("card", "2026-03-04", 400, "Transfer");
    expect(matchTransfers([out, in1, in2], accounts)).toEqual([]);
  });

  it("settles a tie once the rival is paired elsewhere", () => {
    // sav −60 on the 2nd ties between chk +60 on the 1st and on the 3rd; the one on the 3rd
    // has its own exact partner (card −60 on the 3rd), so the tie resolves in a second round.
    const out = row("sav", "2026-03-02", -60, "Transfer");
    const inA = row("chk", "2026-03-01", 60, "Transfer");
    const inB = row("chk", "2026-03-03", 60, "Transfer");
    const other = row("card", "2026-03-03", -60, "Transfer");
    const pairs = ids(matchTransfers([out, inA, inB, other], accounts));
    expect(pairs).toContainEqual([other.id, inB.id]);
    expect(pairs).toContainEqual([out.id, inA.id]);
  });

  it("keeps the salary that equals a transfer's amount out of the pair", () => {
    const salary = row("chk", "2026-03-01", 2000, "ACME CORP PAYROLL");
    const out = row("sav", "2026-03-02", -2000, "Transfer to Everyday Checking");
    const inn = row("chk", "2026-03-02", 2000, "Transfer from Savings");
    expect(ids(matchTransfers([salary, out, inn], accounts))).toEqual([[out.id, inn.id]]);
  });

  it("never pairs a dismissed pair again, and does not give its rows to a worse candidate by default", () => {
    const out = row("chk", "2026-03-01", -90, "Transfer");
    const inn = row("sav", "2026-03-01", 90, "Transfer");
    expect(matchTransfers([out, inn], accounts, { dismissed: new Set([pairKey(inn.id, out.id)]) })).toEqual([]);
  });

  it("pairs one to one", () => {
    const out = row("chk", "2026-03-01", -90, "Transfer to savings");
    const in1 = row("sav", "2026-03-01", 90, "Transfer from checking");
    const in2 = row("sav", "2026-03-03", 90, "Transfer from checking");
    const pairs = matchTransfers([out, in1, in2], accounts);
    expect(ids(pairs)).toEqual([[out.id, in1.id]]);
  });

  it("gives the same pairs whatever the input order", () => {
    const rows = [
      row("chk", "2026-03-01", -90, "Transfer"),
      row("sav", "2026-03-02", 90, "Transfer"),
      row("card", "2026-03-03", 90, "Payment"),
      row("chk", "2026-03-04", -90, "Payment"),
      row("sav", "2026-03-04", -25, "xfer"),
      row("chk", "2026-03-05", 25, "y"),
    ];
    const expected = matchTransfers(rows, accounts);
    expect(expected.length).toBeGreaterThan(0);
    expect(matchTransfers([...rows].reverse(), accounts)).toEqual(expected);
    expect(matchTransfers([rows[3], rows[0], rows[5], rows[2], rows[4], rows[1]], accounts)).toEqual(expected);
  });

  it("ignores rows of unknown accounts and zero amounts", () => {
    expect(matchTransfers([row("gone", "2026-03-01", -5, "Transfer"), row("sav", "2026-03-01", 5, "Transfer"), row("chk", "2026-03-01", 0, "Transfer"), row("sav", "2026-03-01", 0, "Transfer")], accounts)).toEqual([]);
  });
});
