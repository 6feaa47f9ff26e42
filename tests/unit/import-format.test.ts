import { describe, expect, it } from "vitest";
import { describeImportResult, skippedApart } from "../../components/imports/import-format";

// Bank of America's export: 14 rows read, 13 imported, one balance line skipped, and six lines
// of preamble and blank that the import also stores as skipped.
const preamble = { status: "completed", totalRows: 14, importedCount: 13, duplicateCount: 0, skippedCount: 7, errorCount: 0 } as const;

describe("an import's skipped count, the same everywhere", () => {
  it("tells the rows skipped from the lines that were not rows once the import is over", () => {
    expect(skippedApart(preamble)).toEqual({ rows: 1, otherLines: 6 });
    expect(describeImportResult(preamble)).toBe("Imported 13 transactions: 0 already present, 1 row skipped, 0 rows with errors");
  });

  it("leaves the count whole while the total is still an estimate", () => {
    expect(skippedApart({ ...preamble, status: "processing" })).toEqual({ rows: 7, otherLines: 0 });
  });
});
