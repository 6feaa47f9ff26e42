// The statement readers must keep memory flat whatever the file size: XML is cut entry by
// entry, never parsed whole.

import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { expect, it } from "vitest";
import { generateCamt, generatedSumMinor, generateOfx, GENERATED_OPENING_MINOR } from "./generate-statement-file";
import { readStatement } from "./read-statement";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

it.each([
  ["ofx", generateOfx, "<?OFX"],
  ["camt053", generateCamt, "<?xml"],
] as const)("streams 150,000 generated %s transactions with heap growth under 20 MB, balances exact", async (format, generate, head) => {
  const count = 150_000;
  gc();
  const baseline = process.memoryUsage().heapUsed;
  let peak = 0;
  let rows = 0;
  let total = 0n;
  let closing: bigint | null = null;
  for await (const item of readStatement(format, () => generate(count), Buffer.from(head))) {
    if (item.kind === "issue") throw new Error(`line ${item.issue.line}: ${item.issue.reason}`);
    if (item.kind === "balances") closing = item.balances.closing?.amountMinor ?? null;
    if (item.kind !== "row") continue;
    rows++;
    total += item.row.amountMinor;
    if (rows % 25_000 === 0) {
      gc();
      peak = Math.max(peak, process.memoryUsage().heapUsed - baseline);
    }
  }
  expect(rows).toBe(count);
  expect(total).toBe(generatedSumMinor(count));
  expect(closing).toBe(GENERATED_OPENING_MINOR + total);
  expect(peak).toBeLessThan(20 * 1024 * 1024);
}, 120_000);
