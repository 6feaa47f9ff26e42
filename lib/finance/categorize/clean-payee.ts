// payee_lookup: turn a raw bank description into a merchant name.
//
//   "SQ *BLUE BOTTLE #123 OAKLAND"               → "Blue Bottle"   (dictionary)
//   "POS 4567 TRADER JOE'S #552 SAN FRANCISCO CA" → "Trader Joe's"  (dictionary)
//   "PAYROLL ACME CORP"                           → "Acme Corp"     (cleaned + title-cased)
//
// Steps: strip processor/card prefixes (SQ *, TST*, PAYPAL *, POS, CHECKCARD 0312, ...) and
// the dates, card digits and numbers that follow them; look the rest up in the merchant
// dictionary; otherwise cut at the first store number, drop URLs, phone numbers, dates, card
// digits and a trailing city/state, and title-case what is left.

import { findMerchant, type Merchant, type MerchantMatch } from "./merchants";
import { matchTokens, normalizeDescription } from "./text";

export interface PayeeResult {
  payee: string;
  /** 0..1: about 0.95 for a dictionary merchant, 0.3–0.75 for a cleaned-up name. */
  confidence: number;
}

export interface DescriptionAnalysis extends PayeeResult {
  /** Upper-cased, whitespace-collapsed description. */
  normalized: string;
  /** matchTokens(normalized): the description's words, for keyword hints and the classifier. */
  tokens: readonly string[];
  /** The description without processor/card prefixes and the numbers that follow them. */
  stripped: string;
  /** The dictionary merchant, when one was found. */
  merchant: Merchant | null;
  /** The match's token position: 0 when the merchant leads the (stripped) description. */
  merchantStart: number;
}

// ---------------------------------------------------------------------------------------
// Prefixes

// Payment processors that put their own code before the merchant, always with a star.
// (Merchants that put a star *after* their own name, like "UBER *TRIP", are not here.)
const PROCESSOR_PREFIX =
  /^(?:SQ|SQU|SQUARE|TST|TOAST|PAYPAL|PP|SP|PY|IN|IC|EB|CKO|PAR|WPY|LS|ZTL|DNH|FS|APL|PADDLE(?:\.NET)?|2CO|SMP) ?\* ?/;

const CARD_PREFIXES: readonly RegExp[] = [
  /^(?:DEBIT|CREDIT|CHECK|CHK) ?CARD (?:PURCHASE|PURCH|PUR|PMT|PAYMENT|TRANSACTION|TXN)(?: WITH PIN)?(?=[\s\-*:]|$)/,
  /^CHECK ?CARD(?=[\s\-*:]|$)/,
  /^CARD (?:PURCHASE|PAYMENT|PMT|TRANSACTION|TXN)(?: WITH PIN)?(?: TO)?(?=[\s\-*:]|$)/,
  /^PURCHASE AUTHORI[ZS]ED ON \d{1,2}\/\d{1,2}(?=\s|$)/,
  /^(?:POS|POINT OF SALE)(?: (?:DEBIT|PURCHASE|PUR|PURCH|WITHDRAWAL|WDL|TRANSACTION|TRX|SIG|PIN|CREDIT|REFUND))*(?=[\s\-*:#]|$)/,
  /^(?:PURCHASE|PURCH)(?: RETURN| REFUND)?(?=[\s\-*:]|$)/,
  /^(?:VISA|MC|MASTERCARD|MAESTRO)(?: (?:DDA|DEBIT|CHECK|CHK))? (?:PUR|PURCH|PURCHASE|PMT|PAYMENT|WDL|TRANSACTION)(?=[\s\-*:]|$)/,
  /^(?:RECURRING|RECUR)(?: (?:DEBIT CARD|DEBIT|CARD))?(?: (?:PAYMENT|PMT|PURCHASE|PURCH|CHARGE|TRANSACTION))?(?=[\s\-*:]|$)/,
  /^(?:ACH|ELECTRONIC|PREAUTHORIZED|PRE-AUTHORIZED|PREAUTH) (?:DEBIT|CREDIT|PMT|PAYMENT|WITHDRAWAL|WDL)(?=[\s\-*:]|$)/,
  /^(?:BILL ?PAY(?:MENT)?|ONLINE (?:BILL )?(?:PAYMENT|PMT))(?: TO)?(?=[\s\-*:]|$)/,
  /^(?:CONTACTLESS|CNTLESS)(?: (?:PAYMENT|PURCHASE))?(?=[\s\-*:]|$)/,
  /^(?:DIRECT DEBIT|STANDING ORDER|BGC|BACS|FPI|FPO|FASTER PAYMENTS?(?: RECEIVED)?|CHAPS)(?: (?:TO|FROM))?(?=[\s\-*:]|$)/,
  /^SEPA(?:[- ](?:LASTSCHRIFT|BASISLASTSCHRIFT|UEBERWEISUNG|GUTSCHRIFT|DIRECT DEBIT|CT|DD))?(?=[\s\-*:]|$)/,
  /^(?:KARTENZAHLUNG|LASTSCHRIFT|GIROCARD|EC[- ]KARTE|BETAALPAS|PRLV(?: SEPA)?|PAIEMENT(?: PAR)? CB|CARTE|CB)(?=[\s\-*:]|$)/,
];

// Dates, card masks and reference numbers that sit between a prefix and the merchant.
const LEADING_NOISE =
  /^(?:\d{1,2}[/.-]\d{1,2}(?:[/.-]\d{2,4})?|\d{4,}|[X*]{2,}\d{2,4}|X\d{4}|CARD (?:NO\.? ?|# ?)?\d{4}|#\d+|ON \d{1,2}\/\d{1,2}(?:\/\d{2,4})?)(?=\s|$)/;

const LEADING_SEPARATORS = /^[\s\-*:#.,]+/;

function stripPrefixes(normalized: string): { text: string; stripped: boolean } {
  let text = normalized;
  let stripped = false;
  for (let round = 0; round < 6; round++) {
    const before = text;
    const processor = PROCESSOR_PREFIX.exec(text);
    if (processor) text = text.slice(processor[0].length);
    for (const prefix of CARD_PREFIXES) {
      const m = prefix.exec(text);
      if (m) {
        text = text.slice(m[0].length);
        break;
      }
    }
    text = text.replace(LEADING_SEPARATORS, "");
    const noise = LEADING_NOISE.exec(text);
    if (noise) text = text.slice(noise[0].length).replace(LEADING_SEPARATORS, "");
    if (text === before) break;
    stripped = true;
  }
  return { text: text.trim(), stripped };
}

// ---------------------------------------------------------------------------------------
// Heuristic clean-up for merchants the dictionary does not know

const PAYROLL_WORDS = /\b(?:PAYROLL|PAYRLL|DIRECT DEP(?:OSIT)?|DIR DEP|SALARY|NET PAY)\b/g;
const DOMAIN = /^(?:HTTPS?:\/\/)?(?:WWW\.)?([A-Z0-9-]+(?:\.[A-Z0-9-]+)*)\.(?:COM|NET|ORG|CO|IO|UK|DE|FR|NL|APP|TV|US|ME|AI|EU)(?:\/\S*)?$/;
const PHONE = [
  /(?:\+?1[-. ]?)?\(?\b\d{3}\)?[-. ]?\d{3}[-. ]?\d{4}\b/g,
  /\b\d{3}-\d{7}\b/g,
  /\b0\d{3,4} ?\d{3} ?\d{3,4}\b/g,
  /\b1-?800-?[A-Z]{3}-?[A-Z]{4}\b/g,
];
const DATES = [
  /\b\d{1,2}[/.-]\d{1,2}(?:[/.-]\d{2,4})?\b/g,
  /\b\d{4}-\d{2}-\d{2}\b/g,
  /\b\d{1,2} ?(?:JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)(?: ?\d{2,4})?\b/g,
  /\bON \d{1,2}\s?(?:JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)\b/g,
];
const CARD_DIGITS = [/(?:\bX{2,}|\*{2,})\d{2,4}\b/g, /\bCARD (?:NO\.? ?|# ?)?\d{4}\b/g, /\bX\d{4}\b/g];

const CUT_WORDS = new Set(["ACH", "PPD", "CCD", "WEB", "TEL", "ID", "ID:", "DES", "DES:", "INDN", "INDN:", "TRACE", "REF", "REF:"]);
const STORE_WORDS = new Set(["NO", "NO.", "STORE", "STORE#", "STR", "STE", "UNIT", "LOC", "LOCATION", "ST#"]);
const TRAILING_NOISE = new Set([
  "PAYMENT", "PAYMENTS", "PMT", "PYMT", "PMTS", "ONLINE", "WEB", "BILL", "BILLPAY", "AUTOPAY", "RECURRING",
  "DEBIT", "CREDIT", "PURCHASE", "EPAY", "EPAYMENT", "E-PAYMENT", "INST", "-", "*", "&", "/", ".",
]);

const US_STATES = new Set(
  ("AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD " +
    "TN TX UT VT VA WA WV WI WY PR BC AB QC ON MB SK NS NB").split(" "),
);
const COUNTRIES = new Set(["US", "USA", "GB", "GBR", "UK", "DE", "DEU", "FR", "FRA", "NL", "NLD", "IE", "IRL", "ES", "ESP", "IT", "ITA", "BE", "AT", "CH", "SE", "DK", "NO", "PT", "CAN"]);

// Common cities, for a trailing location without a state code ("... OAKLAND"). Names that
// are also common words or brands (Orange, Bath, Nice, Reading) are left out on purpose.
const CITY_SET: ReadonlySet<string> = new Set([
  "NEW YORK", "NYC", "BROOKLYN", "QUEENS", "BRONX", "MANHATTAN", "LOS ANGELES", "CHICAGO", "HOUSTON", "PHOENIX", "PHILADELPHIA",
  "SAN ANTONIO", "SAN DIEGO", "DALLAS", "SAN JOSE", "AUSTIN", "JACKSONVILLE", "FORT WORTH", "COLUMBUS", "CHARLOTTE", "INDIANAPOLIS",
  "SEATTLE", "DENVER", "WASHINGTON", "BOSTON", "EL PASO", "NASHVILLE", "DETROIT", "OKLAHOMA CITY", "PORTLAND", "LAS VEGAS",
  "MEMPHIS", "LOUISVILLE", "BALTIMORE", "MILWAUKEE", "ALBUQUERQUE", "TUCSON", "FRESNO", "SACRAMENTO", "MESA", "KANSAS CITY",
  "ATLANTA", "OMAHA", "COLORADO SPRINGS", "RALEIGH", "LONG BEACH", "VIRGINIA BEACH", "MIAMI", "MIAMI BEACH", "OAKLAND",
  "MINNEAPOLIS", "TULSA", "TAMPA", "ARLINGTON", "NEW ORLEANS", "WICHITA", "CLEVELAND", "BAKERSFIELD", "AURORA", "ANAHEIM",
  "HONOLULU", "SANTA ANA", "RIVERSIDE", "CORPUS CHRISTI", "LEXINGTON", "STOCKTON", "HENDERSON", "SAINT PAUL", "ST PAUL",
  "ST LOUIS", "SAINT LOUIS", "CINCINNATI", "PITTSBURGH", "ANCHORAGE", "PLANO", "ORLANDO", "IRVINE", "NEWARK", "DURHAM",
  "TOLEDO", "ST PETERSBURG", "JERSEY CITY", "MADISON", "SCOTTSDALE", "RENO", "GLENDALE", "NORFOLK", "FREMONT", "RICHMOND",
  "BOISE", "SPOKANE", "BATON ROUGE", "TACOMA", "DES MOINES", "ROCHESTER", "SALT LAKE CITY", "KNOXVILLE", "PROVIDENCE",
  "FORT LAUDERDALE", "SANTA ROSA", "TEMPE", "SPRINGFIELD", "PASADENA", "HAYWARD", "SUNNYVALE", "TORRANCE", "SYRACUSE",
  "SAVANNAH", "BELLEVUE", "CHARLESTON", "CONCORD", "HARTFORD", "SANTA CLARA", "ANN ARBOR", "BERKELEY", "BOULDER",
  "SAN MATEO", "DALY CITY", "BURBANK", "WEST PALM BEACH", "PALO ALTO", "EAST PALO ALTO", "MOUNTAIN VIEW", "REDWOOD CITY",
  "SOUTH SAN FRANCISCO", "SAN FRANCISCO", "SF", "EMERYVILLE", "ALAMEDA", "WALNUT CREEK", "SAN RAFAEL", "SAN LEANDRO",
  "MENLO PARK", "CUPERTINO", "SANTA MONICA", "WEST HOLLYWOOD", "HOLLYWOOD", "CULVER CITY", "LONG ISLAND CITY", "HOBOKEN",
  "CAMBRIDGE", "SOMERVILLE", "EVANSTON", "ARLINGTON HEIGHTS", "KIRKLAND", "REDMOND", "EVERETT", "VANCOUVER", "TORONTO",
  "MONTREAL", "CALGARY", "OTTAWA",
  "LONDON", "MANCHESTER", "BIRMINGHAM", "LEEDS", "GLASGOW", "EDINBURGH", "LIVERPOOL", "BRISTOL", "SHEFFIELD", "CARDIFF",
  "BELFAST", "NEWCASTLE", "NOTTINGHAM", "LEICESTER", "BRIGHTON", "OXFORD", "COVENTRY", "SOUTHAMPTON", "PORTSMOUTH",
  "ABERDEEN", "DUNDEE", "MILTON KEYNES", "CROYDON",
  "PARIS", "BERLIN", "MUNICH", "MUENCHEN", "MUNCHEN", "HAMBURG", "FRANKFURT", "KOELN", "KOLN", "COLOGNE", "STUTTGART",
  "DUSSELDORF", "DUESSELDORF", "AMSTERDAM", "ROTTERDAM", "UTRECHT", "THE HAGUE", "DEN HAAG", "BRUSSELS", "BRUXELLES",
  "ANTWERPEN", "MADRID", "BARCELONA", "VALENCIA", "SEVILLA", "LISBON", "LISBOA", "PORTO", "ROME", "ROMA", "MILAN", "MILANO",
  "NAPOLI", "TORINO", "VIENNA", "WIEN", "ZURICH", "GENEVA", "GENEVE", "DUBLIN", "COPENHAGEN", "KOBENHAVN", "STOCKHOLM",
  "OSLO", "HELSINKI", "PRAGUE", "PRAHA", "WARSAW", "WARSZAWA", "BUDAPEST", "ATHENS", "LYON", "MARSEILLE", "TOULOUSE",
]);

const SMALL_WORDS = new Set(["A", "AN", "AND", "AT", "BY", "FOR", "IN", "OF", "ON", "OR", "THE", "TO", "DE", "DEL", "DU", "DES", "LA", "LE", "VON", "DA", "DI"]);
const KEEP_UPPER = new Set([
  "ATM", "USA", "US", "UK", "EU", "KFC", "IHOP", "AMC", "DMV", "IRS", "HMRC", "UPS", "USPS", "DHL", "TJ", "NYC", "BBQ", "LLC",
  "YMCA", "HBO", "ESPN", "AAA", "TV", "DVD", "BMW", "GNC", "REI", "HSBC", "TSB", "RBS", "NHS", "BP", "CVS", "PNC", "TD", "AT&T",
  "II", "III", "IV", "VIP", "DIY", "PC", "NY", "LA", "SF", "DC", "UCLA", "USC", "MIT", "NFL", "NBA", "MLB", "NHL", "ABC", "CBS",
  "NBC", "MTA", "BART", "SEPTA", "TFL", "LNER", "GWR", "IKEA", "H&M", "B&Q", "M&S",
]);
// Consonant-only abbreviations that read better title-cased than shouted.
const TITLE_ABBREVIATIONS = new Set(["MGMT", "SVC", "SVCS", "CTR", "ST", "DR", "MKT", "MKTS", "LTD", "INTL", "BLVD", "PKWY", "HWY", "MTN", "FT", "MT", "JR", "SR", "MR", "MRS", "MS", "DRS", "BRS", "SHP", "WHLS", "PRDS"]);

function titleWord(word: string, first: boolean): string {
  if (KEEP_UPPER.has(word)) return word;
  const letters = word.replace(/[^A-Z]/g, "");
  if (word.includes("&") && letters.length <= 4) return word; // AT&T, PG&E, H&M
  if (!first && SMALL_WORDS.has(word)) return word.toLowerCase();
  if (letters.length >= 2 && letters.length <= 4 && !/[AEIOUY]/.test(letters) && !TITLE_ABBREVIATIONS.has(word) && !/\d/.test(word)) {
    return word; // CVS, BBQ, TJX: an acronym
  }
  if (/\d/.test(word) && word.length <= 3) return word; // O2, 3M
  let out = word.toLowerCase().replace(/(^|[-/.(+])([a-z])/g, (_m, p: string, c: string) => p + c.toUpperCase());
  out = out.replace(/^([A-Za-z])'([a-z])/, (_m, a: string, b: string) => `${a.toUpperCase()}'${b.toUpperCase()}`); // O'Reilly
  if (out.length > 4) out = out.replace(/^Mc([a-z])/, (_m, c: string) => `Mc${c.toUpperCase()}`); // McDonald
  return out;
}

/** "TRADER JOE'S" → "Trader Joe's", "AT&T WIRELESS" → "AT&T Wireless", "CITY OF OAKLAND" → "City of Oakland". */
export function titleCase(text: string): string {
  return text
    .split(" ")
    .filter(Boolean)
    .map((w, i) => titleWord(w, i === 0))
    .join(" ");
}

function isStoreNumber(word: string): boolean {
  if (word.startsWith("#")) return true;
  if (/^\d{3,}$/.test(word)) return true;
  // A reference code: letters and at least three digits, e.g. T0123, S382071234567890.
  return /^[A-Z0-9-]+$/.test(word) && (word.match(/\d/g)?.length ?? 0) >= 3;
}

function removeTrailingLocation(words: string[]): boolean {
  let removed = false;
  if (words.length >= 2 && (US_STATES.has(words[words.length - 1]) || COUNTRIES.has(words[words.length - 1]))) {
    words.pop();
    removed = true;
    // "... ORLANDO FL US": a state after the country code.
    if (words.length >= 2 && US_STATES.has(words[words.length - 1]) && words[words.length - 1].length === 2) words.pop();
  }
  for (let n = 3; n >= 1; n--) {
    if (words.length <= n) continue;
    const tail = words.slice(words.length - n).join(" ");
    if (CITY_SET.has(tail)) {
      words.splice(words.length - n, n);
      return true;
    }
  }
  return removed;
}

interface Heuristic {
  payee: string;
  confidence: number;
}

function heuristicPayee(text: string, prefixStripped: boolean): Heuristic | null {
  let s = text;
  let signals = prefixStripped ? 1 : 0;

  const withoutPayroll = s.replace(PAYROLL_WORDS, " ");
  if (withoutPayroll !== s) {
    s = withoutPayroll;
    signals++;
  }

  // Domains: the first word's site name is the merchant ("NETFLIX.COM" → NETFLIX); later
  // ones are help/billing addresses and go.
  const words0 = s.split(" ").filter(Boolean);
  const keptDomainless: string[] = [];
  words0.forEach((w, i) => {
    const m = DOMAIN.exec(w);
    if (!m) {
      keptDomainless.push(w);
      return;
    }
    if (i === 0) {
      const labels = m[1].split(".").filter((l) => !["WWW", "HELP", "PAY", "BILLING", "M"].includes(l));
      const label = labels.length >= 2 && ["CO", "COM", "ORG", "NET", "AC", "GOV"].includes(labels[labels.length - 1]) ? labels[labels.length - 2] : labels[labels.length - 1];
      if (label) keptDomainless.push(label);
    }
  });
  s = keptDomainless.join(" ");

  // "GEICO *AUTO" → GEICO; "XY *MERCHANT" (an unknown processor code) → MERCHANT.
  const star = s.indexOf("*");
  if (star >= 0) {
    const before = s.slice(0, star).trim();
    const after = s.slice(star + 1).trim();
    s = before.replace(/[^A-Z]/g, "").length <= 2 && after ? after : before || after;
  }

  for (const re of PHONE) s = s.replace(re, " ");
  for (const re of DATES) s = s.replace(re, " ");
  for (const re of CARD_DIGITS) s = s.replace(re, " ");

  let words = s.split(" ").filter(Boolean);
  for (let i = 1; i < words.length; i++) {
    const w = words[i];
    const nextHasDigit = i + 1 < words.length && /\d/.test(words[i + 1]);
    if (isStoreNumber(w) || CUT_WORDS.has(w) || (STORE_WORDS.has(w) && nextHasDigit)) {
      words = words.slice(0, i);
      signals++;
      break;
    }
  }
  // Leading store numbers or stray digits left by the steps above.
  while (words.length > 1 && /^[#\d-]+$/.test(words[0])) words.shift();

  for (let round = 0; round < 3; round++) {
    let changed = false;
    while (words.length > 1 && TRAILING_NOISE.has(words[words.length - 1])) {
      words.pop();
      changed = true;
    }
    if (removeTrailingLocation(words)) {
      signals++;
      changed = true;
    }
    if (!changed) break;
  }
  words = words.map((w) => w.replace(/^[-*.,:;#/]+|[-*.,:;#/]+$/g, "")).filter((w) => w && !/^[#&\-*/.]+$/.test(w));
  if (words.length === 0) return null;

  let confidence = 0.6 + Math.min(signals, 3) * 0.05;
  if (words.length > 4) confidence -= 0.15;
  if (words.length === 1 && words[0].replace(/[^A-Z]/g, "").length <= 2) confidence = 0.3;
  return { payee: titleCase(words.join(" ")), confidence: round2(confidence) };
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

// ---------------------------------------------------------------------------------------
// Public API

const cache = new Map<string, DescriptionAnalysis>();
const CACHE_LIMIT = 20_000;

/** Everything the categorizer wants to know about a description; memoized (pure). */
export function analyzeDescription(raw: string): DescriptionAnalysis {
  const hit = cache.get(raw);
  if (hit) return hit;
  const result = analyze(raw);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(raw, result);
  return result;
}

function analyze(raw: string): DescriptionAnalysis {
  const normalized = normalizeDescription(raw);
  const tokens = matchTokens(normalized);
  const { text: stripped, stripped: prefixStripped } = stripPrefixes(normalized);

  let match: MerchantMatch | null = findMerchant(stripped === normalized ? tokens : matchTokens(stripped));
  let matchedStripped = true;
  if (!match && stripped !== normalized) {
    // A "prefix" may have been part of the name ("SO CAL EDISON"): try the whole text.
    match = findMerchant(tokens);
    matchedStripped = false;
  }
  if (match) {
    const leads = match.start === 0 && matchedStripped;
    return {
      normalized,
      tokens,
      stripped,
      merchant: match.merchant,
      merchantStart: match.start,
      payee: match.merchant.name,
      confidence: leads ? 0.95 : 0.85,
    };
  }

  const cleaned = heuristicPayee(stripped || normalized, prefixStripped) ?? heuristicPayee(normalized, false);
  return {
    normalized,
    tokens,
    stripped,
    merchant: null,
    merchantStart: -1,
    payee: cleaned?.payee ?? titleCase(normalized.slice(0, 60)),
    confidence: cleaned?.confidence ?? (normalized ? 0.2 : 0),
  };
}

/** payee_lookup: the merchant name for a raw bank description, with a confidence (0..1). */
export function cleanPayee(raw: string): PayeeResult {
  const { payee, confidence } = analyzeDescription(raw);
  return { payee, confidence };
}
