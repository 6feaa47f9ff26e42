// bench/categorize: how good are the categorize suggestions on non-English bank data? Runs the
// categorize pipeline as a categorize job does for the demo user (their categories, a local
// classifier trained on their English demo history, no LLM) over the German, French, Spanish
// and Dutch lines of tests/fixtures/categorize/non-english-transactions.ts, and compares each
// suggestion with the category a person files it under.
//
//   npm run bench:categorize
//
// Pure computation: no database or Redis.

import { performance } from "node:perf_hooks";
import { categoriesForSuggestions, createCategorizer, isCategorizeFailure } from "../lib/finance/categorize";
import { DEMO_CATEGORIES, generateDemoTransactions } from "../scripts/demo-transactions";
import { parseDecimalAmount as parseAmount } from "../lib/finance/money";
import { NON_ENGLISH_TRANSACTIONS } from "../tests/fixtures/categorize/non-english-transactions";
import { generateSyntheticTransactions } from "../tests/fixtures/categorize/synthetic-transactions";
import { trainClassifier } from "../lib/finance/categorize/local-classifier";

/** Training time for 10,000 examples, five rounds of fresh rows (the payee cache starts cold). */
function trainingTimes(): number[] {
  const times: number[] = [];
  for (let round = 0; round < 5; round++) {
    const rows = generateSyntheticTransactions(10_000, 100 + round);
    const start = performance.now();
    trainClassifier(rows);
    times.push(performance.now() - start);
  }
  return times;
}

async function main() {
  const training = generateDemoTransactions({ today: "2026-12-06" }).map((t) => ({ description: t.description, payee: null, amountMinor: t.amountMinor, category: t.category }));
  const categorizer = createCategorizer({ trainingExamples: training, categories: categoriesForSuggestions(DEMO_CATEGORIES) });
  const own = new Set<string>(DEMO_CATEGORIES);
  const started = performance.now();
  const results = await categorizer.categorizeBatch(
    NON_ENGLISH_TRANSACTIONS.map((t, i) => ({ id: String(i), description: t.description, amountMinor: parseAmount(t.amount)! })),
  );
  const ms = performance.now() - started;

  const byLanguage = new Map<string, { total: number; right: number; confidentRight: number; foreign: number; none: number }>();
  const wrong: string[] = [];
  results.forEach((r, i) => {
    const t = NON_ENGLISH_TRANSACTIONS[i];
    const tally = byLanguage.get(t.language) ?? { total: 0, right: 0, confidentRight: 0, foreign: 0, none: 0 };
    byLanguage.set(t.language, tally);
    tally.total++;
    if (isCategorizeFailure(r) || !r.category) {
      tally.none++;
      wrong.push(`  ${t.language} ${t.description}: expected ${t.category}, got nothing`);
      return;
    }
    if (!own.has(r.category)) tally.foreign++;
    if (r.category === t.category) {
      tally.right++;
      if (!r.needsReview) tally.confidentRight++;
    } else {
      wrong.push(`  ${t.language} ${t.description}: expected ${t.category}, got ${r.category} (${r.source} ${r.confidence})`);
    }
  });

  const all = [...byLanguage.values()].reduce((a, b) => ({
    total: a.total + b.total,
    right: a.right + b.right,
    confidentRight: a.confidentRight + b.confidentRight,
    foreign: a.foreign + b.foreign,
    none: a.none + b.none,
  }));
  const pct = (n: number, d: number) => `${((n / d) * 100).toFixed(1)}%`;
  console.log(`bench:categorize  ${all.total} non-English lines, the demo user's ${DEMO_CATEGORIES.length} categories, ${training.length} training rows; ${ms.toFixed(0)} ms`);
  console.log("language  lines  right suggestion  right and confident  not the user's category  no suggestion");
  for (const [language, t] of [...byLanguage.entries(), ["all", all] as const]) {
    console.log(
      `${language.padEnd(8)}  ${String(t.total).padStart(5)}  ${pct(t.right, t.total).padStart(16)}  ${pct(t.confidentRight, t.total).padStart(19)}  ${String(t.foreign).padStart(23)}  ${String(t.none).padStart(13)}`,
    );
  }
  console.log(`\nWrong or missing:\n${wrong.join("\n")}`);
  const times = trainingTimes();
  console.log(`\ntraining the local classifier on 10,000 examples (ms, five rounds): ${times.map((t) => t.toFixed(0)).join(", ")}; best ${Math.min(...times).toFixed(0)} (goal < 200)`);
}

void main();
