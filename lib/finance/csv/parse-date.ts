// Read a bank's date text in one named format into "YYYY-MM-DD", strictly: a date that does
// not exist (02/30/2024) is an error with a reason, never rolled over, never replaced by today.

export type DateResult = { ok: true; date: string } | { ok: false; reason: string };

type Field = "year4" | "year2" | "month" | "day" | "monthName";

export interface CompiledDateFormat {
  format: string;
  pattern: RegExp;
  fields: Field[];
}

// Dates outside this range are a mis-mapped column, not a transaction.
const MIN_YEAR = 1900;
const MAX_YEAR = 2100;

// A time after the date ("2024-01-15 08:12:33", "2024-01-15T08:12:33Z", "1/5/2024 3:04 PM")
// is accepted and dropped: the calendar date as written is the transaction's date.
const TIME_SUFFIX =
  "(?:(?:T|\\s+)\\d{1,2}:\\d{2}(?::\\d{2}(?:[.,]\\d+)?)?(?:\\s*[AaPp]\\.?[Mm]\\.?)?(?:\\s*(?:Z|UTC|GMT|[+-]\\d{2}:?\\d{2}))?)?";

// Month names and abbreviations, accents removed, in English, German, French, Dutch, Spanish.
const MONTHS: Record<string, number> = {};
const MONTH_NAMES: string[][] = [
  ["jan", "january", "januar", "janv", "janvier", "januari", "ene", "enero", "jän", "jaen", "janner"],
  ["feb", "february", "februar", "fev", "fevr", "fevrier", "februari", "febrero"],
  ["mar", "march", "mär", "maer", "marz", "maerz", "mrz", "mars", "mrt", "maart", "marzo"],
  ["apr", "april", "avr", "avril", "abr", "abril"],
  ["may", "mai", "mei", "mayo"],
  ["jun", "june", "juni", "juin", "junio"],
  ["jul", "july", "juli", "juil", "juillet", "julio"],
  ["aug", "august", "aout", "augustus", "ago", "agosto"],
  ["sep", "sept", "september", "septembre", "septiembre", "setiembre"],
  ["oct", "october", "okt", "oktober", "octobre", "octubre"],
  ["nov", "november", "novembre", "noviembre"],
  ["dec", "december", "dez", "dezember", "decembre", "dic", "diciembre"],
];
MONTH_NAMES.forEach((names, index) => {
  for (const name of names) MONTHS[stripAccents(name)] = index + 1;
});

const MONTH_LABELS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

function stripAccents(text: string): string {
  return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
}

const cache = new Map<string, CompiledDateFormat | null>();

/**
 * "MM/DD/YYYY", "D.M.YY", "YYYYMMDD", "DD MMM YYYY"… → a matcher, or null when the format is
 * not one this parser understands. M/MM and D/DD both accept one or two digits, except when
 * two numeric fields touch ("YYYYMMDD"), where each takes exactly its width.
 */
export function compileDateFormat(format: string): CompiledDateFormat | null {
  const cached = cache.get(format);
  if (cached !== undefined) return cached;
  const compiled = compile(format);
  cache.set(format, compiled);
  return compiled;
}

function compile(format: string): CompiledDateFormat | null {
  const tokens: ({ field: Field; width: number } | { literal: string })[] = [];
  let rest = format;
  while (rest !== "") {
    const token = /^(YYYY|YY|MMMM|MMM|MM|M|DD|D)/.exec(rest);
    if (token) {
      const t = token[1];
      const field: Field =
        t === "YYYY" ? "year4" : t === "YY" ? "year2" : t.length >= 3 ? "monthName" : t[0] === "M" ? "month" : "day";
      tokens.push({ field, width: t.length });
      rest = rest.slice(t.length);
    } else if (/^[A-Za-z0-9]/.test(rest)) {
      return null;
    } else {
      tokens.push({ literal: rest[0] });
      rest = rest.slice(1);
    }
  }
  const fields = tokens.flatMap((t) => ("field" in t ? [t.field] : []));
  const has = (...options: Field[]) => fields.filter((f) => options.includes(f)).length === 1;
  // Exactly one day, one month (number or name) and one year.
  if (!has("day") || !has("month", "monthName") || !has("year4", "year2")) return null;

  let source = "";
  tokens.forEach((token, i) => {
    if ("literal" in token) {
      source += token.literal === " " ? "\\s+" : escapeRegExp(token.literal);
      return;
    }
    const touches = (j: number) => {
      const other = tokens[j];
      return other !== undefined && "field" in other && other.field !== "monthName";
    };
    const fixed = touches(i - 1) || touches(i + 1);
    switch (token.field) {
      case "year4":
        source += "(\\d{4})";
        break;
      case "year2":
        source += "(\\d{2})";
        break;
      case "monthName":
        source += "([A-Za-z\\u00c0-\\u024f]{3,10}\\.?)";
        break;
      default:
        source += fixed ? "(\\d{2})" : "(\\d{1,2})";
    }
  });
  return { format, pattern: new RegExp(`^${source}${TIME_SUFFIX}$`), fields };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Parses `text` as a date in `format`; never guesses another format. */
export function parseDate(text: string, format: string | CompiledDateFormat): DateResult {
  const compiled = typeof format === "string" ? compileDateFormat(format) : format;
  const value = text.trim();
  const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
  if (!compiled) return { ok: false, reason: `"${String(format)}" is not a date format` };
  if (value === "") return { ok: false, reason: "the date is empty" };

  const match = compiled.pattern.exec(value);
  if (!match) return { ok: false, reason: `date "${shown}" does not match the format ${compiled.format}` };

  let year = 0;
  let month = 0;
  let day = 0;
  let monthName: string | null = null;
  compiled.fields.forEach((field, i) => {
    const part = match[i + 1];
    if (field === "year4") year = Number(part);
    else if (field === "year2") year = expandTwoDigitYear(Number(part));
    else if (field === "month") month = Number(part);
    else if (field === "day") day = Number(part);
    else {
      monthName = part;
      month = MONTHS[stripAccents(part.replace(/\.$/, "").toLowerCase())] ?? 0;
    }
  });

  if (monthName !== null && month === 0) {
    return { ok: false, reason: `date "${shown}": "${monthName}" is not a month name` };
  }
  if (month < 1 || month > 12) {
    return { ok: false, reason: `date "${shown}" has no month ${month} (format ${compiled.format})` };
  }
  if (year < MIN_YEAR || year > MAX_YEAR) {
    return { ok: false, reason: `date "${shown}" has the year ${year}, outside ${MIN_YEAR}-${MAX_YEAR}` };
  }
  const lastDay = daysInMonth(year, month);
  if (day < 1 || day > lastDay) {
    return {
      ok: false,
      reason: `date "${shown}" does not exist: ${MONTH_LABELS[month - 1]} ${year} has ${lastDay} days (format ${compiled.format})`,
    };
  }
  return { ok: true, date: `${year}-${pad2(month)}-${pad2(day)}` };
}

/** 00-69 → 2000-2069, 70-99 → 1970-1999 (the POSIX strptime pivot); fixed, not clock-relative. */
export function expandTwoDigitYear(yy: number): number {
  return yy < 70 ? 2000 + yy : 1900 + yy;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
