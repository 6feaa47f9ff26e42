// npm run check:production-flow   (after `next build` and `npm run build:worker`; run under the machine's lock)
//
// The receipt and webhook flow as production runs it: `next start` and the compiled worker
// (dist/, NODE_ENV=production, SECRETS_ENCRYPTION_KEY set) on a fresh Postgres schema and Bull
// prefix. A person registers and signs in; a webhook endpoint goes to a local receiver (allowed by
// WEBHOOK_ALLOWED_CIDRS, as an operator would allow one on their network) that checks every
// signature as the README tells a receiver to; an endpoint stored before encryption is sealed by
// `npm run db:migrate` and still signs; a receipt photo is uploaded and read by OCR and matched.
// Prints what it saw; exits 1 when something was not as it should be.
//
// Needs DATABASE_URL (a base URL; the schema is added here) and REDIS_URL. CHECK_PORT (3427).

import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import pg from "pg";
import { applyMigrations, dropSchema } from "../lib/migrate/apply-migrations";
import { withSchemaParam } from "../lib/migrate/schema-engine";
import { deleteRedisPrefix } from "../tests/helpers/integration";

const ROOT = path.resolve(__dirname, "..");
const PORT = process.env.CHECK_PORT ?? "3427";
const BASE = `http://127.0.0.1:${PORT}`;
const RECEIPT = path.join(ROOT, "tests/fixtures/receipts/uk-grocer.jpg");

const problems: string[] = [];
function check(ok: boolean, what: string): void {
  console.log(`${ok ? "  ok  " : "  FAIL"} ${what}`);
  if (!ok) problems.push(what);
}

// The receiver's check, as README.md#webhooks gives it to receivers (no code shared with the app).
function verifyTallyboard(rawBody: string, header: string, secret: string, toleranceSeconds = 300): boolean {
  const parts = Object.fromEntries(header.split(",").map((p) => p.split("=")));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || Math.abs(Date.now() / 1000 - t) > toleranceSeconds) return false;
  const expected = createHmac("sha256", secret).update(`${t}.${rawBody}`).digest();
  const given = Buffer.from(parts.v1 ?? "", "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const cookieJar = new Map<string, string>();
function keepCookies(res: Response): void {
  for (const line of res.headers.getSetCookie()) {
    const [pair] = line.split(";");
    const eq = pair.indexOf("=");
    cookieJar.set(pair.slice(0, eq), pair.slice(eq + 1));
  }
}
const cookie = () => [...cookieJar].map(([k, v]) => `${k}=${v}`).join("; ");

async function api<T>(method: string, url: string, body?: unknown): Promise<{ status: number; data: T }> {
  const res = await fetch(`${BASE}${url}`, {
    method,
    headers: { cookie: cookie(), ...(body === undefined || body instanceof FormData ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : body instanceof FormData ? body : JSON.stringify(body),
  });
  return { status: res.status, data: (await res.json().catch(() => null)) as T };
}

async function waitUntil<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

interface Hit {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

async function main(): Promise<void> {
  const baseUrl = process.env.DATABASE_URL;
  const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
  if (!baseUrl) throw new Error("DATABASE_URL is required");
  const id = randomBytes(4).toString("hex");
  const schema = `prodcheck_${id}`;
  const prefix = `prodcheck-${id}`;
  const databaseUrl = withSchemaParam(baseUrl, schema);

  const hits: Hit[] = [];
  const receiver = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      hits.push({ path: req.url ?? "", headers: req.headers, body });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    BULL_PREFIX: prefix,
    NEXTAUTH_URL: BASE,
    NEXTAUTH_SECRET: randomBytes(32).toString("base64"),
    CRON_SECRET: randomBytes(16).toString("hex"),
    SECRETS_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
    WEBHOOK_ALLOWED_CIDRS: "127.0.0.1/32",
    LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
  };
  await applyMigrations(databaseUrl);
  const children: ChildProcess[] = [];
  const database = new pg.Client({ connectionString: baseUrl });
  await database.connect();
  try {
    const started = Date.now();
    children.push(
      spawn(process.execPath, ["dist/scripts/processFinancialSummaryQueue.js"], { cwd: ROOT, env, stdio: "inherit" }),
      spawn(process.execPath, [require.resolve("next/dist/bin/next"), "start", "-p", PORT, "-H", "127.0.0.1"], { cwd: ROOT, env, stdio: "inherit" }),
    );
    await waitUntil("next start", async () => (await fetch(`${BASE}/api/health`)).status < 500);
    console.log(`[check] next start and the compiled worker up in ${Date.now() - started} ms (schema ${schema})`);

    const email = `prod-${id}@example.test`;
    check((await api("POST", "/api/register", { email, password: "password123", name: "Prod" })).status === 201, "register answers 201");
    const csrf = await fetch(`${BASE}/api/auth/csrf`);
    keepCookies(csrf);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    keepCookies(
      await fetch(`${BASE}/api/auth/callback/credentials`, {
        method: "POST",
        redirect: "manual",
        headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookie() },
        body: new URLSearchParams({ csrfToken, email, password: "password123", json: "true" }),
      }),
    );
    check([...cookieJar.keys()].some((k) => k.includes("session-token")), "signed in (session cookie)");

    // Webhooks: an endpoint for summary updates; its secret shown once, stored sealed.
    const added = await api<{ endpoint: { id: string; secretHint: string }; secret: string }>("POST", "/api/webhooks", {
      url: `${receiverUrl}/hooks`,
      events: ["summary.updated"],
    });
    check(added.status === 201 && added.data.secret.startsWith("whsec_"), `endpoint added, secret shown once (${added.data.secret.slice(0, 10)}…)`);
    const secret = added.data.secret;
    const stored = await database.query(`SELECT secret, "secretHint", "userId" FROM "${schema}"."WebhookEndpoint" WHERE id = $1`, [added.data.endpoint.id]);
    check(/^enc:v1:[0-9a-f]{8}:/.test(stored.rows[0].secret) && !stored.rows[0].secret.includes(secret.slice(6)), `stored encrypted: ${stored.rows[0].secret.slice(0, 24)}…`);
    const listed = await api<unknown>("GET", "/api/webhooks");
    check(!JSON.stringify(listed.data).includes(secret.slice(6, 20)), `the list shows only the hint (${added.data.endpoint.secretHint})`);

    // An endpoint stored before encryption: plain text in the row, sealed by db:migrate.
    const legacySecret = `whsec_${randomBytes(32).toString("base64url")}`;
    const legacyId = `legacy${id}`;
    await database.query(
      `INSERT INTO "${schema}"."WebhookEndpoint" (id, "userId", url, events, secret, "updatedAt") VALUES ($1, $2, $3, $4, $5, now())`,
      [legacyId, stored.rows[0].userId, `${receiverUrl}/legacy`, ["job.failed"], legacySecret],
    );
    const migrate = spawnSync(process.execPath, ["--import", "tsx", "scripts/db-migrate.ts"], { cwd: ROOT, env, encoding: "utf8" });
    console.log(migrate.stdout.trim().replace(/^/gm, "        db:migrate: "));
    const legacyRow = await database.query(`SELECT secret, "secretHint" FROM "${schema}"."WebhookEndpoint" WHERE id = $1`, [legacyId]);
    check(migrate.status === 0 && legacyRow.rows[0].secret.startsWith("enc:v1:") && legacyRow.rows[0].secretHint === legacySecret.slice(-4), "db:migrate encrypted the plain-text row");

    // A transaction (→ summary.updated), then a receipt of the same amount two days before it.
    const tx = await api<{ transaction: { id: string } }>("POST", "/api/transactions", { date: "2026-03-16", description: "CARD CORNER GROCER", amount: "-4.14" });
    check(tx.status === 201, "transaction added (201)");
    const form = new FormData();
    form.append("file", new Blob([readFileSync(RECEIPT)], { type: "image/jpeg" }), "grocer.jpg");
    const uploadStarted = Date.now();
    const upload = await api<{ receiptId: string; jobId: string }>("POST", "/api/receipts", form);
    check(upload.status === 202 && Boolean(upload.data.receiptId), `receipt uploaded: 202 { receiptId, jobId: ${upload.data.jobId} }`);
    const receipt = await waitUntil("the receipt to be read", async () => {
      const got = await api<{ receipt: Record<string, unknown> }>("GET", `/api/receipts/${upload.data.receiptId}`);
      return ["matched", "unmatched", "needs_review", "failed"].includes(String(got.data.receipt.status)) ? got.data.receipt : null;
    });
    const { text: _text, ...fields } = receipt;
    console.log(`        receipt after ${Date.now() - uploadStarted} ms: ${JSON.stringify(fields)}`);
    check(receipt.status === "matched" && receipt.total === "4.14" && receipt.date === "2026-03-14" && receipt.merchant === "CORNER GROCER", "receipt read by OCR (CORNER GROCER, 2026-03-14, 4.14 GBP) and matched");
    check(receipt.transactionId === tx.data.transaction?.id, "matched to the card payment two days later");

    const test = await api<{ jobId: string }>("POST", `/api/webhooks/${legacyId}/test`);
    check(test.status === 202, "test event queued for the formerly plain-text endpoint");

    const summaryHit = await waitUntil("summary.updated at the receiver", async () => hits.find((h) => h.path === "/hooks"));
    const summaryBody = JSON.parse(summaryHit.body) as { id: string; type: string; createdAt: string; data: unknown };
    console.log(`        received ${summaryHit.path}: ${summaryHit.headers["tallyboard-signature"]?.toString().slice(0, 20)}… ${summaryHit.body}`);
    check(summaryBody.type === "summary.updated" && summaryBody.id.startsWith("evt_"), "a summary.updated event arrived");
    check(verifyTallyboard(summaryHit.body, String(summaryHit.headers["tallyboard-signature"]), secret), "its signature verifies with the secret shown once (README's receiver code)");
    check(!verifyTallyboard(summaryHit.body, String(summaryHit.headers["tallyboard-signature"]), legacySecret), "and not with another secret");
    const legacyHit = await waitUntil("the test event at the receiver", async () => hits.find((h) => h.path === "/legacy"));
    check(JSON.parse(legacyHit.body).type === "webhook.test" && verifyTallyboard(legacyHit.body, String(legacyHit.headers["tallyboard-signature"]), legacySecret), "the sealed legacy endpoint still signs with its original secret");

    type Listed = { endpoints: { deliveries: { status: string; responseStatus: number | null }[] }[] };
    const statuses = await waitUntil("deliveries recorded", async () => {
      const d = (await api<Listed>("GET", "/api/webhooks")).data.endpoints.flatMap((e) => e.deliveries);
      return d.length >= 2 && d.every((x) => x.status === "succeeded") ? d : null;
    });
    check(statuses.every((d) => d.responseStatus === 204), `deliveries shown as succeeded, 204 (${statuses.length})`);
  } finally {
    for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
    await Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.once("exit", r)) : Promise.resolve())));
    receiver.close();
    await database.end();
    await dropSchema(baseUrl, schema).catch((e) => console.error(`[check] drop schema: ${e}`));
    await deleteRedisPrefix(redisUrl, prefix).catch((e) => console.error(`[check] redis cleanup: ${e}`));
  }
  console.log(problems.length ? `[check] ${problems.length} problem(s): ${problems.join("; ")}` : "[check] all as expected");
  process.exitCode = problems.length ? 1 : 0;
}

main().catch((err: unknown) => {
  console.error(`[check] ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
