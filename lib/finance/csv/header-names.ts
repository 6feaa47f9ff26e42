// Column roles from header names in English, German, French, Dutch and Spanish, as banks
// actually write them. A lower rank wins when two columns claim the same role: the transaction
// date beats the posting date, which beats the value date.

import type { ColumnRole } from "./csv-types";

export interface NamedRole {
  role: ColumnRole;
  rank: number;
}

/**
 * Lower case, accents and punctuation removed, whitespace collapsed, and a trailing currency
 * ("Betrag (€)", "Bedrag (EUR)", "Débit euros", "Amount (GBP)") dropped:
 * "Date d'opération" → "date d operation".
 */
export function normalizeHeaderName(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/ß/g, "ss")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim()
    .replace(/\s+(?:in\s+)?(?:eur|euro|euros|usd|gbp|chf|cad|aud)$/, "")
    .trim();
}

const NAMES: Record<string, [ColumnRole, number]> = {};
function add(role: ColumnRole, rank: number, names: string[]): void {
  for (const name of names) NAMES[normalizeHeaderName(name)] = [role, rank];
}

add("date", 0, [
  "date", "transaction date", "trans date", "trans. date", "txn date", "started date", "booking date",
  "datum", "buchungstag", "transaktionsdatum", "umsatzdatum",
  "date d'opération", "date opération", "date de l'opération", "date operation", "date de transaction",
  "transactiedatum", "fecha", "fecha operación", "fecha de operación", "fecha de la operación",
]);
add("date", 1, [
  "posting date", "posted date", "post date", "completed date", "buchungsdatum", "date comptable",
  "date de comptabilisation", "boekdatum", "boekingsdatum", "fecha contable",
]);
add("date", 2, [
  "value date", "valutadatum", "valuta", "wertstellung", "wertstellungsdatum", "wertstellung (valuta)",
  "date de valeur", "date valeur", "rentedatum", "fecha valor", "fecha de valor",
]);

add("description", 0, [
  "description", "transaction description", "narrative", "transaction details", "details of transaction",
  "verwendungszweck", "libellé", "libellé opération", "libellé de l'opération", "libellé simplifié",
  "libellé court", "intitulé", "omschrijving", "naam / omschrijving", "concepto", "descripción",
  "description de l'opération",
]);
add("description", 1, ["memo", "buchungstext", "vorgang", "mededelingen", "detalle", "transaction"]);
add("description", 1, ["payment reference", "reference text"]);
// A "Reference" is descriptive at some banks (Starling) and a number at others (Amex): it is
// only taken when nothing better names the description, and only if its values are words.
add("description", 2, ["details", "original description", "notes", "reference"]);

add("payee", 0, [
  "payee", "merchant", "merchant name", "name", "naam", "beneficiary", "counterparty", "counter party",
  "empfänger", "zahlungsempfänger", "zahlungsempfänger*in", "begünstigter", "begünstigter/zahlungspflichtiger",
  "beguenstigter/zahlungspflichtiger", "begünstigter/auftraggeber", "auftraggeber/empfänger",
  "empfänger/auftraggeber", "auftraggeber / begünstigter", "name zahlungsbeteiligter", "zahlungspflichtige*r",
  "bénéficiaire", "tiers", "tegenpartij", "naam tegenpartij", "beneficiario", "ordenante / beneficiario",
]);

// PayPal: "Net" is the amount after the fee ("Gross" before it), so with a net amount the fee
// column must not be subtracted again (see assignRolesByName).
add("amount", 0, ["net", "net amount"]);
add("amount", 2, ["gross", "gross amount"]);
add("amount", 0, [
  "amount", "transaction amount", "amount (gbp)", "betrag", "umsatz", "montant", "montant de l'opération",
  "bedrag", "importe", "valor", "value",
]);
add("debit", 0, [
  "debit", "debits", "debit amount", "withdrawal", "withdrawals", "withdrawal amount", "paid out", "money out",
  "amount debit", "soll", "ausgang", "ausgaben", "belastung", "débit", "débits", "af", "cargo", "cargos", "debe",
]);
add("credit", 0, [
  "credit", "credits", "credit amount", "deposit", "deposits", "deposit amount", "paid in", "money in",
  "amount credit", "haben", "eingang", "einnahmen", "gutschrift", "crédit", "crédits", "bij", "abono", "abonos", "haber",
]);
add("direction", 0, [
  "af bij", "af/bij", "debit/credit", "credit/debit", "dr/cr", "cr/dr", "soll/haben", "s/h", "debit credit indicator",
  "credit debit indicator", "sens", "sens de l'opération", "cargo/abono",
]);
// Direction by value only: these usually hold a transaction type, a direction only sometimes
// (Mint "Transaction Type" is debit/credit; Chase "Type" is ACH_DEBIT, DEBIT_CARD …).
add("direction", 1, ["transaction type", "type", "typ", "details", "umsatzart", "umsatztyp", "mutatiesoort"]);
add("category", 0, ["category", "categorie", "catégorie", "kategorie", "categoría", "rubrique", "spending category"]);
add("balance", 0, [
  "balance", "running bal", "running bal.", "running balance", "balance after", "saldo", "solde", "kontostand",
  "saldo na mutatie", "saldo nach buchung", "saldo después", "solde après opération",
]);
add("status", 0, ["status", "state", "estado", "statut", "buchungsstatus", "transaction status"]);
// Sparkasse's "Info" says "Umsatz gebucht" or "Umsatz vorgemerkt".
add("status", 1, ["info"]);
add("currency", 0, ["currency", "currency code", "ccy", "währung", "waehrung", "devise", "moneda", "divisa", "munt"]);
add("fee", 0, ["fee", "fees", "gebühr", "gebühren", "frais", "comisión", "kosten"]);

/** The roles a header name suggests, best first ("details" may be a description or a direction). */
export function rolesForHeaderName(name: string): NamedRole[] {
  const key = normalizeHeaderName(name);
  const roles: NamedRole[] = [];
  for (const [role, rank] of lookups(key)) roles.push({ role, rank });
  return roles;
}

function lookups(key: string): [ColumnRole, number][] {
  const found: [ColumnRole, number][] = [];
  const exact = NAMES[key];
  if (exact) found.push(exact);
  if (key === "details") found.push(["direction", 1]);
  if (found.length === 0) {
    // "Amount (EUR) incl. fees", "Betrag in EUR", "Montant en euros": a known name then more.
    for (const prefix of ["amount", "betrag", "montant", "bedrag", "importe"]) {
      if (key === prefix || key.startsWith(`${prefix} `)) found.push(["amount", 1]);
    }
  }
  return found;
}
