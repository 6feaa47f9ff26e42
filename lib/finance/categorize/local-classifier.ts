// A per-user classifier learned from the user's already-categorized transactions.
//
// Two parts:
//  1. Payee memory: how often each (cleaned) payee went to each category, per direction
//     (money in / out) with the payee overall as fallback, so a refund follows its purchase
//     but "Venmo in" and "Venmo out" can differ. A payee seen n times, k of them in its top
//     category (k/n >= 1/2), predicts that category with the rule-of-succession confidence
//     (k + 1) / (n + 2): 0.67 after one example, 0.8 after three consistent ones, 0.92 after ten.
//  2. Multinomial naive Bayes (binary features, Laplace smoothing) over description and
//     payee words, the payee itself, the amount's sign and a coarse amount bucket; this
//     generalizes to payees never seen before ("... COFFEE ROASTERS" → Coffee). Its
//     posterior is softened with a temperature, because naive Bayes is overconfident.
//
// Deterministic (no randomness; ties go to the alphabetically first category) and fast:
// training is one pass over the examples.

import { analyzeDescription } from "./clean-payee";
import { matchTokens, normalizeDescription, payeeKey } from "./text";

export interface TrainingExample {
  description: string;
  /** Cleaned payee if known; cleaned from the description otherwise. */
  payee?: string | null;
  /** Minor units; negative is money out. */
  amountMinor: bigint;
  category: string;
}

export interface ClassifierInput {
  description: string;
  payee?: string | null;
  amountMinor: bigint;
}

export interface Prediction {
  category: string;
  /** 0..1, calibrated to read as "probability this is right" on held-out data. */
  confidence: number;
  /** What decided: the payee's history, or the word model. */
  basis: "payee" | "words";
}

export interface LocalClassifier {
  /** Best category, or null when the model has nothing to go on (no training data). */
  predict(tx: ClassifierInput): Prediction | null;
  /** Categories seen in training, sorted. */
  readonly categories: readonly string[];
  /** Examples used (those with a non-empty category). */
  readonly exampleCount: number;
}

export interface TrainOptions {
  /** Laplace smoothing. Default 0.5. */
  alpha?: number;
  /** Posterior temperature (> 1 softens). Default 2. */
  temperature?: number;
}

// Words that say nothing about the category: card/processor boilerplate, web bits, state codes.
const STOP_WORDS = new Set(
  (
    "POS PURCHASE PURCH PUR DEBIT CREDIT CARD CHECKCARD CHECK CHK VISA MC MASTERCARD RECURRING RECUR PAYMENT PMT PYMT " +
    "ONLINE WEB ACH PPD CCD ID DES INDN CO INC LLC LTD CORP THE AND OF AT ON TO FROM FOR IN SQ TST PAYPAL PP SP PY " +
    "WWW COM NET ORG HTTP HTTPS HELP AUTHORIZED AUTHORISED STORE STORES NO TRANSACTION TXN WITH PIN SIG XX XXX XXXX " +
    "US USA UK GB " +
    "AL AK AZ AR CA CT DE DC FL GA HI IL IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD " +
    "TN TX UT VT VA WA WV WI WY"
  ).split(" "),
);

const WORD = /^[A-Z][A-Z&]+$/;

// Amount buckets in minor units (|amount|): <5, <20, <50, <150, <500, <2000, more.
const BUCKETS = [500n, 2_000n, 5_000n, 15_000n, 50_000n, 200_000n];

function amountFeatures(amountMinor: bigint): [string, string] {
  const sign = amountMinor < 0n ? "out" : "in";
  const abs = amountMinor < 0n ? -amountMinor : amountMinor;
  let bucket = BUCKETS.length;
  for (let i = 0; i < BUCKETS.length; i++) {
    if (abs < BUCKETS[i]) {
      bucket = i;
      break;
    }
  }
  return [`s:${sign}`, `a:${sign}${bucket}`];
}

interface Extracted {
  payeeKey: string;
  /** "in" or "out". */
  direction: string;
  features: string[];
}

function extract(tx: ClassifierInput): Extracted {
  const givenPayee = tx.payee?.trim();
  let payee: string;
  let tokens: readonly string[];
  if (givenPayee) {
    payee = givenPayee;
    tokens = matchTokens(normalizeDescription(tx.description));
  } else {
    const analysis = analyzeDescription(tx.description);
    payee = analysis.payee;
    tokens = analysis.tokens;
  }
  const key = payeeKey(payee);
  const features: string[] = [];
  if (key) features.push(`p:${key}`);
  for (const t of tokens) {
    if (WORD.test(t) && !STOP_WORDS.has(t)) {
      const f = `w:${t}`;
      if (!features.includes(f)) features.push(f);
    }
  }
  if (key) {
    for (const t of key.toUpperCase().split(" ")) {
      if (WORD.test(t) && !STOP_WORDS.has(t)) {
        const f = `w:${t}`;
        if (!features.includes(f)) features.push(f);
      }
    }
  }
  features.push(...amountFeatures(tx.amountMinor));
  return { payeeKey: key, direction: tx.amountMinor < 0n ? "out" : "in", features };
}

/** Learns from the user's categorized transactions. Examples without a category are skipped. */
export function trainClassifier(examples: readonly TrainingExample[], options: TrainOptions = {}): LocalClassifier {
  const alpha = options.alpha ?? 0.5;
  const temperature = options.temperature ?? 2;

  // Categories sorted by name, so the model does not depend on example order.
  const names = new Set<string>();
  for (const ex of examples) {
    const c = ex.category?.trim();
    if (c) names.add(c);
  }
  const categories = [...names].sort();
  const catIndex = new Map(categories.map((c, i) => [c, i]));
  const C = categories.length;

  const docCount = new Array<number>(C).fill(0);
  const featureTotal = new Array<number>(C).fill(0);
  const featureCounts = new Map<string, Float64Array>();
  const payeeCounts = new Map<string, Float64Array>();
  let used = 0;

  for (const ex of examples) {
    const c = catIndex.get(ex.category?.trim() ?? "");
    if (c === undefined) continue;
    used++;
    docCount[c]++;
    const { payeeKey: key, direction, features } = extract(ex);
    for (const f of features) {
      let counts = featureCounts.get(f);
      if (!counts) {
        counts = new Float64Array(C);
        featureCounts.set(f, counts);
      }
      counts[c]++;
    }
    featureTotal[c] += features.length;
    if (key) {
      for (const memoryKey of [key, `${key}|${direction}`]) {
        let counts = payeeCounts.get(memoryKey);
        if (!counts) {
          counts = new Float64Array(C);
          payeeCounts.set(memoryKey, counts);
        }
        counts[c]++;
      }
    }
  }

  const V = featureCounts.size;
  const logPrior = docCount.map((n) => Math.log((n + 1) / (used + C)));
  const logDenominator = featureTotal.map((t) => Math.log(t + alpha * V));
  const logAlpha = Math.log(alpha);

  function wordModel(features: readonly string[]): { scores: Float64Array; wordEvidence: number } {
    const scores = Float64Array.from(logPrior);
    let wordEvidence = 0;
    for (const f of features) {
      const counts = featureCounts.get(f);
      if (!counts) continue; // never seen in training: no information
      if (f.startsWith("w:") || f.startsWith("p:")) wordEvidence++;
      for (let c = 0; c < C; c++) scores[c] += (counts[c] > 0 ? Math.log(counts[c] + alpha) : logAlpha) - logDenominator[c];
    }
    return { scores, wordEvidence };
  }

  function softmax(scores: Float64Array): Float64Array {
    let max = -Infinity;
    for (const s of scores) if (s > max) max = s;
    const out = new Float64Array(scores.length);
    let sum = 0;
    for (let c = 0; c < scores.length; c++) {
      out[c] = Math.exp((scores[c] - max) / temperature);
      sum += out[c];
    }
    for (let c = 0; c < out.length; c++) out[c] /= sum;
    return out;
  }

  function argmax(values: ArrayLike<number>, among?: (c: number) => boolean): number {
    let best = -1;
    for (let c = 0; c < values.length; c++) {
      if (among && !among(c)) continue;
      // Strictly greater: ties keep the alphabetically first category.
      if (best < 0 || values[c] > values[best]) best = c;
    }
    return best;
  }

  return {
    categories,
    exampleCount: used,
    predict(tx) {
      if (C === 0) return null;
      const { payeeKey: key, direction, features } = extract(tx);
      const { scores, wordEvidence } = wordModel(features);
      const posterior = softmax(scores);
      const nbBest = argmax(posterior);
      let nbConfidence = posterior[nbBest];
      // Only the amount was recognized: a weak guess at best.
      if (wordEvidence === 0) nbConfidence *= 0.5;

      const history = key ? (payeeCounts.get(`${key}|${direction}`) ?? payeeCounts.get(key)) : undefined;
      if (history) {
        let n = 0;
        let k = 0;
        for (const v of history) {
          n += v;
          if (v > k) k = v;
        }
        if (k * 2 >= n) {
          // Among tied top categories, let the word model choose.
          const top = argmax(posterior, (c) => history[c] === k);
          const memory = (k + 1) / (n + 2);
          const confidence = top === nbBest ? Math.max(memory, nbConfidence) : memory;
          return { category: categories[top], confidence: round3(confidence), basis: "payee" };
        }
      }
      return { category: categories[nbBest], confidence: round3(nbConfidence), basis: "words" };
    },
  };
}

function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}
