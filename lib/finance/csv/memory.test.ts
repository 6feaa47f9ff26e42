// readCsvRows must keep memory flat whatever the file size: nothing may collect the rows.

import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { expect, it } from "vitest";
import { GENERATED_HEADER, generateStatement } from "../../../tests/helpers/generate-statement";
import { detectMapping } from "./detect-mapping";
import { readCsvRows } from "./read-rows";

// A real collection between samples, so the measure is what is retained, not garbage.
setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

it("streams 200,000 generated rows with heap growth under 20 MB", async () => {
  const { mapping } = detectMapping(`${GENERATED_HEADER}01/02/2024,COFFEE,-3.50,996.50\n01/13/2024,LUNCH,-12.00,984.50\n`);
  gc();
  const baseline = process.memoryUsage().heapUsed;
  let peak = 0;
  let rows = 0;
  let total = 0n;
  for await (const result of readCsvRows(generateStatement(200_000), mapping)) {
    if (!result.row) throw new Error(`line ${result.line}: ${result.issue.reason}`);
    rows++;
    total += result.row.amountMinor;
    if (rows % 25_000 === 0) {
      gc();
      peak = Math.max(peak, process.memoryUsage().heapUsed - baseline);
    }
  }
  expect(rows).toBe(200_000);
  expect(total).not.toBe(0n);
  // The requirement is under ~50 MB; streaming retains about 1 MB. Keeping every row would
  // retain about 50 MB, so the bound is 20 MB to make a leak fail clearly rather than barely.
  expect(peak).toBeLessThan(20 * 1024 * 1024);
}, 120_000);
