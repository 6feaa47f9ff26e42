// Measures readCsvRows (and the survey pass) on a generated 1,000,000-row export read from a
// file on disk, as the import job reads the stored upload, on one core:
//   npx tsx scripts/measure-csv-throughput.ts [rows]

import { createReadStream, createWriteStream, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import { detectMapping } from "../lib/finance/csv/detect-mapping";
import { GENERATED_HEADER, generateStatement } from "../tests/helpers/generate-statement";
import { readCsvRows, surveyCsv } from "../lib/finance/csv/read-rows";

async function main(): Promise<void> {
  const rows = Number(process.argv[2] ?? 1_000_000);
  const dir = mkdtempSync(join(tmpdir(), "csv-throughput-"));
  const path = join(dir, "statement.csv");
  try {
    await pipeline(Readable.from(generateStatement(rows)), createWriteStream(path));
    const { mapping } = detectMapping(`${GENERATED_HEADER}01/02/2024,COFFEE,-3.50,996.50\n01/13/2024,LUNCH,-12.00,984.50\n`);

    let started = performance.now();
    const survey = await surveyCsv(createReadStream(path), mapping);
    const surveySeconds = (performance.now() - started) / 1000;

    started = performance.now();
    let read = 0;
    for await (const result of readCsvRows(createReadStream(path), mapping)) if (result.row) read++;
    const readSeconds = (performance.now() - started) / 1000;

    console.log(`readCsvRows: ${read} rows in ${readSeconds.toFixed(2)} s = ${Math.round(read / readSeconds)} rows/s`);
    console.log(`surveyCsv:   ${survey.dataRows} rows in ${surveySeconds.toFixed(2)} s = ${Math.round(survey.dataRows / surveySeconds)} rows/s`);
    console.log(`RSS at the end ${Math.round(process.memoryUsage().rss / 1024 / 1024)} MB`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
