// The fake Anthropic server used by the LLM tests must refuse what the real API refuses,
// or those tests prove nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeAnthropic, type FakeAnthropic } from "../../../tests/fixtures/categorize/fake-anthropic-server";

const KEY = "sk-ant-fake-server-test";
let server: FakeAnthropic;

beforeAll(async () => {
  server = await startFakeAnthropic({ apiKey: KEY, handler: () => ({ text: '{"results":[]}' }) });
});
afterAll(() => server.close());

const goodBody = { model: "claude-haiku-5-5", max_tokens: 100, messages: [{ role: "user", content: "hi" }] };
const goodHeaders = { "content-type": "application/json", "anthropic-version": "2026-10-21", authorization: `Bearer ${KEY}` };

async function post(headers: Record<string, string>, body: unknown, path = "/v1/messages") {
  const res = await fetch(`${server.baseURL}${path}`, { method: "POST", headers, body: JSON.stringify(body) });
  return { status: res.status, json: (await res.json()) as { type: string; error?: { type: string; message: string }; content?: unknown[] } };
}

describe("fake Anthropic server", () => {
  it("answers a valid request with a message object", async () => {
    const { status, json } = await post(goodHeaders, goodBody);
    expect(status).toBe(200);
    expect(json).toMatchObject({ type: "message", role: "assistant", model: "claude-haiku-5-5", stop_reason: "end_turn", content: [{ type: "text", text: '{"results":[]}' }] });
    expect(json).toHaveProperty("usage.input_tokens");
  });

  it("accepts the key as x-api-key, which wins over Authorization", async () => {
    const { authorization: _unused, ...rest } = goodHeaders;
    expect((await post({ ...rest, "x-api-key": KEY }, goodBody)).status).toBe(200);
    expect((await post({ ...goodHeaders, "x-api-key": "wrong" }, goodBody)).status).toBe(401);
  });

  it.each([
    ["a missing key", { authorization: "" }, 401, "authentication_error"],
    ["a wrong key", { authorization: "Bearer nope" }, 401, "authentication_error"],
    ["a missing anthropic-version", { "anthropic-version": "" }, 400, "invalid_request_error"],
    ["an unknown anthropic-version", { "anthropic-version": "2099-01-01" }, 400, "invalid_request_error"],
  ])("rejects %s", async (_what, override, status, type) => {
    const headers = Object.fromEntries(Object.entries({ ...goodHeaders, ...override }).filter(([, v]) => v !== ""));
    const res = await post(headers, goodBody);
    expect(res.status).toBe(status);
    expect(res.json).toMatchObject({ type: "error", error: { type } });
  });

  it.each([
    ["temperature on API version 2026-10-21", { ...goodBody, temperature: 1 }, /temperature: Extra inputs are not permitted/],
    ["an assistant prefill", { ...goodBody, messages: [{ role: "user", content: "hi" }, { role: "assistant", content: "{" }] }, /prefill/],
    ["a missing max_tokens", { model: "m", messages: goodBody.messages }, /max_tokens/],
    ["empty messages", { ...goodBody, messages: [] }, /messages/],
  ])("rejects %s", async (_what, body, message) => {
    const res = await post(goodHeaders, body);
    expect(res.status).toBe(400);
    expect(res.json.error?.message).toMatch(message);
  });

  it("answers 404 outside POST /v1/messages", async () => {
    expect((await post(goodHeaders, goodBody, "/v1/complete")).status).toBe(404);
  });
});
