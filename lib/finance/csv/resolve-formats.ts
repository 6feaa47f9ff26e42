// Choose the date format and the number format of a column from its values. A format is judged
// over every value given (the sample at detection, every row in the survey pass), so a file
// whose first rows all have day <= 12 is not misread: the later "25/01/2024" decides.

import { NUMBER_FORMATS, parseAmount } from "./parse-amount";
import { compileDateFormat, parseDate, type CompiledDateFormat } from "./parse-date";
import type { NumberFormat } from "./csv-types";

/** The formats detection tries, most common first. Any other format can still be set by hand. */
export const DATE_FORMATS = [
  "YYYY-MM-DD",
  "MM/DD/YYYY",
  "DD/MM/YYYY",
  "DD.MM.YYYY",
  "YYYYMMDD",
  "YYYY/MM/DD",
  "YYYY.MM.DD",
  "MM-DD-YYYY",
  "DD-MM-YYYY",
  "MM.DD.YYYY",
  "MM/DD/YY",
  "DD/MM/YY",
  "DD.MM.YY",
  "MM-DD-YY",
  "DD-MM-YY",
  "DD MMM YYYY",
  "DD-MMM-YYYY",
  "DD/MMM/YYYY",
  "DD MMM YY",
  "DD-MMM-YY",
  "MMM DD, YYYY",
  "MMM DD YYYY",
] as const;

export interface DateFormatResolution {
  /** The format that parses the most values; null when none parses any. */
  format: string | null;
  /**
   * True when another format (day and month swapped) parses the same values into different
   * dates: every value had day <= 12. The choice then came from the hints, or month-first.
   */
  ambiguous: boolean;
  /** The other reading when ambiguous. */
  alternative: string | null;
  /** Non-empty values `format` parses / does not parse. */
  parsed: number;
  failed: number;
}

export interface FormatHints {
  /** True for day-first locales (a `;` delimiter, a decimal comma, £/€, non-English headers). */
  dayFirst?: boolean | null;
  /** True when the file looks continental (a `;` delimiter). */
  decimalComma?: boolean | null;
}

interface Candidate {
  compiled: CompiledDateFormat;
  /** True when the day comes before the month, false for month first, null when unambiguous. */
  dayFirst: boolean | null;
  /** Index of the same format with day and month swapped. */
  swap: number;
}

const CANDIDATES: Candidate[] = DATE_FORMATS.map((format) => {
  const day = format.indexOf("D");
  const month = format.indexOf("M");
  const numericMonth = !format.includes("MMM");
  const dayFirst = format.startsWith("Y") || !numericMonth ? null : day < month;
  const swapped = format.replace(/DD|MM/g, (t) => (t === "DD" ? "MM" : "DD"));
  return {
    compiled: compileDateFormat(format)!,
    dayFirst,
    swap: dayFirst === null ? -1 : (DATE_FORMATS as readonly string[]).indexOf(swapped),
  };
});

/**
 * Counts, value by value, how many each candidate format parses; keeps O(1) memory so the survey
 * pass can feed it every row of a large file.
 */
export class DateFormatTally {
  private readonly counts = new Array<number>(CANDIDATES.length).fill(0);
  // differs[i]: format i and its swap both parsed some value into different dates.
  private readonly differs = new Array<boolean>(CANDIDATES.length).fill(false);
  private nonEmpty = 0;

  add(value: string): void {
    const text = value.trim();
    if (text === "") return;
    this.nonEmpty++;
    const dates: (string | null)[] = new Array(CANDIDATES.length);
    // Nearly every value fails nearly every format at the regex; only matches are validated.
    for (let i = 0; i < CANDIDATES.length; i++) {
      const candidate = CANDIDATES[i];
      if (!candidate.compiled.pattern.test(text)) {
        dates[i] = null;
        continue;
      }
      const result = parseDate(text, candidate.compiled);
      dates[i] = result.ok ? result.date : null;
      if (result.ok) this.counts[i]++;
    }
    for (let i = 0; i < CANDIDATES.length; i++) {
      const j = CANDIDATES[i].swap;
      if (j > i && dates[i] !== null && dates[j] !== null && dates[i] !== dates[j]) {
        this.differs[i] = this.differs[j] = true;
      }
    }
  }

  /**
   * Whether the values seen so far already settle `format` for the whole file: it reads the most
   * of them, and it cannot be confused with its day/month swap, either because it has none
   * (year first, a month name) or because some value only it can read (a day over 12). For a
   * file written in one format the rest of it cannot change the choice, so the import need not
   * survey every row first.
   */
  settles(format: string): boolean {
    const i = CANDIDATES.findIndex((c) => c.compiled.format === format);
    if (i === -1 || this.counts[i] === 0 || this.counts[i] < Math.max(...this.counts)) return false;
    const j = CANDIDATES[i].swap;
    return j === -1 || this.counts[j] < this.counts[i];
  }

  result(hints: FormatHints = {}): DateFormatResolution {
    const best = Math.max(...this.counts);
    if (best === 0) {
      return { format: null, ambiguous: false, alternative: null, parsed: 0, failed: this.nonEmpty };
    }
    const tied = CANDIDATES.map((_, i) => i).filter((i) => this.counts[i] === best);
    let chosen = tied[0];
    let ambiguous = false;
    let alternative: string | null = null;
    const pair = tied.find((i) => CANDIDATES[i].swap !== -1 && tied.includes(CANDIDATES[i].swap));
    if (pair !== undefined) {
      const other = CANDIDATES[pair].swap;
      // Without a hint, month-first: the format of US exports, which rarely carry any hint.
      const preferDayFirst = hints.dayFirst === true;
      chosen = CANDIDATES[pair].dayFirst === preferDayFirst ? pair : other;
      ambiguous = this.differs[pair];
      alternative = ambiguous ? CANDIDATES[chosen === pair ? other : pair].compiled.format : null;
    }
    return {
      format: CANDIDATES[chosen].compiled.format,
      ambiguous,
      alternative,
      parsed: best,
      failed: this.nonEmpty - best,
    };
  }
}

/**
 * The format that parses the most non-empty values (all of them in a well-formed file). When
 * day-first and month-first read the values equally well but into different dates, the hint
 * decides and `ambiguous` is set so the caller can warn.
 */
export function resolveDateFormat(values: Iterable<string>, hints: FormatHints = {}): DateFormatResolution {
  const tally = new DateFormatTally();
  for (const value of values) tally.add(value);
  return tally.result(hints);
}

export interface NumberFormatResolution {
  format: NumberFormat;
  /** True when another format reads the same values into different amounts ("1,000"). */
  ambiguous: boolean;
  parsed: number;
  failed: number;
}

/**
 * The number format that parses the most non-empty values. Formats that read every value the
 * same are equivalent; when two read some value differently (only integers with a single
 * separator, like "1,000", can), the hint decides: decimal comma for `;` files.
 */
export function resolveNumberFormat(values: string[], hints: FormatHints = {}): NumberFormatResolution {
  const texts = values.map((v) => v.trim()).filter((v) => v !== "");
  const order = [...NUMBER_FORMATS].sort((a, b) => {
    const rank = (f: NumberFormat) => (f.decimalSeparator === (hints.decimalComma ? "," : ".") ? 0 : 1);
    return rank(a) - rank(b);
  });
  const outputs = order.map((format) =>
    texts.map((text) => {
      const result = parseAmount(text, format);
      return result.ok ? result.minor : undefined;
    }),
  );
  const counts = outputs.map((out) => out.filter((v) => v !== undefined).length);
  const best = Math.max(...counts);
  const winners = order.map((_, i) => i).filter((i) => counts[i] === best);
  const chosen = winners[0];
  const ambiguous =
    best > 0 && winners.some((i) => outputs[i].some((v, k) => v !== outputs[chosen][k]));
  return { format: order[chosen], ambiguous, parsed: best, failed: texts.length - best };
}

/** Whether the text is a valid date in any format detection knows. */
export function isDateInAnyFormat(text: string): boolean {
  const value = text.trim();
  if (value.length < 6 || value.length > 40) return false;
  return CANDIDATES.some((c) => c.compiled.pattern.test(value) && parseDate(value, c.compiled).ok);
}

/** Whether the text is an amount in any number format detection knows. */
export function isAmountInAnyFormat(text: string): boolean {
  const value = text.trim();
  if (value === "" || !/\d/.test(value)) return false;
  return NUMBER_FORMATS.some((format) => {
    const result = parseAmount(value, format);
    return result.ok && result.minor !== null;
  });
}
