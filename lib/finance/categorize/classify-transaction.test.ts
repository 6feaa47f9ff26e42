import { afterEach, describe, expect, it } from "vitest";
import { startFakeAnthropic, transactionsInPrompt, type FakeAnthropic, type FakeHandler } from "../../../tests/fixtures/categorize/fake-anthropic-server";
import { createCategorizer, isCategorizeFailure, type CategorizeInput, type CategorizeResult, type CategorizeSuccess } from "./classify-transaction";
import { createLlmClassifier } from "./llm-classifier";
import type { TrainingExample } from "./local-classifier";
import type { RuleInput } from "./rules";

const API_KEY = "sk-ant-pipeline-test-key";

// A user whose own categories differ from the standard names ("Dining", "Health & Fitness").
const USER_CATEGORIES = ["Groceries", "Dining", "Coffee", "Transport", "Shopping", "Subscriptions", "Income", "Health & Fitness", "Pets"];

const history: TrainingExample[] = [
  ...Array.from({ length: 6 }, (_, i) => ({ description: `SQ *ROYAL GROUNDS COFFEE OAKLAND`, payee: null, amountMinor: BigInt(-400 - i * 25), category: "Coffee" })),
  ...Array.from({ length: 4 }, (_, i) => ({ description: `BERKELEY BOWL WEST BERKELEY CA`, payee: null, amountMinor: BigInt(-2500 - i * 900), category: "Groceries" })),
  ...Array.from({ length: 3 }, () => ({ description: `ACME CORP PAYROLL PPD ID: 4412087703`, payee: null, amountMinor: 268417n, category: "Income" })),
];

const rules: RuleInput[] = [
  { id: "rule-vet", field: "description", operator: "contains", value: "pet clinic", category: "Pets" },
  { id: "rule-amzn", field: "payee", operator: "equals", value: "amazon", category: "Shopping" },
];

const tx = (id: string, description: string, amountMinor: bigint, payee?: string): CategorizeInput => ({ id, description, amountMinor, payee });

/** A fake model that knows El Farolito and dog groomers, and is unsure about everything else. */
const fakeModel: FakeHandler = (req) => ({
  text: JSON.stringify({
    results: transactionsInPrompt(req.body).map(({ key, description }) =>
      /FAROLITO/.test(description)
        ? { key, category: "Dining", confidence: 0.9 }
        : /GROOM/.test(description)
          ? { key, category: "Pets", confidence: 0.8 }
          : { key, category: "Shopping", confidence: 0.45 },
    ),
  }),
});

let server: FakeAnthropic | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

async function withLlm(handler: FakeHandler = fakeModel) {
  server = await startFakeAnthropic({ apiKey: API_KEY, handler });
  return createLlmClassifier({ apiKey: API_KEY, baseURL: server.baseURL, defaultRetryDelayMs: 10 });
}

function byId(results: CategorizeResult[]): Map<string, CategorizeResult> {
  return new Map(results.map((r) => [r.id, r]));
}

function success(result: CategorizeResult | undefined): CategorizeSuccess {
  if (!result || isCategorizeFailure(result)) throw new Error(`expected a category, got ${JSON.stringify(result)}`);
  return result;
}

describe("categorizer pipeline, end to end with the fake Anthropic API", () => {
  it("applies rules, then the classifier, then the dictionary, and asks the LLM only for the rest, in one batch", async () => {
    const llm = await withLlm();
    const categorizer = createCategorizer({ rules, trainingExamples: history, llm, categories: USER_CATEGORIES });
    const results = byId(
      await categorizer.categorizeBatch([
        tx("rule", "SQ *BAYSIDE PET CLINIC", -8500n),
        tx("classifier", "SQ *ROYAL GROUNDS COFFEE OAKLAND", -475n),
        tx("dictionary", "TST* SWEETGREEN 0213", -1450n),
        tx("llm", "SQ *EL FAROLITO", -1600n),
        tx("llm-pets", "HAPPY PAWS GROOMING", -6000n),
        tx("unsure", "XJ7 HOLDINGS 4471", -2000n),
      ]),
    );

    expect(results.get("rule")).toEqual({ id: "rule", category: "Pets", confidence: 1, source: "rule", needsReview: false, ruleId: "rule-vet" });
    expect(success(results.get("classifier"))).toMatchObject({ category: "Coffee", source: "classifier", needsReview: false });
    expect(success(results.get("classifier")).confidence).toBeGreaterThanOrEqual(0.8);
    // "Eating out" in the dictionary is "Dining" for this user.
    expect(success(results.get("dictionary"))).toMatchObject({ category: "Dining", source: "dictionary", needsReview: false });
    expect(results.get("llm")).toEqual({ id: "llm", category: "Dining", confidence: 0.9, source: "llm", needsReview: false });
    expect(results.get("llm-pets")).toMatchObject({ category: "Pets", source: "llm", needsReview: false });
    expect(results.get("unsure")).toMatchObject({ category: "Shopping", confidence: 0.45, source: "llm", needsReview: true });

    expect(server!.requests).toHaveLength(1);
    const asked = transactionsInPrompt(server!.requests[0].body).map((t) => t.description);
    expect(asked).toEqual(["SQ *EL FAROLITO", "HAPPY PAWS GROOMING", "XJ7 HOLDINGS 4471"]);
  });

  it("keeps results in input order", async () => {
    const categorizer = createCategorizer({ trainingExamples: history });
    const ids = ["c", "a", "b"];
    const results = await categorizer.categorizeBatch(ids.map((id) => tx(id, "SQ *ROYAL GROUNDS COFFEE OAKLAND", -450n)));
    expect(results.map((r) => r.id)).toEqual(ids);
  });

  it("turns an invalid regex rule into an error for the transactions that reach it, and categorizes the rest", async () => {
    const categorizer = createCategorizer({
      rules: [
        { id: "netflix", field: "payee", operator: "equals", value: "Netflix", category: "Subscriptions" },
        { id: "broken", field: "description", operator: "regex", value: "([A-Z]+", category: "Shopping" },
      ],
      categories: USER_CATEGORIES,
    });
    const results = byId(await categorizer.categorizeBatch([tx("n", "NETFLIX.COM 866-579-7172 CA", -1549n), tx("s", "SPOTIFY USA", -1199n)]));
    expect(results.get("n")).toMatchObject({ category: "Subscriptions", source: "rule" });
    expect(results.get("s")).toEqual({ id: "s", error: expect.stringMatching(/^Rule 2 \(broken\) is invalid: value: Invalid regular expression/) });
  });

  it("reports a malformed transaction as its own error", async () => {
    const categorizer = createCategorizer({});
    const results = await categorizer.categorizeBatch([
      tx("ok", "TST* SWEETGREEN 0213", -1450n),
      { id: "float", description: "TST* SWEETGREEN 0213", amountMinor: -14.5 } as unknown as CategorizeInput,
    ]);
    expect(results[0]).toMatchObject({ id: "ok", category: "Eating out" });
    expect(results[1]).toEqual({ id: "float", error: "amountMinor must be a bigint (minor units)" });
  });

  it("keeps the local suggestion for review when the LLM is down", async () => {
    const llm = await withLlm(() => ({ status: 500, errorType: "api_error", message: "Internal server error" }));
    const categorizer = createCategorizer({ llm, categories: USER_CATEGORIES, reviewThreshold: 0.9 });
    const [result] = await categorizer.categorizeBatch([tx("a", "TST* SWEETGREEN 0213", -1450n)]);
    expect(server!.requests).toHaveLength(2); // the retry
    expect(result).toMatchObject({ category: "Dining", source: "dictionary", needsReview: true });
  });

  it("does not let a less confident LLM answer replace a local suggestion", async () => {
    const llm = await withLlm(() => ({ text: '{"results":[{"key":"1","category":"Shopping","confidence":0.4}]}' }));
    const categorizer = createCategorizer({ llm, categories: USER_CATEGORIES });
    const [result] = await categorizer.categorizeBatch([tx("a", "MAPLE & OAK COFFEE ROASTERS", -500n)]);
    expect(result).toMatchObject({ category: "Coffee", source: "dictionary" });
  });

  it("marks what nothing could place as uncategorized and for review, without an LLM", async () => {
    const categorizer = createCategorizer({ categories: USER_CATEGORIES });
    const [result] = await categorizer.categorizeBatch([tx("a", "XJ7 HOLDINGS 4471", -2000n)]);
    expect(result).toEqual({ id: "a", category: null, confidence: 0, source: "none", needsReview: true });
  });

  it("flags results below a configurable threshold for review but keeps the suggestion", async () => {
    const strict = createCategorizer({ reviewThreshold: 0.9 });
    const [result] = await strict.categorizeBatch([tx("a", "TST* SWEETGREEN 0213", -1450n)]);
    expect(result).toMatchObject({ category: "Eating out", confidence: 0.85, source: "dictionary", needsReview: true });
  });

  it("never suggests a dictionary category the user does not have", async () => {
    const categorizer = createCategorizer({ categories: ["Food", "Bills"] });
    const results = await categorizer.categorizeBatch([tx("fuel", "CHEVRON 0207931 OAKLAND CA", -4500n), tx("coffee", "STARBUCKS STORE 05821", -500n)]);
    expect(results[0]).toMatchObject({ category: null, source: "none" });
    // Coffee falls back to the broader "Food", a little less sure.
    expect(results[1]).toMatchObject({ category: "Food", source: "dictionary" });
    expect(success(results[1]).confidence).toBeLessThan(0.85);
  });

  it("uses the payee it is given for payee rules", async () => {
    const categorizer = createCategorizer({ rules });
    const [result] = await categorizer.categorizeBatch([tx("a", "ACH DEBIT 5521", -4000n, "Amazon")]);
    expect(result).toMatchObject({ category: "Shopping", source: "rule", ruleId: "rule-amzn" });
  });

  it("refuses a review threshold outside 0..1", () => {
    expect(() => createCategorizer({ reviewThreshold: 60 })).toThrow(RangeError);
  });
});
