import { describe, expect, it } from "vitest";
import { amountSchema } from "./transaction-schemas";

describe("amountSchema", () => {
  it("accepts amounts up to the bound the importer uses", () => {
    expect(amountSchema.parse("-9999999999999.99")).toBe(-999_999_999_999_999n);
    expect(amountSchema.parse(12.5)).toBe(1250n);
  });

  it("refuses an amount over the bound with the bound in words", () => {
    const result = amountSchema.safeParse("-999999999999999.99");
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].message).toBe("Amounts are limited to ±9,999,999,999,999.99");
  });

  it("still says how to write an amount for text that is not one", () => {
    expect(amountSchema.safeParse("twelve").error?.issues[0].message).toMatch(/Use a decimal amount/);
  });
});
