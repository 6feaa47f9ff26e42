import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createBudget } from "../../lib/budgets/budgets";
import { db } from "../../lib/db";
import { uploadImport } from "../../lib/imports/upload-import";
import { uploadReceipt } from "../../lib/receipts/upload-receipt";
import { startRuleApplication } from "../../lib/rules/rule-applications";
import { startBulkAction } from "../../lib/transactions/bulk-actions";
import { createRule } from "../../lib/rules/user-rules";
import { createTransaction } from "../../lib/transactions/transactions";
import { createEndpoint } from "../../lib/webhooks/manage-endpoints";
import { createUser, setupIntegration, type IntegrationEnv } from "../helpers/integration";

// Issue 11, "keep it from coming back": every route file under app/api is found on disk, so a
// new route is covered without anyone remembering it. For each one:
// - anonymous callers get 401 (except the few public routes, listed here with the reason);
// - a second user on the first user's ids gets 404, for every method of every id route;
// - hostile values (NUL, huge numbers, impossible dates, deep JSON, wrong content types,
//   oversized bodies) in the path, the query and the body never answer 500 or show a stack,
//   and a request that is refused changes nothing.
// Only next-auth's session lookup is replaced; Postgres, Redis and the route handlers are real.

const session = vi.hoisted(() => ({ user: null as null | { id: string; role: string } }));
vi.mock("next-auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next-auth")>()),
  getServerSession: async () => (session.user ? { user: session.user } : null),
}));

const API = path.resolve(__dirname, "../../app/api");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

/** Routes anyone may call, and why. Everything else must answer 401 to an anonymous caller. */
const PUBLIC_ROUTES: Record<string, string> = {
  "auth/[...nextauth]": "next-auth's own sign-in endpoints",
  register: "creating an account",
  health: "load balancers and uptime checks",
  "cron/process-financial-summary-queue": "the cron services; it checks CRON_SECRET itself",
};

/**
 * next-auth's own handler reads Next's request scope (next/headers), which a direct call does
 * not have: it is fuzzed only through its authorize() (sign-in-throttle.test.ts).
 */
const NOT_CALLED_DIRECTLY = new Set(["auth/[...nextauth]"]);

type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;

interface Route {
  /** "budgets/[id]/retry" */
  name: string;
  methods: { method: (typeof METHODS)[number]; handler: Handler }[];
  /** The object type an [id] belongs to ("budgets"), or null for routes without an id. */
  idOf: string | null;
}

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return routeFiles(full);
    return entry === "route.ts" ? [full] : [];
  });
}

let routes: Route[] = [];
let env: IntegrationEnv;
let owner: { id: string };
let intruder: { id: string };
let fuzzer: { id: string };
/** One object of the owner's per id route type. */
const ownerIds: Record<string, string> = {};
/** The same for the fuzzing user: hostile bodies and queries also reach the code behind a real id. */
const fuzzerIds: Record<string, string> = {};

async function loadRoutes(): Promise<Route[]> {
  const found: Route[] = [];
  for (const file of routeFiles(API).sort()) {
    const name = path.relative(API, path.dirname(file)).split(path.sep).join("/");
    const mod = (await import(file)) as Record<string, unknown>;
    const methods = METHODS.filter((m) => typeof mod[m] === "function").map((method) => ({ method, handler: mod[method] as Handler }));
    const segments = name.split("/");
    const idAt = segments.indexOf("[id]");
    found.push({ name, methods, idOf: idAt > 0 ? segments[idAt - 1] : null });
  }
  return found;
}

function paramsFor(route: Route, id: string): Record<string, string | string[]> {
  return route.idOf ? { id } : {};
}

interface Attempt {
  query?: Record<string, string>;
  body?: BodyInit;
  contentType?: string;
  id?: string;
}

async function send(route: Route, method: string, handler: Handler, attempt: Attempt = {}) {
  const url = new URL(`http://localhost/api/${route.name.replace("[id]", encodeURIComponent(attempt.id ?? "x"))}`);
  for (const [k, v] of Object.entries(attempt.query ?? {})) url.searchParams.set(k, v);
  const hasBody = method !== "GET" && attempt.body !== undefined;
  const headers: Record<string, string> = {};
  if (hasBody && attempt.contentType) headers["content-type"] = attempt.contentType;
  const req = new NextRequest(url, { method, body: hasBody ? attempt.body : undefined, headers });
  const res = await handler(req, { params: Promise.resolve(paramsFor(route, attempt.id ?? "x")) });
  return { status: res.status, text: await res.text() };
}

beforeAll(async () => {
  env = await setupIntegration("route-security", {
    RATE_LIMIT_PER_MINUTE: "0",
    REGISTER_LIMIT_PER_HOUR: "0",
    JSON_BODY_MAX_BYTES: String(256 * 1024),
    // Set, so the cron route checks tokens (unset, it refuses everything with a 503 on purpose).
    CRON_SECRET: "route-security-cron-secret",
    // The owner's webhook endpoint is on loopback: no DNS lookup while the suite sets up.
    WEBHOOK_ALLOWED_CIDRS: "127.0.0.1/32",
  });
  routes = await loadRoutes();
  owner = await createUser("owner");
  intruder = await createUser("intruder");
  fuzzer = await createUser("fuzzer");

  Object.assign(ownerIds, await oneOfEach(owner.id, "Owner's"));
  Object.assign(fuzzerIds, await oneOfEach(fuzzer.id, "Fuzzer's"));
});

/** One object of each type the id routes serve, owned by `userId`: ids by route type. */
async function oneOfEach(userId: string, whose: string): Promise<Record<string, string>> {
  const ids: Record<string, string> = {};
  const { transaction, jobId } = await createTransaction(userId, { date: "2024-03-01", description: `${whose} coffee`, amount: -450n, category: "Coffee" });
  ids.transactions = transaction.id;
  // Every transaction belongs to an account (the default one here).
  ids.accounts = transaction.accountId ?? "";
  ids.jobs = jobId;
  ids.categories = (await db().category.findFirstOrThrow({ where: { userId, name: "Coffee" } })).id;
  ids.rules = (await createRule(userId, { field: "payee", operator: "contains", value: "coffee", category: "Coffee" })).id;
  ids.applications = (await startRuleApplication(userId, ids.rules)).application.id;
  ids.bulk = (await startBulkAction(userId, { action: "mark-reviewed", selection: { ids: [ids.transactions] } })).bulk.id;
  ids.budgets = (await createBudget(userId, { title: "Coffee", amount: "50.00", period: "monthly", category: "Coffee" })).budget.id;
  const upload = await uploadImport(userId, { bytes: new TextEncoder().encode("Date,Description,Amount\n2024-01-02,Tea,-3.00\n"), fileName: "upload.csv" });
  ids.imports = upload.importId;
  const receiptPhoto = readFileSync(path.join(__dirname, "..", "fixtures", "receipts", "uk-grocer.jpg"));
  ids.receipts = (await uploadReceipt(userId, { bytes: new Uint8Array(receiptPhoto), fileName: "receipt.jpg" })).receiptId;
  // Read, so the receipt's PATCH gets past "still being read" to its fields.
  await db().receipt.update({ where: { id: ids.receipts }, data: { status: "unmatched", merchant: "Shop", totalMinor: 450n, currency: "GBP" } });
  ids.webhooks = (await createEndpoint(userId, { url: "http://127.0.0.1:9/hook", events: ["summary.updated"] })).endpoint.id;
  ids.insights = (
    await db().insight.create({
      data: { userId, type: "spending_spike", severity: "info", title: `${whose} insight`, body: "x", data: {}, dedupeKey: "insight" },
    })
  ).id;
  return ids;
}

afterAll(async () => {
  await env?.teardown();
});

describe("the route files", () => {
  it("are all found, and every id route has an owner's object to try", () => {
    expect(routes.length).toBeGreaterThanOrEqual(36);
    for (const route of routes) {
      expect(route.methods.length, `${route.name} exports no handler`).toBeGreaterThan(0);
      if (route.idOf) expect(ownerIds[route.idOf], `add an owner's "${route.idOf}" object to this suite's beforeAll`).toBeDefined();
    }
  });
});

describe("the route files' bodies", () => {
  // POST /api/receipts, added after issue 11, read its body with req.formData(): a chunked upload
  // was read whole before any limit. Bodies go through readJson/readForm (lib/http/handle-route.ts),
  // which count the bytes while they stream, ask for the right media type and refuse NULs.
  it("are read only through readJson or readForm", () => {
    const direct = /\breq(?:uest)?\.(?:json|text|formData|arrayBuffer|blob)\s*\(|\.body\.getReader\s*\(/;
    const offenders = routes.filter((r) => direct.test(readFileSync(path.join(API, r.name, "route.ts"), "utf8"))).map((r) => r.name);
    expect(offenders).toEqual([]);
  });
});

describe("anonymous callers", () => {
  it("get 401 from every route that is not public", async () => {
    session.user = null;
    const wrong: string[] = [];
    for (const route of routes.filter((r) => !(r.name in PUBLIC_ROUTES))) {
      for (const { method, handler } of route.methods) {
        const res = await send(route, method, handler, { id: route.idOf ? ownerIds[route.idOf] : undefined, body: "{}", contentType: "application/json" });
        if (res.status !== 401) wrong.push(`${method} /api/${route.name} → ${res.status}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe("a second user", () => {
  it("gets 404 for every method of every id route on the first user's objects", async () => {
    session.user = { id: intruder.id, role: "USER" };
    const ownerMapping = (await db().import.findUniqueOrThrow({ where: { id: ownerIds.imports } })).mapping;
    const wrong: string[] = [];
    for (const route of routes.filter((r) => r.idOf)) {
      for (const { method, handler } of route.methods) {
        // A body that passes the usual shape checks (the import's own mapping), so only ownership can refuse it.
        const body = JSON.stringify({ name: "mine now", description: "mine now", title: "mine now", value: "mine", peerId: "mine now", mapping: ownerMapping, dedupe: true });
        const res = await send(route, method, handler, { id: ownerIds[route.idOf!], body, contentType: "application/json" });
        if (res.status !== 404) wrong.push(`${method} /api/${route.name} → ${res.status} ${res.text.slice(0, 120)}`);
      }
    }
    expect(wrong).toEqual([]);
    // And nothing of the owner's changed.
    expect(await db().transaction.findUniqueOrThrow({ where: { id: ownerIds.transactions } })).toMatchObject({ description: "Owner's coffee" });
    expect(await db().rule.count({ where: { userId: owner.id } })).toBe(1);
    expect(await db().budget.count({ where: { userId: owner.id } })).toBe(1);
  });
});

describe("admin-only routes", () => {
  // Found by their source (authedRoute's adminOnly), like the route files themselves.
  const adminOnly = () => routes.filter((r) => /adminOnly:\s*true/.test(readFileSync(path.join(API, r.name, "route.ts"), "utf8")));

  it("answer 404 to a user who is not admin, as if they did not exist, and serve an admin", async () => {
    expect(adminOnly().map((r) => r.name)).toContain("admin/queues");
    const wrong: string[] = [];
    for (const route of adminOnly()) {
      for (const { method, handler } of route.methods) {
        session.user = { id: intruder.id, role: "USER" };
        const asUser = await send(route, method, handler, { body: "{}", contentType: "application/json" });
        if (asUser.status !== 404) wrong.push(`${method} /api/${route.name} as a user → ${asUser.status}`);
        session.user = { id: intruder.id, role: "ADMIN" };
        const asAdmin = await send(route, method, handler, { body: "{}", contentType: "application/json" });
        if (asAdmin.status >= 400) wrong.push(`${method} /api/${route.name} as an admin → ${asAdmin.status}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("leave a user who is not admin with only their own jobs, whatever the query asks", async () => {
    session.user = { id: intruder.id, role: "USER" };
    const jobs = routes.find((r) => r.name === "jobs")!;
    const queries: Record<string, string>[] = [{}, { mine: "1" }, { type: "financial-summary" }];
    for (const query of queries) {
      const res = await send(jobs, "GET", jobs.methods[0].handler, { query });
      expect(res.status).toBe(200);
      expect(res.text).not.toContain(ownerIds.jobs);
    }
    // The check can see a leak: an admin's list holds the owner's job.
    session.user = { id: intruder.id, role: "ADMIN" };
    expect((await send(jobs, "GET", jobs.methods[0].handler, { query: { limit: "100" } })).text).toContain(ownerIds.jobs);
  });
});

describe("ids inside a body or a query", () => {
  // The id routes above carry the id in the path; these carry another object's id in the body or
  // the query (routes added after issue 11: accounts, transfers, rule preview and reorder,
  // receipts, the list's filters). A second user naming the first user's objects there gets a
  // 4xx or nothing of theirs, and nothing of the owner's changes.
  it("never reach the first user's objects", async () => {
    session.user = { id: intruder.id, role: "USER" };
    const mine = await createTransaction(intruder.id, { date: "2024-03-02", description: "Intruder's tea", amount: "-3.00" });
    const myReceipt = (
      await uploadReceipt(intruder.id, { bytes: new Uint8Array(readFileSync(path.join(__dirname, "..", "fixtures", "receipts", "uk-grocer.jpg"))), fileName: "mine.jpg" })
    ).receiptId;
    await db().receipt.update({ where: { id: myReceipt }, data: { status: "unmatched" } });
    const ownerNote = await db().notification.create({ data: { userId: owner.id, kind: "job", title: "Owner's note" } });
    const ownerTx = ownerIds.transactions;
    const ownerAccount = ownerIds.accounts;
    const snapshot = async () =>
      JSON.stringify(
        await Promise.all([
          db().transaction.findMany({ where: { userId: owner.id }, orderBy: { id: "asc" }, select: { id: true, accountId: true, categoryId: true, description: true, payee: true, transferPeerId: true, updatedAt: true } }),
          db().rule.findMany({ where: { userId: owner.id }, orderBy: { id: "asc" }, select: { id: true, position: true, updatedAt: true } }),
          db().notification.findUniqueOrThrow({ where: { id: ownerNote.id }, select: { readAt: true } }),
          db().receipt.count({ where: { transactionId: ownerTx } }),
        ]),
      );
    const before = await snapshot();
    const json = (body: unknown) => ({ body: JSON.stringify(body), contentType: "application/json" });
    const form = (fields: Record<string, string>) => {
      const f = new FormData();
      f.set("file", new File(["Date,Description,Amount\n2024-01-02,Mine,-1.00\n"], "mine.csv", { type: "text/csv" }));
      for (const [k, v] of Object.entries(fields)) f.set(k, v);
      return { body: f };
    };
    const receiptForm = () => {
      const f = new FormData();
      f.set("file", new File([readFileSync(path.join(__dirname, "..", "fixtures", "receipts", "uk-grocer.jpg"))], "r.jpg", { type: "image/jpeg" }));
      f.set("transactionId", ownerTx);
      return { body: f };
    };
    // 404 as for an id in the path; the reorder and the jobs cursor say what is wrong with the list.
    const refused: [string, string, Attempt, number?][] = [
      ["transactions", "POST", json({ date: "2024-03-03", description: "into your account", amount: "-1.00", accountId: ownerAccount })],
      ["transactions/[id]", "PATCH", { id: mine.transaction.id, ...json({ accountId: ownerAccount }) }],
      ["transactions/[id]/transfer", "POST", { id: mine.transaction.id, ...json({ peerId: ownerTx }) }],
      ["transactions/upload", "POST", form({ accountId: ownerAccount })],
      ["transactions/review", "POST", json({ items: [{ id: ownerTx, action: "accept", category: "Mine" }] })],
      ["transactions/bulk", "POST", json({ action: "set-category", categoryId: ownerIds.categories, selection: { ids: [mine.transaction.id] } })],
      ["transactions/bulk", "POST", json({ action: "set-account", accountId: ownerAccount, selection: { filter: {} } })],
      ["receipts", "POST", receiptForm()],
      ["receipts/[id]", "PATCH", { id: myReceipt, ...json({ transactionId: ownerTx }) }],
      ["rules/reorder", "POST", json({ ids: [ownerIds.rules] }), 422],
      ["rules/preview", "POST", json({ rule: { field: "payee", operator: "contains", value: "x", category: "Misc" }, ruleId: ownerIds.rules })],
      ["jobs", "GET", { query: { cursor: ownerIds.jobs } }, 400],
    ];
    const wrong: string[] = [];
    for (const [name, method, attempt, expected = 404] of refused) {
      const r = routes.find((x) => x.name === name)!;
      const res = await send(r, method, r.methods.find((m) => m.method === method)!.handler, attempt);
      if (res.status !== expected) wrong.push(`${method} /api/${name} → ${res.status} ${res.text.slice(0, 160)}`);
    }
    // Accepted, but nothing of the owner's in the answer or changed.
    const harmless: [string, string, Attempt][] = [
      ["transactions", "GET", { query: { accountId: ownerAccount } }],
      ["transactions/export", "GET", { query: { accountId: ownerAccount } }],
      ["receipts", "GET", { query: { transactionId: ownerTx } }],
      ["notifications/read", "POST", json({ ids: [ownerNote.id] })],
      ["jobs/categorize", "POST", json({ kind: "payee_lookup", transactionIds: [ownerTx] })],
      ["transactions/bulk", "POST", json({ action: "delete", selection: { ids: [ownerTx] } })],
      ["transactions/bulk", "POST", json({ action: "mark-reviewed", selection: { filter: { accountId: ownerAccount } } })],
    ];
    for (const [name, method, attempt] of harmless) {
      const r = routes.find((x) => x.name === name)!;
      const res = await send(r, method, r.methods.find((m) => m.method === method)!.handler, attempt);
      if (res.status >= 500) wrong.push(`${method} /api/${name} → ${res.status} ${res.text.slice(0, 160)}`);
      if (/Owner's|coffee/i.test(res.text) || res.text.includes(ownerTx)) wrong.push(`${method} /api/${name} → shows the owner's data: ${res.text.slice(0, 160)}`);
    }
    expect(wrong).toEqual([]);
    expect(await snapshot()).toBe(before);
  });
});

// ---------------------------------------------------------------------------------------
// Fuzz

const deep = (levels: number) => "[".repeat(levels) + "]".repeat(levels);
const cursorOf = (text: string) => Buffer.from(text).toString("base64url");

const HOSTILE_STRINGS = [
  "\u0000",
  "a\u0000b",
  "9999999999999999999",
  "2147483648",
  "-1",
  "1e309",
  "NaN",
  "-271821-04-20",
  "2024-02-30",
  "../../etc/passwd",
  "x".repeat(5000),
  cursorOf("-271821-04-20|x"),
  cursorOf("2024-01-01|\u0000"),
  cursorOf("+275760-09-13T00:00:00.000Z|x"),
];

const HOSTILE_VALUES: unknown[] = [...HOSTILE_STRINGS, 9999999999999999999, 2147483648, -1e308, 1e308, 0.1, -0, null, true, [], {}, { __proto__: { admin: true } }];

const QUERY_KEYS = ["cursor", "after", "limit", "kind", "status", "type", "mine", "from", "to", "accountId", "token"];
const BODY_FIELDS = [
  "date", "description", "amount", "category", "categoryId", "name", "email", "password", "institution",
  "title", "period", "rollingDays", "startDate", "endDate", "keywords", "payees", "alertThresholdPercent",
  "field", "operator", "value", "valueTo", "ids", "order", "mapping", "dedupe", "accountId", "all",
  "enabled", "email_enabled", "kinds", "scope", "transactionIds",
];

function fuzzAttempts(): (Attempt & { what: string })[] {
  const attempts: (Attempt & { what: string })[] = [];
  for (const value of HOSTILE_STRINGS) {
    attempts.push({ what: `id ${JSON.stringify(value.slice(0, 30))}`, id: value });
    attempts.push({ what: `query ${JSON.stringify(value.slice(0, 30))}`, query: Object.fromEntries(QUERY_KEYS.map((k) => [k, value])) });
  }
  for (const value of HOSTILE_VALUES) {
    const what = JSON.stringify(value)?.slice(0, 30) ?? String(value);
    attempts.push({ what: `every field ${what}`, body: JSON.stringify(Object.fromEntries(BODY_FIELDS.map((f) => [f, value]))), contentType: "application/json" });
    attempts.push({ what: `body ${what}`, body: JSON.stringify(value), contentType: "application/json" });
  }
  attempts.push({ what: "deep JSON", body: deep(10_000), contentType: "application/json" });
  const deepObject = Array.from({ length: 40 }).reduce<unknown>((inner) => ({ description: inner }), "x");
  attempts.push({ what: "deep object", body: JSON.stringify({ mapping: deepObject, description: deepObject }), contentType: "application/json" });
  attempts.push({ what: "NUL in a key", body: '{"desc\\u0000ription":"x"}', contentType: "application/json" });
  attempts.push({ what: "not JSON", body: "{nope", contentType: "application/json" });
  attempts.push({ what: "text/plain", body: JSON.stringify({ description: "x" }), contentType: "text/plain" });
  attempts.push({ what: "form-urlencoded", body: "description=x&amount=1", contentType: "application/x-www-form-urlencoded" });
  attempts.push({ what: "no content type", body: "{}" });
  attempts.push({ what: "multipart without a boundary", body: "--x\r\n", contentType: "multipart/form-data" });
  attempts.push({ what: "oversized JSON", body: JSON.stringify({ description: "x".repeat(300 * 1024) }), contentType: "application/json" });
  const nulForm = new FormData();
  nulForm.set("file", new File(["Date,Description,Amount\n2024-01-02,A\u0000B,-1.00\n"], "a\u0000.csv", { type: "text/csv" }));
  nulForm.set("accountName", "acc\u0000ount");
  attempts.push({ what: "multipart with NULs", body: nulForm });
  return attempts;
}

/** Tables holding a user's objects, each with a "userId" column. */
const USER_TABLES = [
  "Transaction", "Rule", "RuleApplication", "Budget", "FinancialAccount", "Import", "Category",
  "Receipt", "WebhookEndpoint", "Insight", "Notification", "NotificationPreference", "BackgroundJob",
];

/**
 * What a refused request must not have touched: every column of every row of the fuzzing user's
 * objects, hashed per table in one query (counts alone would miss a half-applied update).
 */
async function fuzzerFootprint(): Promise<string> {
  const columns = USER_TABLES.map((t) => `(SELECT md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) FROM "${t}" t WHERE t."userId" = $1) AS "${t}"`);
  const [row] = await db().$queryRawUnsafe<Record<string, string>[]>(`SELECT ${columns.join(", ")}`, fuzzer.id);
  return JSON.stringify(row);
}

const STACK = /\n\s+at |node_modules|prisma|Invalid `|TypeError|ReferenceError/i;

describe("hostile input", () => {
  it("never answers 500, never shows a stack, and a refused request changes nothing", { timeout: 600_000 }, async () => {
    session.user = { id: fuzzer.id, role: "USER" };
    const attempts = fuzzAttempts();
    const problems: string[] = [];
    let sent = 0;
    for (const route of routes.filter((r) => !NOT_CALLED_DIRECTLY.has(r.name))) {
      for (const { method, handler } of route.methods) {
        // On an id route, each body and query also goes to the fuzzer's own object, past the
        // lookup that refuses a made-up id (not DELETE: one success and the object is gone).
        const ownId = route.idOf && method !== "DELETE" ? fuzzerIds[route.idOf] : undefined;
        const tries = [...attempts, ...(ownId ? attempts.filter((a) => a.id === undefined).map((a) => ({ ...a, id: ownId, what: `${a.what} on its own ${route.idOf}` })) : [])];
        for (const attempt of tries) {
          if (method === "GET" && attempt.body !== undefined) continue;
          const before = method === "GET" ? "" : await fuzzerFootprint();
          const res = await send(route, method, handler, attempt);
          sent += 1;
          const where = `${method} /api/${route.name} with ${attempt.what}`;
          if (res.status >= 500) problems.push(`${where} → ${res.status} ${res.text.slice(0, 160)}`);
          if (STACK.test(res.text)) problems.push(`${where} → a stack or internals: ${res.text.slice(0, 160)}`);
          if (method !== "GET" && res.status >= 400 && (await fuzzerFootprint()) !== before) problems.push(`${where} → ${res.status} but changed rows`);
        }
      }
    }
    expect(problems).toEqual([]);
    expect(sent).toBeGreaterThan(3000);
  });
});

describe("issue 11's findings, one by one", () => {
  const route = (name: string) => {
    const found = routes.find((r) => r.name === name);
    if (!found) throw new Error(`no route ${name}`);
    return found;
  };
  const call = (name: string, method: string, attempt: Attempt = {}) => {
    const r = route(name);
    const handler = r.methods.find((m) => m.method === method)!.handler;
    return send(r, method, handler, attempt).then((res) => ({ status: res.status, data: JSON.parse(res.text) }));
  };

  it("answers 400 in words for numbers past Postgres's range and cursors holding impossible dates", async () => {
    session.user = { id: owner.id, role: "USER" };
    expect(await call("jobs/[id]/logs", "GET", { id: ownerIds.jobs, query: { after: "9999999999999999999" } })).toMatchObject({
      status: 400,
      data: { message: "Invalid after (a log id): a whole number up to 9223372036854775807" },
    });
    expect(await call("imports/[id]/issues", "GET", { id: ownerIds.imports, query: { cursor: "2147483648" } })).toMatchObject({ status: 400 });
    expect(await call("imports", "GET", { query: { cursor: cursorOf("-271821-04-20|x") } })).toMatchObject({
      status: 400,
      data: { message: "Invalid cursor: ask for the first page again" },
    });
    // The transactions list validates every parameter, its cursor too, with the field named (issue 14).
    expect(await call("transactions", "GET", { query: { cursor: cursorOf("-271821-04-20|x") } })).toMatchObject({
      status: 422,
      data: { fields: { cursor: ["Invalid cursor: ask for the first page again"] } },
    });
    expect(await call("jobs/[id]", "GET", { id: "\u0000" })).toMatchObject({ status: 400, data: { message: "The address must not contain NUL characters" } });
    expect(await call("transactions", "POST", { body: JSON.stringify({ date: "2024-01-02", description: "a\u0000b", amount: "-1.00" }), contentType: "application/json" })).toMatchObject({
      status: 422,
      data: { fields: { description: ["This value must not contain NUL characters"] } },
    });
  });

  it("refuses another user's job as a jobs cursor", async () => {
    session.user = { id: intruder.id, role: "USER" };
    expect(await call("jobs", "GET", { query: { cursor: ownerIds.jobs } })).toMatchObject({ status: 400 });
    session.user = { id: owner.id, role: "USER" };
    expect(await call("jobs", "GET", { query: { cursor: ownerIds.jobs } })).toMatchObject({ status: 200 });
  });

  it("saves a pattern RE2 matches in linear time, and refuses one it cannot take with the reason", async () => {
    session.user = { id: owner.id, role: "USER" };
    const rule = (value: string) => JSON.stringify({ field: "description", operator: "regex", value, category: "Misc" });
    expect(await call("rules", "POST", { body: rule("(a|a)*b"), contentType: "application/json" })).toMatchObject({ status: 201 });
    const refused = await call("rules", "POST", { body: rule("acme(?=corp)"), contentType: "application/json" });
    expect(refused).toMatchObject({ status: 422, data: { fields: { value: [expect.stringMatching(/^Invalid regular expression: .*look-ahead/)] } } });
    const patched = await call("rules/[id]", "PATCH", { id: ownerIds.rules, body: JSON.stringify({ operator: "regex", value: "(a)\\1" }), contentType: "application/json" });
    expect(patched).toMatchObject({ status: 422, data: { fields: { value: [expect.stringMatching(/back-references/)] } } });
  });
});
