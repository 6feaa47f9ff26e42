import { afterEach, describe, expect, it } from "vitest";
import {
  categoriesInPrompt,
  startFakeAnthropic,
  transactionsInPrompt,
  type FakeAnthropic,
  type FakeHandler,
} from "../../../tests/fixtures/categorize/fake-anthropic-server";
import { createLlmClassifier, DEFAULT_LLM_MODEL, parseLlmAnswer, retryAfterMs, type LlmClassifierConfig, type LlmTransaction } from "./llm-classifier";

const API_KEY = "sk-ant-test-0123456789abcdef";
const CATEGORIES = ["Groceries", "Eating out", "Coffee", "Transport", "Shopping"];

/** Answers like a sensible model: by keyword, for every transaction in the prompt. */
const keywordModel: FakeHandler = (req) => {
  const results = transactionsInPrompt(req.body).map(({ key, description }) => {
    const d = description.toUpperCase();
    const category = d.includes("COFFEE") ? "Coffee" : d.includes("TAQUERIA") ? "Eating out" : d.includes("MARKET") ? "Groceries" : null;
    return { key, category, confidence: category ? 0.88 : 0.2 };
  });
  return { text: JSON.stringify({ results }) };
};

let server: FakeAnthropic | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

async function setup(handler: FakeHandler, config: Partial<LlmClassifierConfig> = {}) {
  server = await startFakeAnthropic({ apiKey: API_KEY, handler });
  const warnings: Array<{ details: Record<string, unknown>; message: string }> = [];
  const llm = createLlmClassifier({
    apiKey: API_KEY,
    baseURL: server.baseURL,
    logger: { warn: (details, message) => warnings.push({ details, message }) },
    ...config,
  });
  return { server, llm, warnings };
}

const tx = (id: string, description: string, amountMinor = -1234n, payee: string | null = null): LlmTransaction => ({ id, description, payee, amountMinor });

describe("LLM classifier against a fake Anthropic API", () => {
  it("sends one well-formed Messages request and maps the answers back to transaction ids", async () => {
    const { server, llm } = await setup(keywordModel);
    const result = await llm.classify(
      [tx("t-1", "SQ *NEW MOON COFFEE", -450n, "New Moon Coffee"), tx("t-2", "TST* TAQUERIA GUADALAJARA"), tx("t-3", "XYZZY 123")],
      CATEGORIES,
    );

    expect(result.get("t-1")).toEqual({ category: "Coffee", confidence: 0.88 });
    expect(result.get("t-2")).toEqual({ category: "Eating out", confidence: 0.88 });
    expect(result.get("t-3")).toEqual({ category: null, confidence: 0 });

    expect(server.requests).toHaveLength(1);
    const [req] = server.requests;
    expect(req.status).toBe(200);
    expect(req.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(req.headers["anthropic-version"]).toBe("2026-10-21");
    expect(req.body.model).toBe(DEFAULT_LLM_MODEL);
    expect(req.body).not.toHaveProperty("temperature");
    expect(req.body.messages).toHaveLength(1);
    expect(req.body.system).toMatch(/"results"/);
    expect(categoriesInPrompt(req.body)).toEqual(CATEGORIES);
    // Keys, not database ids; amounts as decimals.
    expect(transactionsInPrompt(req.body)[0]).toEqual({ key: "1", description: "SQ *NEW MOON COFFEE", payee: "New Moon Coffee", amount: "-4.50" });
    expect(JSON.stringify(req.body)).not.toContain("t-1");
  });

  it("sends the configured model and effort", async () => {
    const { server, llm } = await setup(keywordModel, { model: "claude-sonnet-5-5", effort: "low" });
    await llm.classify([tx("a", "COFFEE")], CATEGORIES);
    expect(server.requests[0].body.model).toBe("claude-sonnet-5-5");
    expect(server.requests[0].body.output_config).toEqual({ effort: "low" });
    expect(llm.model).toBe("claude-sonnet-5-5");
  });

  it("batches 60 transactions into requests of 25, 25 and 10", async () => {
    const { server, llm } = await setup(keywordModel);
    const batch = Array.from({ length: 60 }, (_, i) => tx(`id-${i}`, `MARKET ${i}`));
    const result = await llm.classify(batch, CATEGORIES);
    expect(server.requests.map((r) => transactionsInPrompt(r.body).length)).toEqual([25, 25, 10]);
    expect(result.size).toBe(60);
    expect([...result.values()].every((s) => s.category === "Groceries")).toBe(true);
    expect(llm.usage.requests).toBe(3);
    expect(llm.usage.inputTokens).toBeGreaterThan(0);
  });

  it("retries once after a 429, waiting the retry-after it was given", async () => {
    const { server, llm } = await setup((req, i) =>
      i === 0 ? { status: 429, errorType: "rate_limit_error", message: "Number of request tokens has exceeded your per-minute rate limit", headers: { "retry-after": "1" } } : keywordModel(req, i),
    );
    const result = await llm.classify([tx("a", "BLUE COFFEE")], CATEGORIES);
    expect(result.get("a")?.category).toBe("Coffee");
    expect(server.requests.map((r) => r.status)).toEqual([429, 200]);
    expect(server.requests[1].receivedAt - server.requests[0].receivedAt).toBeGreaterThanOrEqual(950);
  });

  it("does not wait for a retry-after longer than the limit", async () => {
    const { server, llm } = await setup(() => ({ status: 429, errorType: "rate_limit_error", message: "slow down", headers: { "retry-after": "120" } }), {
      maxRetryDelayMs: 5_000,
    });
    const started = Date.now();
    const result = await llm.classify([tx("a", "COFFEE")], CATEGORIES);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(server.requests).toHaveLength(1);
    expect(result.get("a")).toMatchObject({ category: null, confidence: 0 });
    expect(result.get("a")?.error).toMatch(/retry after 120 s/);
  });

  it("gives up after a second server error and reports it per transaction without throwing", async () => {
    const { server, llm, warnings } = await setup(() => ({ status: 529, errorType: "overloaded_error", message: "Overloaded" }), { defaultRetryDelayMs: 10 });
    const result = await llm.classify([tx("a", "COFFEE"), tx("b", "MARKET")], CATEGORIES);
    expect(server.requests.map((r) => r.status)).toEqual([529, 529]);
    expect(result.get("a")?.error).toMatch(/529 overloaded_error: Overloaded/);
    expect(result.get("b")?.category).toBeNull();
    expect(warnings[0]).toMatchObject({ message: "LLM categorization request failed", details: { status: 529, requestId: "req_fake000002" } });
  });

  it("does not retry a bad request", async () => {
    const { server, llm } = await setup(() => ({ status: 400, errorType: "invalid_request_error", message: "max_tokens: too large" }));
    const result = await llm.classify([tx("a", "COFFEE")], CATEGORIES);
    expect(server.requests).toHaveLength(1);
    expect(result.get("a")?.error).toMatch(/400 invalid_request_error/);
  });

  it("turns a malformed answer into empty suggestions instead of failing", async () => {
    const { llm, warnings } = await setup(() => ({ text: 'Sure! Here you go: {"results": [{"key": "1", "category": "Coffee", "confidence": 0.9' }));
    const result = await llm.classify([tx("a", "COFFEE"), tx("b", "MARKET")], CATEGORIES);
    expect(result.get("a")).toMatchObject({ category: null, confidence: 0 });
    expect(result.get("b")?.error).toBeTruthy();
    expect(warnings.some((w) => w.message === "LLM answer incomplete")).toBe(true);
  });

  it("reads JSON wrapped in code fences and prose", async () => {
    const { llm } = await setup(() => ({
      text: 'Here are the categories:\n```json\n{"results":[{"key":"1","category":"coffee","confidence":"0.8"}]}\n```\nLet me know!',
    }));
    const result = await llm.classify([tx("a", "COFFEE")], CATEGORIES);
    expect(result.get("a")).toEqual({ category: "Coffee", confidence: 0.8 });
  });

  it("keeps the complete entries of an answer cut off at max_tokens", async () => {
    const { llm } = await setup(() => ({
      text: '{"results":[{"key":"1","category":"Coffee","confidence":0.9},{"key":"2","category":"Groc',
      stopReason: "max_tokens",
    }));
    const result = await llm.classify([tx("a", "COFFEE"), tx("b", "MARKET")], CATEGORIES);
    expect(result.get("a")).toEqual({ category: "Coffee", confidence: 0.9 });
    expect(result.get("b")).toMatchObject({ category: null, error: "The answer was cut off (max_tokens)" });
  });

  it("nulls a category that is not in the list", async () => {
    const { llm } = await setup(() => ({ text: '{"results":[{"key":"1","category":"Pets","confidence":0.95}]}' }));
    const result = await llm.classify([tx("a", "PETCO")], CATEGORIES);
    expect(result.get("a")).toMatchObject({ category: null, confidence: 0 });
    expect(result.get("a")?.error).toMatch(/Not one of the categories/);
  });

  it("reads the text block after a thinking block", async () => {
    const { llm } = await setup((req, i) => ({ ...(keywordModel(req, i) as { text: string }), thinkingFirst: true }));
    const result = await llm.classify([tx("a", "COFFEE")], CATEGORIES);
    expect(result.get("a")?.category).toBe("Coffee");
  });

  it("reports a refusal as no answer", async () => {
    const { llm } = await setup(() => ({ text: "", stopReason: "refusal" }));
    const result = await llm.classify([tx("a", "COFFEE")], CATEGORIES);
    expect(result.get("a")).toMatchObject({ category: null, error: "The model declined this request" });
  });

  it("reports a timeout per transaction", async () => {
    const { llm } = await setup((req, i) => ({ ...(keywordModel(req, i) as { text: string }), delayMs: 1_500 }), { timeoutMs: 300 });
    const result = await llm.classify([tx("a", "COFFEE")], CATEGORIES);
    expect(result.get("a")?.error).toBe("Request timed out after 300 ms");
  });

  it("never puts the API key in errors or logs", async () => {
    server = await startFakeAnthropic({ apiKey: "the-right-key", handler: keywordModel });
    const logged: string[] = [];
    const llm = createLlmClassifier({ apiKey: API_KEY, baseURL: server.baseURL, logger: { warn: (d, m) => logged.push(JSON.stringify(d) + m) } });
    const result = await llm.classify([tx("a", "COFFEE")], CATEGORIES);
    expect(server.requests[0].status).toBe(401);
    expect(result.get("a")?.error).toMatch(/401 authentication_error/);
    expect(logged.length).toBeGreaterThan(0);
    expect(JSON.stringify([...result]) + logged.join("")).not.toContain(API_KEY);
  });

  it("makes no request for an empty batch", async () => {
    const { server, llm } = await setup(keywordModel);
    expect((await llm.classify([], CATEGORIES)).size).toBe(0);
    expect(server.requests).toHaveLength(0);
  });
});

describe("LLM answer parsing", () => {
  it("accepts a bare array or a map by key, and percentages", () => {
    expect(parseLlmAnswer('[{"key":"1","category":"Coffee","confidence":85}]', ["1"], CATEGORIES).get("1")).toEqual({ category: "Coffee", confidence: 0.85 });
    expect(parseLlmAnswer('{"1":"Shopping"}', ["1"], CATEGORIES).get("1")).toEqual({ category: "Shopping", confidence: 0.5 });
  });

  it("caps the model's confidence below a rule's", () => {
    expect(parseLlmAnswer('{"results":[{"key":"1","category":"Coffee","confidence":1}]}', ["1"], CATEGORIES).get("1")?.confidence).toBe(0.95);
  });

  it("ignores keys it did not ask about and keeps the first answer for a key", () => {
    const parsed = parseLlmAnswer(
      '{"results":[{"key":"9","category":"Coffee"},{"key":"1","category":"Shopping","confidence":0.7},{"key":"1","category":"Coffee","confidence":0.9}]}',
      ["1"],
      CATEGORIES,
    );
    expect([...parsed.keys()]).toEqual(["1"]);
    expect(parsed.get("1")).toEqual({ category: "Shopping", confidence: 0.7 });
  });

  it("reads retry-after in seconds, as a date, and retry-after-ms first", () => {
    expect(retryAfterMs(new Headers({ "retry-after": "2" }))).toBe(2000);
    expect(retryAfterMs(new Headers({ "retry-after": "Thu, 01 Jan 2026 00:00:05 GMT" }), Date.parse("2026-01-01T00:00:00Z"))).toBe(5000);
    expect(retryAfterMs(new Headers({ "retry-after": "2", "retry-after-ms": "150" }))).toBe(150);
    expect(retryAfterMs(new Headers())).toBeNull();
  });
});
