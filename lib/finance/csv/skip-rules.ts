// Rows that are in the file but are not transactions: the statement's opening and closing
// balance lines, totals, pending (or declined) transactions, section headings ("Pending
// Transactions", "Posted Transactions") and blank lines. They are skipped with a reason the
// preview shows, never imported and never reported as errors. A row under a pending section
// heading is pending too, whatever its own cells say: the reader carries the section along.
//
// The patterns are anchored on whole phrases so real merchants are not caught: "TOTAL WINE &
// MORE" is a purchase, "Total" or "Total debits" is not.

export interface SkipCheck {
  /** Every cell of the record. */
  cells: string[];
  /** The text of the mapped date cell ("" when empty or missing). */
  date: string;
  /** The mapped description cells joined, and the payee. */
  description: string;
  payee: string;
  /** The mapped status cell ("" when there is none). */
  status: string;
  /** Whether any amount cell (amount, debit, credit) has a value. */
  hasAmount: boolean;
  /** Whether the date cell parses in the mapping's format. */
  dateValid: boolean;
  /** The section heading the row is under, if the file has them. */
  section?: StatementSection | null;
}

export interface StatementSection {
  /** The heading as written, e.g. "Pending Transactions". */
  label: string;
  pending: boolean;
}

// A section heading is a row with one label and nothing else: "Pending Transactions",
// "Posted transactions:", "Vorgemerkte Umsätze". Chase, Capital One and several credit
// unions put pending and posted rows in one table under such headings.
const SECTION_NOUN = "(?:\\s+(?:transactions?|items|activity|charges|payments|ums[aä]tze|buchungen|op[ée]rations))?\\s*:?";
const PENDING_SECTION = new RegExp(
  `^(?:pending|authori[sz]ed|uncleared|unposted|not\\s+yet\\s+posted|in\\s+process|vorgemerkte|offene|en\\s+attente)${SECTION_NOUN}$`,
  "i",
);
const POSTED_SECTION = new RegExp(`^(?:posted|cleared|booked|completed|settled|gebuchte|comptabilis[ée]es)${SECTION_NOUN}$`, "i");

/** The section this row starts, when it is a section heading; null for any other row. */
export function sectionHeading(check: Pick<SkipCheck, "cells" | "hasAmount">): StatementSection | null {
  if (check.hasAmount) return null;
  const labels = new Set(check.cells.map((cell) => cell.replace(/\s+/g, " ").trim()).filter((cell) => cell !== ""));
  if (labels.size !== 1) return null;
  const [label] = labels;
  if (PENDING_SECTION.test(label)) return { label, pending: true };
  if (POSTED_SECTION.test(label)) return { label, pending: false };
  return null;
}

/**
 * The words a skip reason starts with ("pending transaction", "totals line"), to count the
 * skipped rows by kind.
 */
export function skipKind(reason: string): string {
  return reason.split(/ \(|,|:/)[0].trim();
}

/** Tallies skip reasons by kind, most frequent first: "pending transaction: 3, totals line: 2". */
export class SkipTally {
  private readonly counts = new Map<string, number>();

  add(reason: string): void {
    const kind = skipKind(reason);
    this.counts.set(kind, (this.counts.get(kind) ?? 0) + 1);
  }

  entries(): { kind: string; count: number }[] {
    return [...this.counts].map(([kind, count]) => ({ kind, count })).sort((a, b) => b.count - a.count);
  }

  toString(): string {
    return this.entries()
      .map((e) => `${e.kind}: ${e.count.toLocaleString("en-US")}`)
      .join(", ");
  }
}

// A balance line's label is a balance phrase, then nothing, or a date, an amount or "as of …":
// "Beginning balance as of 01/01/2024", "Kontostand am 31.01.2024", "Solde au 31/01/2024".
// The tail is what keeps "NEW BALANCE ATHLETICS #123" (a shoe shop) a purchase.
const BALANCE_PHRASE = [
  "(?:(?:opening|closing|beginning|ending|starting|start|end|final|previous|new|statement|current|available|ledger)\\s+)?balance(?:\\s+(?:brought|carried)\\s+forward)?",
  "(?:brought|carried)\\s+forward",
  // German: Anfangssaldo, Endsaldo, Alter/Neuer Kontostand
  "(?:anfangs|end|schluss|eröffnungs|abschluss|alter\\s+|neuer\\s+)?(?:saldo|kontostand)",
  // French: Solde initial / final / précédent, Ancien / Nouveau solde
  "(?:(?:ancien|nouveau)\\s+)?solde(?:\\s+(?:initial|final|pr[ée]c[ée]dent|d[ée]biteur|cr[ée]diteur|de\\s+cl[oô]ture|d'ouverture|comptable))?",
  // Dutch and Spanish: Beginsaldo, Eindsaldo, Saldo inicial / final / anterior
  "(?:begin|eind|start)saldo",
  "saldo\\s+(?:begin|eind|oud|nieuw|inicial|final|anterior|actual)",
].join("|");
const BALANCE_TAIL =
  "(?:\\s*[:\\-–]?\\s*(?:(?:as\\s+)?(?:of|at|on|am|vom|zum|per|au|du|le|al|a|op|van|en\\s+date\\s+du)\\b.*|[\\d(€$£+-].*))?";
const BALANCE_LINE = new RegExp(`^(?:${BALANCE_PHRASE})${BALANCE_TAIL}$`, "i");

// A totals line's label is the whole cell: "Total", "Subtotal", "Total debits:", "Summe",
// "Gesamt", "Totaal", "Total des opérations".
const TOTALS_LINE = new RegExp(
  "^(?:grand\\s+|sub\\s*)?(?:totals?|summe|gesamt(?:summe|betrag)?|totaal|totales?|somme)" +
    "(?:\\s+(?:of\\s+|des\\s+|der\\s+)?(?:debits?|credits?|transactions?|amount|payments?|purchases|deposits|withdrawals|" +
    "in|out|fees|pending|posted|ums[aä]tze|op[ée]rations|d[ée]bits|cr[ée]dits|mouvements|period|for\\s+.*))?\\s*[:.]?\\s*$",
  "i",
);

// A status that means the money has not (or will not) move. Matched as whole words, so that
// Sparkasse's "Umsatz vorgemerkt" counts as pending and "Umsatz gebucht" as booked.
const PENDING_WORDS = [
  "pending", "authori[sz]ed", "authori[sz]ation", "processing", "on\\s+hold", "hold", // English
  "vorgemerkt", "vormerkung", "offen", "in\\s+bearbeitung", // German
  "en\\s+attente", "en\\s+cours", "[àa]\\s+venir", // French
  "in\\s+behandeling", "gereserveerd", // Dutch
  "pendiente", "en\\s+proceso", "retenido", // Spanish
];
const FAILED_WORDS = [
  "declined", "denied", "reverted", "reversed", "failed", "cancell?ed", "rejected", "void(?:ed)?",
  "abgelehnt", "storniert", "fehlgeschlagen",
  "refus[ée]e?", "annul[ée]e?", "[ée]chou[ée]e?",
  "geweigerd", "geannuleerd", "mislukt",
  "rechazad[oa]", "cancelad[oa]", "anulad[oa]", "fallid[oa]",
];
const wordsPattern = (words: string[]) => new RegExp(`(?:^|[^\\p{L}])(?:${words.join("|")})(?:$|[^\\p{L}])`, "iu");
const PENDING_STATUS = wordsPattern(PENDING_WORDS);
const FAILED_STATUS = wordsPattern(FAILED_WORDS);
// "PENDING - AMAZON", "Pending: ...", "*PENDING*", "(pending) ..." at the start of a description.
const PENDING_DESCRIPTION = /^\W*(?:pending|vorgemerkt|en attente)\b/i;

/** The reason to skip this record, or null when it should be read as a transaction. */
export function skipReason(check: SkipCheck): string | null {
  if (check.cells.every((cell) => cell.trim() === "")) return "blank line";
  const heading = sectionHeading(check);
  if (heading) return `section heading ("${heading.label}"), not a transaction`;

  const labels = [check.description, check.payee, check.dateValid ? "" : check.date]
    .map((text) => text.trim())
    .filter((text) => text !== "");
  if (labels.some((text) => BALANCE_LINE.test(text))) return "opening or closing balance line, not a transaction";
  if (labels.some((text) => TOTALS_LINE.test(text))) return "totals line, not a transaction";
  if (!check.dateValid && /\b(?:total|summe|gesamt|totaal|balance|saldo|solde)\b/i.test(check.date)) {
    return "summary line (a label where the date should be), not a transaction";
  }

  const status = check.status.trim();
  if (status !== "" && PENDING_STATUS.test(status)) return `pending transaction (status "${status}"), not yet booked`;
  if (status !== "" && FAILED_STATUS.test(status)) return `${status.toLowerCase()} transaction (status "${status}"): no money moved`;
  if (PENDING_DESCRIPTION.test(check.description)) return "pending transaction, not yet booked";
  if (check.section?.pending) return `pending transaction (under "${check.section.label}"), not yet booked`;

  if (check.date.trim() === "" && !check.hasAmount) return "no date and no amount: not a transaction";
  return null;
}
