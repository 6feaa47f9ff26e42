// Work out how to read a bank's export from its first ~200 lines, so that most real exports
// import with no change: the delimiter, where the header is (after any preamble), what each
// column means (by its name in five languages, else by its values), the date and number
// formats, and the sign convention. Every guess that could be wrong is reported as a warning.

import { normalizeRecord, compileMapping } from "./apply-mapping";
import { CsvFileError } from "./csv-file-error";
import { sampleText } from "./decode-text";
import { detectEncoding } from "./detect-encoding";
import { normalizeHeaderName, rolesForHeaderName } from "./header-names";
import { describeNumberFormat, parseAmount } from "./parse-amount";
import { parseDate } from "./parse-date";
import {
  isAmountInAnyFormat,
  isDateInAnyFormat,
  resolveDateFormat,
  resolveNumberFormat,
  type FormatHints,
} from "./resolve-formats";
import { splitSample } from "./split-sample";
import type { CsvRecord } from "./stream-records";
import {
  INVERT_SIGN_LABEL,
  type ColumnRole,
  type CsvDelimiter,
  type CsvEncoding,
  type DetectionResult,
  type DetectionWarning,
  type DirectionValues,
  type ImportMapping,
  type NumberFormat,
} from "./csv-types";

export { resolveDateFormat, resolveNumberFormat } from "./resolve-formats";

/** How many lines of the file detection reads. */
export const DETECT_SAMPLE_LINES = 200;
/** Wider than this is not a bank statement (and would make detection slow). */
export const MAX_COLUMNS = 1000;

const DELIMITERS: CsvDelimiter[] = [",", ";", "\t", "|"];

// Values of a direction column, paired so a sample holding only one side still gets the other.
const DIRECTION_PAIRS: [string, string][] = [
  ["af", "bij"],
  ["debit", "credit"],
  ["debet", "credit"],
  ["dr", "cr"],
  ["d", "c"],
  ["s", "h"],
  ["soll", "haben"],
  ["out", "in"],
  ["withdrawal", "deposit"],
  ["débit", "crédit"],
  ["cargo", "abono"],
  ["-", "+"],
];
const OUT_WORDS = new Map(DIRECTION_PAIRS.map(([out, into]) => [out, into]));
const IN_WORDS = new Map(DIRECTION_PAIRS.map(([out, into]) => [into, out]));

/**
 * Detection from the start of the raw file: encoding (see detectEncoding), then the mapping
 * from its first DETECT_SAMPLE_LINES lines. Throws CsvFileError for a file that is empty,
 * binary, or has no transaction rows.
 */
export function detectCsv(head: Uint8Array): DetectionResult {
  const encoding = detectEncoding(head);
  return detectMapping(sampleText(head, encoding, { maxLines: DETECT_SAMPLE_LINES }), { encoding });
}

/** Detection from decoded text: the file's first ~200 lines. */
export function detectMapping(sample: string, { encoding = "utf-8" }: { encoding?: CsvEncoding } = {}): DetectionResult {
  const text = sample.charCodeAt(0) === 0xfeff ? sample.slice(1) : sample;
  if (text.trim() === "") throw new CsvFileError("empty_file", "The file is empty.");

  const warnings: DetectionWarning[] = [];
  const { delimiter, records } = chooseDelimiter(text);
  const width = modalWidth(records);
  if (width > MAX_COLUMNS) {
    throw new CsvFileError("too_many_columns", `The rows have ${width} columns; a bank statement has far fewer (at most ${MAX_COLUMNS} are read).`);
  }

  const kinds = records.map((record) => classify(record, width));
  const { header: headerRow, first } = locateData(kinds);
  if (first === -1) {
    const onlyHeader = kinds.some((k) => k === "header") && !kinds.some((k) => k === "data");
    throw new CsvFileError(
      "no_data_rows",
      onlyHeader
        ? "The file has a header but no transaction rows."
        : "No transactions found: no row has both a date and an amount. Is this a bank statement export?",
    );
  }
  const skipRows = headerRow !== null ? headerRow + 1 : first;
  const header = headerRow !== null ? records[headerRow].fields.map((name) => name.trim()) : null;
  const data = records.slice(first).filter((_, i) => kinds[first + i] !== "blank");
  const columnCount = Math.max(header?.length ?? 0, modalWidth(data));
  const stats = Array.from({ length: columnCount }, (_, j) => columnStats(data, j));

  const roles: ColumnRole[] = new Array<ColumnRole>(columnCount).fill("ignore");
  if (header) assignRolesByName(header, stats, roles);
  else warnings.push({ code: "no_header", message: "The file has no header row: the columns were recognised from their values." });

  const byName = roles.slice();
  const debitCreditGuessed = assignRolesByValues(data, stats, roles);
  if (header && roles.some((role, j) => role !== byName[j])) {
    warnings.push({
      code: "roles_from_values",
      message: "Some columns were not recognised by name and were recognised from their values: check them.",
    });
  }
  if (debitCreditGuessed) {
    warnings.push({
      code: "debit_credit_order_guessed",
      message: "Two amount columns look like money out and money in; the first was taken as money out (debit). Swap them if that is wrong.",
    });
  }
  if (!roles.includes("date")) throw new CsvFileError("no_data_rows", "No column holds dates in a format the importer knows.");
  if (!roles.includes("amount") && !roles.includes("debit") && !roles.includes("credit")) {
    throw new CsvFileError("no_data_rows", "No column holds amounts.");
  }
  if (!roles.includes("description") && !roles.includes("payee")) {
    warnings.push({ code: "no_description", message: "No column was recognised as the description." });
  }

  // Formats: numbers first, since a decimal comma is itself a hint for day-first dates.
  const moneyColumns = roles.flatMap((role, j) => (["amount", "debit", "credit", "balance", "fee"].includes(role) ? [j] : []));
  const moneyValues = moneyColumns.flatMap((j) => stats[j].values);
  const numberHints: FormatHints = { decimalComma: delimiter === ";" };
  const number = resolveNumberFormat(moneyValues, numberHints);
  if (number.ambiguous) {
    warnings.push({
      code: "ambiguous_number_format",
      message:
        `The amounts can be read as ${describeNumberFormat(number.format)} or with the separators swapped; ` +
        `${describeNumberFormat(number.format)} was chosen.`,
    });
  }
  // Labels ("Total", "n/a") are the skip rules' business; values that are amounts in another
  // format are a real mismatch the user should see before importing.
  const numberMisfits = moneyValues.filter((v) => isAmountInAnyFormat(v) && !parseAmount(v, number.format).ok).length;
  if (numberMisfits > 0) {
    warnings.push({
      code: "number_format_partial",
      message: `${numberMisfits} amount value(s) in the sample do not match ${describeNumberFormat(number.format)}.`,
    });
  }
  const dayFirst = dayFirstHint(delimiter, number.format, header, text);
  const dateColumn = roles.indexOf("date");
  const date = resolveDateFormat(stats[dateColumn].values, { dayFirst: dayFirst.value });
  if (!date.format) throw new CsvFileError("no_data_rows", "No date format fits the date column.");
  if (date.ambiguous) {
    warnings.push({
      code: "ambiguous_date_format",
      message:
        `Every date in the sample has a day of 12 or less, so it could be ${date.format} or ${date.alternative}; ` +
        `${date.format} was chosen${dayFirst.reason ? ` (${dayFirst.reason})` : " (no hint in the file; month first is the default)"}. ` +
        "Reading the whole file will settle it if a later date has a day above 12.",
    });
  }
  const dateMisfits = stats[dateColumn].values.filter((v) => isDateInAnyFormat(v) && !parseDate(v, date.format!).ok).length;
  if (dateMisfits > 0) {
    warnings.push({
      code: "date_format_partial",
      message: `${dateMisfits} date value(s) in the sample are dates in another format than ${date.format}.`,
    });
  }

  const direction = chooseDirection(roles, stats, number.format);
  const mapping: ImportMapping = {
    version: 1,
    encoding,
    delimiter,
    headerRow,
    skipRows,
    columns: roles,
    columnNames: header,
    dateFormat: date.format,
    decimalSeparator: number.format.decimalSeparator,
    thousandsSeparator: number.format.thousandsSeparator,
    invertSign: false,
    direction,
  };
  if (shouldInvertSign(mapping, data, header)) {
    mapping.invertSign = true;
    warnings.push({
      code: "sign_inverted",
      message:
        "Most amounts are positive and payments to the account are negative, as in a credit-card export: " +
        `the signs are inverted so purchases are money out. Untick "${INVERT_SIGN_LABEL}" if that is wrong.`,
    });
  }

  const confidence = scoreMapping(mapping, data, columnCount, header, warnings);
  if (confidence < 0.8) {
    warnings.push({
      code: "low_confidence",
      message: "The mapping reads only part of the sample cleanly: check the columns and formats before importing.",
    });
  }
  return { mapping, confidence, warnings };
}

// ---------------------------------------------------------------------------------------------
// Delimiter and rows

/** The delimiter that splits the most rows into the same number of (more than one) fields. */
function chooseDelimiter(text: string): { delimiter: CsvDelimiter; records: CsvRecord[] } {
  let best: { delimiter: CsvDelimiter; records: CsvRecord[]; score: number } | null = null;
  for (const delimiter of DELIMITERS) {
    if (!text.includes(delimiter)) continue;
    const records = splitSample(text, delimiter);
    const width = modalWidth(records);
    if (width < 2) continue;
    // Rows of exactly that width count, and one wider by an empty last field (Chase ends
    // every data row with a delimiter the header does not have).
    const consistent = records.filter(
      (r) => r.fields.length === width || (r.fields.length === width + 1 && r.fields[width].trim() === ""),
    ).length;
    const score = consistent * (width - 1);
    if (!best || score > best.score) best = { delimiter, records, score };
  }
  if (!best) {
    throw new CsvFileError(
      "malformed_csv",
      "No columns found: no comma, semicolon, tab or | separates the values. Is this a CSV export?",
    );
  }
  return best;
}

/** The most common number of fields among non-blank records (the wider one on a tie). */
function modalWidth(records: CsvRecord[]): number {
  const counts = new Map<number, number>();
  for (const record of records) {
    if (isBlank(record)) continue;
    counts.set(record.fields.length, (counts.get(record.fields.length) ?? 0) + 1);
  }
  let width = 0;
  let seen = 0;
  for (const [w, n] of counts) {
    if (n > seen || (n === seen && w > width)) {
      width = w;
      seen = n;
    }
  }
  return width;
}

function isBlank(record: CsvRecord): boolean {
  return record.fields.every((f) => f.trim() === "");
}

type Kind = "blank" | "header" | "data" | "other";

function classify(record: CsvRecord, width: number): Kind {
  if (isBlank(record)) return "blank";
  const cells = record.fields.map((f) => f.trim());
  const dates = cells.map(isDateInAnyFormat);
  const amounts = cells.map((c, i) => !dates[i] && isAmountInAnyFormat(c));
  const filled = cells.filter((c) => c !== "");
  const shapeFits = Math.abs(cells.length - width) <= 2;
  if (shapeFits && dates.some(Boolean) && amounts.some(Boolean)) return "data";
  if (filled.length >= 2 && !dates.some(Boolean) && !amounts.some(Boolean)) {
    const wordy = filled.filter((c) => /\p{L}/u.test(c)).length;
    if (wordy * 2 >= filled.length) return "header";
  }
  return "other";
}

/**
 * Where the data starts, and the header above it if any. The header is the first header-like
 * record followed by data (within the next two non-blank records, so a first row without an
 * amount does not hide it), looked for only while at most two data-like records came before
 * it: a preamble line that happens to hold a date and a number ("Statement date, 01/31/2024,
 * Balance, 1234.56") must not pass for the first transaction. Without such a header, the data
 * starts at the first data record that at least half of the next five non-blank records follow.
 */
function locateData(kinds: Kind[]): { header: number | null; first: number } {
  const nextNonBlank = (from: number) => {
    for (let j = from; j < kinds.length; j++) if (kinds[j] !== "blank") return j;
    return -1;
  };
  let dataBefore = 0;
  for (let h = 0; h < kinds.length && dataBefore <= 2; h++) {
    if (kinds[h] === "data") dataBefore++;
    if (kinds[h] !== "header") continue;
    const j1 = nextNonBlank(h + 1);
    if (j1 === -1) break;
    if (kinds[j1] === "data") return { header: h, first: j1 };
    const j2 = nextNonBlank(j1 + 1);
    if (kinds[j1] !== "header" && j2 !== -1 && kinds[j2] === "data") return { header: h, first: j1 };
  }
  for (let i = 0; i < kinds.length; i++) {
    if (kinds[i] !== "data") continue;
    const window = [kinds[i], ...kinds.slice(i + 1).filter((k) => k !== "blank").slice(0, 5)];
    if (window.filter((k) => k === "data").length / window.length >= 0.5) return { header: null, first: i };
  }
  return { header: null, first: -1 };
}

// ---------------------------------------------------------------------------------------------
// Columns

interface ColumnStats {
  /** The column's values in the data records, trimmed (empty ones included). */
  values: string[];
  nonEmpty: number;
  dates: number;
  amounts: number;
  /** Values that look like money: a decimal separator followed by exactly two digits. */
  money: number;
  negatives: number;
  distinct: number;
  averageLength: number;
  /** Values with at least one letter. */
  wordy: number;
}

function columnStats(data: CsvRecord[], j: number): ColumnStats {
  const values = data.map((r) => (r.fields[j] ?? "").trim());
  const filled = values.filter((v) => v !== "");
  return {
    values,
    nonEmpty: filled.length,
    dates: filled.filter(isDateInAnyFormat).length,
    amounts: filled.filter(isAmountInAnyFormat).length,
    money: filled.filter((v) => /\d[.,]\d{2}(?!\d)/.test(v)).length,
    negatives: filled.filter((v) => /^[-\u2212(]|-$|^\D*-\s*\d/.test(v)).length,
    distinct: new Set(filled).size,
    averageLength: filled.length === 0 ? 0 : filled.reduce((sum, v) => sum + v.length, 0) / filled.length,
    wordy: filled.filter((v) => /\p{L}/u.test(v)).length,
  };
}

function fitsRole(role: ColumnRole, s: ColumnStats): boolean {
  switch (role) {
    case "date":
      return s.nonEmpty > 0 && s.dates / s.nonEmpty >= 0.5;
    // A named column only has to be mostly right: one typo in a small file must not cost the
    // whole column its role (that row becomes a row error instead).
    case "amount":
      return s.nonEmpty > 0 && s.amounts / s.nonEmpty >= 0.5;
    case "debit":
    case "credit":
    case "balance":
    case "fee":
      return s.nonEmpty === 0 || s.amounts / s.nonEmpty >= 0.5;
    case "direction":
      return s.nonEmpty > 0 && s.values.every((v) => v === "" || directionSide(v) !== null);
    case "description":
      return s.nonEmpty === 0 || s.wordy / s.nonEmpty >= 0.3;
    // ISO 4217 codes ("EUR", "usd"); a column of symbols or names is left to the user.
    case "currency":
      return s.nonEmpty > 0 && s.values.every((v) => v === "" || /^[A-Za-z]{3}$/.test(v));
    default:
      return true;
  }
}

function directionSide(value: string): "out" | "in" | null {
  const key = value.trim().toLowerCase();
  if (OUT_WORDS.has(key)) return "out";
  if (IN_WORDS.has(key)) return "in";
  return null;
}

// The order roles are claimed in: a column goes to the first role that wants it.
const ROLE_ORDER: ColumnRole[] = [
  "date", "amount", "debit", "credit", "balance", "fee", "status", "currency", "category", "payee", "description", "direction",
];

function assignRolesByName(header: string[], stats: ColumnStats[], roles: ColumnRole[]): void {
  const claims = header.map((name) => rolesForHeaderName(name));
  for (const role of ROLE_ORDER) {
    let best = -1;
    let bestRank = Infinity;
    claims.forEach((claim, j) => {
      if (roles[j] !== "ignore" || j >= stats.length) return;
      const match = claim.find((c) => c.role === role);
      if (match && match.rank < bestRank && fitsRole(role, stats[j])) {
        best = j;
        bestRank = match.rank;
      }
    });
    if (best !== -1) roles[best] = role;
  }
  // One amount column wins over debit/credit columns (Monzo has Amount and Money Out / In).
  const amount = roles.indexOf("amount");
  if (amount !== -1) {
    roles.forEach((role, j) => {
      if (role === "debit" || role === "credit") roles[j] = "ignore";
    });
    // A net amount already has the fee taken off (PayPal's Gross, Fee, Net).
    if (normalizeHeaderName(header[amount]).startsWith("net")) {
      const fee = roles.indexOf("fee");
      if (fee !== -1) roles[fee] = "ignore";
    }
  }
}

/**
 * Roles from values for what the names did not settle: the date column parses as dates, the
 * amount columns as money, a running balance is recognised by balance[i] = balance[i-1] +
 * amount[i] (either row order), two complementary money columns are debit and credit, and the
 * longest text column is the description. Returns true when the debit/credit order is a guess.
 */
function assignRolesByValues(data: CsvRecord[], stats: ColumnStats[], roles: ColumnRole[]): boolean {
  const free = (j: number) => roles[j] === "ignore";
  const rows = data.length;
  let guessed = false;

  if (!roles.includes("date")) {
    let best = -1;
    stats.forEach((s, j) => {
      if (!free(j) || s.nonEmpty < rows * 0.5 || s.dates / Math.max(1, s.nonEmpty) < 0.8) return;
      if (best === -1 || s.dates / s.nonEmpty > stats[best].dates / stats[best].nonEmpty) best = j;
    });
    if (best !== -1) roles[best] = "date";
  }

  const money = stats.flatMap((s, j) =>
    free(j) && s.nonEmpty > 0 && s.amounts / s.nonEmpty >= 0.8 && s.money / s.nonEmpty >= 0.5 && (s.distinct > 1 || s.nonEmpty < 3)
      ? [j]
      : [],
  );
  const hasAmount = roles.includes("amount") || roles.includes("debit") || roles.includes("credit");
  if (!hasAmount && money.length > 0) {
    const parsed = new Map(money.map((j) => [j, stats[j].values.map(looseAmount)]));
    const complementary = pairs(money).find(([a, b]) => isComplementary(parsed.get(a)!, parsed.get(b)!));
    if (complementary) {
      // The column holding negative values is money out; otherwise debit comes first, as in
      // "Debit, Credit", "Paid out, Paid in", "Soll, Haben".
      let [debit, credit] = complementary;
      if (stats[credit].negatives > 0 && stats[debit].negatives === 0) [debit, credit] = [credit, debit];
      else guessed = stats[debit].negatives === 0;
      roles[debit] = "debit";
      roles[credit] = "credit";
      const amounts = parsed.get(debit)!.map((d, i) => {
        const c = parsed.get(credit)![i];
        return d === null && c === null ? null : (c ?? 0n) - (d === null ? 0n : d < 0n ? -d : d);
      });
      const balance = money.find((j) => j !== debit && j !== credit && isRunningBalance(amounts, parsed.get(j)!));
      if (balance !== undefined) roles[balance] = "balance";
    } else {
      let amount = money[0];
      let balance: number | undefined;
      for (const [a, b] of pairs(money)) {
        if (isRunningBalance(parsed.get(a)!, parsed.get(b)!)) [amount, balance] = [a, b];
        else if (isRunningBalance(parsed.get(b)!, parsed.get(a)!)) [amount, balance] = [b, a];
        if (balance !== undefined) break;
      }
      roles[amount] = "amount";
      if (balance !== undefined) roles[balance] = "balance";
    }
  }

  if (!roles.includes("description") && !roles.includes("payee")) {
    let best = -1;
    stats.forEach((s, j) => {
      if (!free(j) || s.nonEmpty < rows * 0.5 || s.wordy < s.nonEmpty * 0.5) return;
      if (best === -1 || s.averageLength > stats[best].averageLength) best = j;
    });
    if (best !== -1) roles[best] = "description";
  }
  return guessed;
}

function pairs(items: number[]): [number, number][] {
  return items.flatMap((a, i) => items.slice(i + 1).map((b): [number, number] => [a, b]));
}

/** An amount in whichever format reads it (detection only compares them with each other). */
function looseAmount(text: string): bigint | null {
  for (const format of [
    { decimalSeparator: ".", thousandsSeparator: "," },
    { decimalSeparator: ",", thousandsSeparator: "." },
    { decimalSeparator: ",", thousandsSeparator: " " },
  ] as NumberFormat[]) {
    const result = parseAmount(text, format);
    if (result.ok) return result.minor;
  }
  return null;
}

/** In (nearly) every row exactly one of the two columns has a non-zero value. */
function isComplementary(a: (bigint | null)[], b: (bigint | null)[]): boolean {
  let rows = 0;
  let oneSided = 0;
  let aSeen = false;
  let bSeen = false;
  a.forEach((x, i) => {
    const y = b[i];
    const hasA = x !== null && x !== 0n;
    const hasB = y !== null && y !== 0n;
    if (!hasA && !hasB) return;
    rows++;
    if (hasA !== hasB) oneSided++;
    aSeen ||= hasA;
    bSeen ||= hasB;
  });
  return rows > 0 && aSeen && bSeen && oneSided / rows >= 0.9;
}

/** balance[i] = balance[i-1] + amount[i] (oldest first) or balance[i-1] = balance[i] + amount[i-1] (newest first). */
function isRunningBalance(amounts: (bigint | null)[], balances: (bigint | null)[]): boolean {
  let checked = 0;
  let oldestFirst = 0;
  let newestFirst = 0;
  for (let i = 1; i < amounts.length; i++) {
    const [prev, cur, a, aPrev] = [balances[i - 1], balances[i], amounts[i], amounts[i - 1]];
    if (prev === null || cur === null || a === null || aPrev === null) continue;
    checked++;
    if (cur === prev + a) oldestFirst++;
    if (prev === cur + aPrev) newestFirst++;
  }
  return checked >= 2 && Math.max(oldestFirst, newestFirst) / checked >= 0.6;
}

/** Direction values when the amount column is unsigned and a column says out/in. */
function chooseDirection(roles: ColumnRole[], stats: ColumnStats[], format: NumberFormat): DirectionValues | null {
  const direction = roles.indexOf("direction");
  if (direction === -1) return null;
  const amount = roles.indexOf("amount");
  const signed =
    amount === -1 ||
    stats[amount].values.some((v) => {
      const parsed = parseAmount(v, format);
      return parsed.ok && parsed.minor !== null && parsed.minor < 0n;
    });
  if (signed) {
    // The amounts carry their sign (Chase's "Details" says DEBIT/CREDIT as well): no direction.
    roles[direction] = "ignore";
    return null;
  }
  const out = new Set<string>();
  const into = new Set<string>();
  for (const value of stats[direction].values) {
    const side = directionSide(value);
    if (side === "out") out.add(value);
    if (side === "in") into.add(value);
  }
  // A sample with only one side still gets the other side's word, written in the same case.
  const counterpart = (value: string, map: Map<string, string>) => {
    const other = map.get(value.toLowerCase())!;
    if (value === value.toUpperCase()) return other.toUpperCase();
    return value[0] === value[0].toUpperCase() ? other[0].toUpperCase() + other.slice(1) : other;
  };
  if (out.size === 0) for (const v of into) out.add(counterpart(v, IN_WORDS));
  if (into.size === 0) for (const v of out) into.add(counterpart(v, OUT_WORDS));
  return { out: [...out], in: [...into] };
}

// ---------------------------------------------------------------------------------------------
// Hints, sign and confidence

function dayFirstHint(
  delimiter: CsvDelimiter,
  number: NumberFormat,
  header: string[] | null,
  text: string,
): { value: boolean | null; reason: string | null } {
  const reasons: string[] = [];
  if (number.decimalSeparator === ",") reasons.push("the amounts use a decimal comma");
  else if (delimiter === ";") reasons.push("the file uses ; as its delimiter");
  const continental =
    /\b(?:datum|buchung\w*|betrag|umsatz|verwendungszweck|wertstellung|valuta|libelle|montant|solde|operation|bedrag|omschrijving|fecha|importe|concepto|saldo)\b/;
  if (header?.some((name) => continental.test(normalizeHeaderName(name)))) reasons.push("the column names are not English");
  // Currency marks vote: a US file may mention a purchase in EUR, a UK file rarely shows "$".
  const poundsOrEuros = (text.match(/[£€]|\b(?:GBP|EUR)\b/g) ?? []).length;
  const dollars = (text.match(/\$|\bUSD\b/g) ?? []).length;
  if (poundsOrEuros > dollars) reasons.push("the amounts are in pounds or euros");
  if (reasons.length > 0) return { value: true, reason: reasons[0] };
  if (dollars > 0) return { value: false, reason: "the amounts are in dollars" };
  return { value: null, reason: null };
}

/**
 * Credit-card exports (Amex, most cards) list purchases as positive and payments as negative.
 * Invert when most amounts are positive and a negative one is a payment to the card, or the
 * header names a card.
 */
function shouldInvertSign(mapping: ImportMapping, data: CsvRecord[], header: string[] | null): boolean {
  if (mapping.direction || !mapping.columns.includes("amount")) return false;
  const compiled = compileMapping(mapping);
  let positive = 0;
  let negative = 0;
  let paymentIsNegative = false;
  for (const record of data) {
    const result = normalizeRecord(record, compiled, mapping.columns.length);
    if (!result.row) continue;
    if (result.row.amountMinor > 0n) positive++;
    if (result.row.amountMinor < 0n) {
      negative++;
      if (/\b(?:payment|thank\s*you|autopay)\b/i.test(result.row.description)) paymentIsNegative = true;
    }
  }
  const cardHeader = header?.some((name) => /\bcard\s*(?:member|holder|no|number|#)|\bcardmember\b/i.test(name)) ?? false;
  const mostlyPositive = positive + negative >= 3 && positive / (positive + negative) >= 0.7;
  return mostlyPositive && (paymentIsNegative || cardHeader);
}

function scoreMapping(
  mapping: ImportMapping,
  data: CsvRecord[],
  columnCount: number,
  header: string[] | null,
  warnings: DetectionWarning[],
): number {
  const compiled = compileMapping(mapping);
  const width = header ? header.length : columnCount;
  let ok = 0;
  let errors = 0;
  for (const record of data) {
    const result = normalizeRecord(record, compiled, Math.max(width, columnCount));
    if (result.row) ok++;
    else if (result.issue.kind === "error") errors++;
  }
  let score = ok + errors === 0 ? 0 : ok / (ok + errors);
  const penalty: Partial<Record<DetectionWarning["code"], number>> = {
    ambiguous_date_format: 0.9,
    ambiguous_number_format: 0.9,
    roles_from_values: 0.85,
    no_header: 0.95,
    debit_credit_order_guessed: 0.8,
    sign_inverted: 0.9,
    no_description: 0.9,
  };
  for (const warning of warnings) score *= penalty[warning.code] ?? 1;
  return Math.round(score * 100) / 100;
}
