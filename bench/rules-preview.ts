// bench/rules-preview: a rule's preview on a user with 1,000,000 transactions (5 accounts'
// worth of merchants over ten years), and the query plan of its candidate page. Seeds with one
// INSERT … SELECT generate_series in a scratch schema, then times previewRule for a few rules
// (a rare word, a common word, a payee rule, an amount range, a regex with no words), and
// a hostile regex, median of 3 each.
//
//   DATABASE_URL=postgresql://postgres:postgres@127.0.0.1:5432/test \
//     flock /tmp/tallyboard-heavy.lock npx tsx bench/rules-preview.ts [-- --rows 1000000]

import { db } from "../lib/db";
import type { Rule } from "../lib/finance/categorize";
import { previewRule } from "../lib/rules/apply-rule";
import { createUser, setupIntegration } from "../tests/helpers/integration";

const ROWS = (() => {
  const i = process.argv.indexOf("--rows");
  return i >= 0 ? Number(process.argv[i + 1]) : 1_000_000;
})();

const RULES: [string, Rule][] = [
  ["rare word (description contains “zelle”)", { field: "description", operator: "contains", value: "zelle", category: "Rent" }],
  ["common word (description contains “amazon”)", { field: "description", operator: "contains", value: "amazon", category: "Shopping" }],
  ["payee is “Blue Bottle”", { field: "payee", operator: "equals", value: "Blue Bottle", category: "Coffee" }],
  ["amount between -8.00 and -3.50", { field: "amount", operator: "between", value: "-8.00", valueTo: "-3.50", category: "Coffee" }],
  ["regex ^(uber|lyft)\\b (no words to narrow by)", { field: "description", operator: "regex", value: "^(uber|lyft)\\b", category: "Transport" }],
  ["hostile regex (a|a)*b", { field: "description", operator: "regex", value: "(a|a)*b", category: "X" }],
];

async function main() {
  const env = await setupIntegration("bench-rules");
  try {
    const user = await createUser("million");
    const started = performance.now();
    // Ten merchants in rotation; one row in 500 is a Zelle payment; every row has a payee.
    await db().$executeRawUnsafe(`
      INSERT INTO "Transaction" (id, "userId", date, description, payee, "amountMinor", "updatedAt")
      SELECT 'b' || g, '${user.id}', DATE '2026-12-01' - (g % 3650),
             (ARRAY['AMAZON MKTP US*2K4L','SQ *BLUE BOTTLE #123','UBER *TRIP HELP.UBER.COM','SHELL OIL 57442','NETFLIX.COM',
                    'WHOLE FOODS #10233','LYFT *RIDE TUE','TRADER JOES #552','SPOTIFY USA','CHEVRON 0091'])[1 + g % 10]
               || CASE WHEN g % 500 = 0 THEN ' ZELLE TO LANDLORD' ELSE '' END || ' ' || g,
             (ARRAY['Amazon','Blue Bottle','Uber','Shell','Netflix','Whole Foods','Lyft','Trader Joe''s','Spotify','Chevron'])[1 + g % 10],
             -((g::bigint * 7919) % 20000) - 100, now()
      FROM generate_series(1, ${ROWS}) AS g`);
    await db().$executeRawUnsafe(`ANALYZE "Transaction"`);
    console.log(`seeded ${ROWS.toLocaleString("en-US")} rows in ${((performance.now() - started) / 1000).toFixed(1)} s`);

    const plan = (await db().$queryRawUnsafe(
      `EXPLAIN (ANALYZE, BUFFERS) SELECT id FROM "Transaction" WHERE "userId" = $1 AND description ILIKE '%zelle%' ORDER BY date DESC, id DESC LIMIT 5000`,
      user.id,
    )) as { "QUERY PLAN": string }[];
    console.log(plan.map((r) => `  ${r["QUERY PLAN"]}`).join("\n"));

    for (const [name, rule] of RULES) {
      const times: number[] = [];
      let last = null as Awaited<ReturnType<typeof previewRule>> | null;
      for (let i = 0; i < 3; i++) {
        const t0 = performance.now();
        last = await previewRule(user.id, rule);
        times.push(performance.now() - t0);
      }
      times.sort((a, b) => a - b);
      console.log(
        `${name}: median ${times[1].toFixed(0)} ms, changes ${last!.complete ? "" : "≥ "}${last!.changes.toLocaleString("en-US")}, scanned ${last!.scanned.toLocaleString("en-US")}, complete ${last!.complete}`,
      );
    }
  } finally {
    await env.teardown();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
