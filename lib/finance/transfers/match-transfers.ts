// Pairs the two sides of a transfer between a person's own accounts: money out of one account
// and the same amount into another account of the same currency within a few days (a card's
// payment included: checking −800 ↔ card +800). Pure: the caller loads the rows and writes the
// pairs (lib/transfers/match-user-transfers.ts).
//
// Conservative, because a wrong pair hides real income or spending: a pair is taken only when
// each side is the other's single best candidate, and the descriptions say "transfer" (the
// other account's name or number, transfer words, or payment words on both sides). Candidates rank by how strongly their
// descriptions say "transfer" (the other account named, or transfer words), then by how close
// their dates are. Date alone ranks second on purpose: a purchase of the same amount on the
// inflow's own day is closer than the real transfer a day earlier, but names no account. When
// the best candidates tie, nothing is paired (precision over recall); a later round may settle
// the tie once the rival is paired elsewhere. The result does not depend on the input's order.

/** Days between the two sides of a transfer, at most. */
export const TRANSFER_WINDOW_DAYS = 4;

/** The whole history (YYYY-MM-DD): a change that does not say which dates it touched. */
export const ALL_DATES = { from: "1900-01-01", to: "2199-12-31" } as const;

export interface TransferAccount {
  id: string;
  name: string;
  /** The bank's account number or IBAN, when known: its last four digits are a hint. */
  number: string | null;
  currency: string;
}

export interface TransferCandidate {
  id: string;
  accountId: string;
  /** YYYY-MM-DD */
  date: string;
  /** Minor units; negative is money out. */
  amountMinor: bigint;
  description: string;
  payee?: string | null;
}

export interface TransferPair {
  /** The money-out side. */
  outflowId: string;
  inflowId: string;
}

export interface MatchOptions {
  windowDays?: number;
  /** Pairs the person unlinked: never paired again ("idA|idB", either order; see pairKey). */
  dismissed?: ReadonlySet<string>;
}

export function pairKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

// Words that say "moved between accounts" (strong) and words that only say money was paid
// (weak: a friend's "VENMO PAYMENT RECEIVED" can equal a dinner on the card).
const TRANSFER_WORDS =
  /\b(transfers?|xfer|xfr|trnsfr|tfr|autopay|auto pay|epay|internet banking|online banking|to savings|from savings|to checking|from checking)\b/;
const PAYMENT_WORDS = /\b(payments?|pymt|pmt|thank you)\b/;

// Words an account's name shares with any bank text: they say nothing about which account.
const GENERIC_NAME_WORDS = new Set(["account", "acct", "bank", "card", "the", "my", "and", "of", "main", "personal", "joint"]);

interface Side {
  row: TransferCandidate;
  day: number;
  magnitude: bigint;
  text: string;
  /** 2 for transfer words, 1 for payment words, 0 for none. */
  words: number;
}

function dayNumber(date: string): number {
  return Math.floor(Date.parse(`${date}T00:00:00Z`) / 86_400_000);
}

function normalize(text: string): string {
  return ` ${text.toLowerCase().replace(/[^a-z0-9]+/g, " ").trim()} `;
}

/** Whether a bank text names the account: its whole name, a distinctive word of it, or its last four digits. */
function namesAccount(text: string, account: TransferAccount): boolean {
  const name = normalize(account.name).trim();
  if (name && text.includes(` ${name} `)) return true;
  for (const word of name.split(" ")) {
    if (word.length >= 4 && !GENERIC_NAME_WORDS.has(word) && !/^\d+$/.test(word) && text.includes(` ${word} `)) return true;
  }
  const digits = (account.number ?? "").replace(/\D/g, "");
  if (digits.length >= 4) {
    const last4 = digits.slice(-4);
    // "...1234", "x1234", "#1234", "ending 1234": the digits as a word of their own or a number's tail.
    if (new RegExp(`(^|[^0-9])${last4}([^0-9]|$)`).test(text) || text.includes(`x${last4} `)) return true;
  }
  return false;
}

/**
 * How strongly the two descriptions say they are one transfer, side by side: each side that
 * names the other's account adds 4, transfer words 2, payment words 1 (0 to 12). Per side, so
 * the row that says "to Savings" beats a purchase when the inflow names only the outflow's
 * account (which both candidates share).
 */
function hintStrength(out: Side, inn: Side, accounts: ReadonlyMap<string, TransferAccount>): number {
  const outAccount = accounts.get(out.row.accountId)!;
  const inAccount = accounts.get(inn.row.accountId)!;
  return (namesAccount(out.text, inAccount) ? 4 : 0) + (namesAccount(inn.text, outAccount) ? 4 : 0) + out.words + inn.words;
}

/** The least hint a candidate needs: an account named, transfer words, or payment words on both sides. */
const MIN_HINT = 2;

interface Edge {
  out: number;
  inn: number;
  hint: number;
  gap: number;
}

/** Better first: stronger hint, then the closer date. 0 when the two are equally good. */
function compareEdges(a: Edge, b: Edge): number {
  return b.hint - a.hint || a.gap - b.gap;
}

export function matchTransfers(
  rows: readonly TransferCandidate[],
  accounts: readonly TransferAccount[],
  options: MatchOptions = {},
): TransferPair[] {
  const windowDays = options.windowDays ?? TRANSFER_WINDOW_DAYS;
  const dismissed = options.dismissed ?? new Set<string>();
  const accountById = new Map(accounts.map((a) => [a.id, a]));

  const sides: Side[] = [];
  for (const row of rows) {
    if (row.amountMinor === 0n || !accountById.has(row.accountId)) continue;
    const text = normalize(`${row.description} ${row.payee ?? ""}`);
    sides.push({ row, day: dayNumber(row.date), magnitude: row.amountMinor < 0n ? -row.amountMinor : row.amountMinor, text, words: TRANSFER_WORDS.test(text) ? 2 : PAYMENT_WORDS.test(text) ? 1 : 0 });
  }

  // Candidates meet on (currency, magnitude): only those groups can hold a pair.
  const groups = new Map<string, { outs: number[]; ins: number[] }>();
  sides.forEach((side, index) => {
    const key = `${accountById.get(side.row.accountId)!.currency}:${side.magnitude}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { outs: [], ins: [] }));
    (side.row.amountMinor < 0n ? group.outs : group.ins).push(index);
  });

  const edgesOf = new Map<number, Edge[]>();
  const addEdge = (node: number, edge: Edge) => {
    const list = edgesOf.get(node);
    if (list) list.push(edge);
    else edgesOf.set(node, [edge]);
  };
  for (const { outs, ins } of groups.values()) {
    if (outs.length === 0 || ins.length === 0) continue;
    for (const o of outs) {
      const out = sides[o];
      for (const i of ins) {
        const inn = sides[i];
        const gap = Math.abs(out.day - inn.day);
        if (gap > windowDays || out.row.accountId === inn.row.accountId) continue;
        if (dismissed.has(pairKey(out.row.id, inn.row.id))) continue;
        const hint = hintStrength(out, inn, accountById);
        // Equal amounts with no word of a transfer are a coincidence as often as not (a refund
        // on the card the week of a purchase of the same price; a friend paying back a dinner).
        if (hint < MIN_HINT) continue;
        const edge = { out: o, inn: i, hint, gap };
        addEdge(o, edge);
        addEdge(i, edge);
      }
    }
  }

  const taken = new Set<number>();
  // A node's single best open edge, or null when it has none or its best ones tie.
  const bestEdge = (node: number): Edge | null => {
    let best: Edge | null = null;
    let tied = false;
    for (const edge of edgesOf.get(node) ?? []) {
      if (taken.has(edge.out) || taken.has(edge.inn)) continue;
      const order = best ? compareEdges(edge, best) : -1;
      if (order < 0) {
        best = edge;
        tied = false;
      } else if (order === 0) tied = true;
    }
    return tied ? null : best;
  };

  const pairs: TransferPair[] = [];
  // Each round takes every mutual single-best edge (a set that does not depend on the order),
  // then looks again: a tie may be settled once a rival is paired.
  for (;;) {
    const round: Edge[] = [];
    for (const node of edgesOf.keys()) {
      if (taken.has(node) || sides[node].row.amountMinor > 0n) continue;
      const edge = bestEdge(node);
      if (edge && bestEdge(edge.inn) === edge) round.push(edge);
    }
    if (round.length === 0) break;
    for (const edge of round) {
      taken.add(edge.out);
      taken.add(edge.inn);
      pairs.push({ outflowId: sides[edge.out].row.id, inflowId: sides[edge.inn].row.id });
    }
  }
  return pairs.sort((a, b) => (a.outflowId < b.outflowId ? -1 : a.outflowId > b.outflowId ? 1 : 0));
}

/** Whether two rows may form a transfer at all (a hand-made link checks this, currency aside). */
export function isOppositePair(a: { amountMinor: bigint; accountId: string | null }, b: { amountMinor: bigint; accountId: string | null }): boolean {
  return a.accountId !== null && b.accountId !== null && a.accountId !== b.accountId && a.amountMinor !== 0n && (a.amountMinor < 0n) !== (b.amountMinor < 0n);
}
