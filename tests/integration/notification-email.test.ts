import pino from "pino";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startCategorize } from "../../lib/categorize/run-categorization";
import { db } from "../../lib/db";
import { closeEmailTransport } from "../../lib/email/transport";
import { resetEnvCache } from "../../lib/env";
import { log } from "../../lib/log";
import { createNotification, dispatchNotification, listNotifications } from "../../lib/notifications/notifications";
import { updateNotificationPreferences } from "../../lib/notifications/preferences";
import { createJobRow } from "../../lib/queue/background-jobs";
import { dispatchJob } from "../../lib/queue/dispatch-job";
import { QUEUE } from "../../lib/jobs/job-names";
import { startWorker, type RunningWorker } from "../../lib/worker/start-worker";
import { createTransaction } from "../../lib/transactions/transactions";
import { createUser, setupIntegration, waitFor, waitForJob, type IntegrationEnv } from "../helpers/integration";
import { freePort } from "../helpers/redis-server";
import { TestSmtpServer } from "../helpers/smtp-server";

// Notifications end to end on the real Postgres and Redis, with e-mail going to a local SMTP
// server: in-app at once, one e-mail per notification whatever the retries, preferences
// honoured, SMTP outages retried, and the SMTP password nowhere in the logs.

const SMTP_USER = "tally-mailer";
const SMTP_PASSWORD = "Sm7p-s3cret/pa55@word";
const WRONG_PASSWORD = "wr0ng-Passw0rd-xyz";
const APP_URL = "https://tally.example.test/app";
const SMTP_FROM = "Tallyboard Alerts <alerts@tally.example.test>";

let env: IntegrationEnv;
let worker: RunningWorker;
let smtp: TestSmtpServer;
const logLines: string[] = [];

function useSmtp(url: string | undefined) {
  if (url) process.env.SMTP_URL = url;
  else delete process.env.SMTP_URL;
  resetEnvCache();
}

beforeAll(async () => {
  // Every log line of this process (the in-process worker's too), at debug level.
  const stream = (log as unknown as Record<symbol, { write: (line: string) => boolean }>)[pino.symbols.streamSym];
  stream.write = (line: string) => {
    logLines.push(line);
    return true;
  };
  log.level = "debug";

  env = await setupIntegration("notify", { JOB_BACKOFF_MS: "1000", APP_URL, SMTP_FROM });
  smtp = await TestSmtpServer.start({
    user: SMTP_USER,
    pass: SMTP_PASSWORD,
    rejectRecipients: ["nobody@tally.example.test"],
    deferRecipients: { "busy@tally.example.test": 1 },
  });
  useSmtp(smtp.url());
  worker = await startWorker({ queues: [QUEUE.categorize, QUEUE.financialSummary, QUEUE.notification] });
});

afterAll(async () => {
  await worker?.stop();
  closeEmailTransport();
  await smtp?.stop();
  await env?.teardown();
});

beforeEach(() => useSmtp(smtp.url()));

async function userWithEmail(email: string) {
  const user = await createUser("notify");
  return db().user.update({ where: { id: user.id }, data: { email } });
}

const deliveryJobs = (userId: string) =>
  db().backgroundJob.findMany({ where: { userId, type: QUEUE.notification }, orderBy: { createdAt: "asc" } });

async function deliveryJobOf(notificationId: string) {
  const row = await db().backgroundJob.findFirst({ where: { type: QUEUE.notification, payload: { path: ["notificationId"], equals: notificationId } } });
  if (!row) throw new Error(`no delivery job for notification ${notificationId}`);
  return row;
}

const waitForMail = (address: string, count = 1) =>
  waitFor(`${count} e-mail(s) to ${address}`, async () => {
    const mails = smtp.messagesTo(address);
    return mails.length >= count ? mails : null;
  });

describe("a producer's notification", () => {
  it("is in-app as soon as the producer finishes, and its e-mail reaches the SMTP server", async () => {
    const user = await createUser("categorize");
    await createTransaction(user.id, { date: "2026-11-02", description: "SQ *BLUE BOTTLE #123 OAKLAND", amount: -650n });
    const { jobId } = await startCategorize(user.id, { kind: "classification" });
    await waitForJob(jobId);

    // Written by the producer itself: no wait for the notification queue.
    const { notifications } = await listNotifications(user.id);
    const note = notifications.find((n) => n.kind === "categorize_completed");
    expect(note).toMatchObject({ title: "Categorization finished", link: "/dashboard/transactions", read: false });

    const [mail] = await waitForMail(user.email);
    expect(mail.subject).toBe("Categorization finished");
    expect(mail.to).toEqual([user.email]);
    expect(mail.from).toBe("alerts@tally.example.test");
    expect(mail.messageId).toBe(`<notification-${note!.id}@tallyboard>`);
    expect(mail.text).toContain(note!.body!);
    expect(mail.text).toContain(`Open in Tallyboard: ${APP_URL}/dashboard/transactions`);
    expect(mail.text).toContain(`${APP_URL}/dashboard/settings/notifications`);
    expect(mail.html).toContain(`href="${APP_URL}/dashboard/transactions"`);

    const job = await waitForJob((await deliveryJobOf(note!.id)).id);
    expect(job).toMatchObject({ attempts: 1, message: "E-mail sent" });
    const stored = await db().notification.findUniqueOrThrow({ where: { id: note!.id } });
    expect(stored.emailedAt).not.toBeNull();
    expect(stored.emailError).toBeNull();
  });

  it("of a kind that is off by default (summary updates) is in-app only until the person turns it on", async () => {
    const user = await createUser("summary");
    const first = await createTransaction(user.id, { date: "2026-11-02", description: "Rent", amount: -100000n });
    await waitForJob(first.jobId);
    expect((await listNotifications(user.id)).notifications.map((n) => n.kind)).toEqual(["summary_updated"]);
    expect(await deliveryJobs(user.id)).toHaveLength(0);

    await updateNotificationPreferences(user.id, { kinds: { summary_updated: true } });
    const second = await createTransaction(user.id, { date: "2026-11-03", description: "Coffee", amount: -450n });
    await waitForJob(second.jobId);
    const [mail] = await waitForMail(user.email);
    expect(mail.subject).toBe("Your financial summary was updated");
    expect(mail.text).toContain(`${APP_URL}/dashboard`);
    // Only the run after the change mailed.
    expect(smtp.messagesTo(user.email)).toHaveLength(1);
  });
});

describe("preferences", () => {
  it("off: the notification is in-app and no e-mail is sent", async () => {
    const user = await createUser("prefs-off");
    await updateNotificationPreferences(user.id, { kinds: { import_completed: false } });
    const off = await createNotification({ userId: user.id, kind: "import_completed", title: "Import finished", link: "/dashboard/imports/1" });
    expect(off).toMatchObject({ created: true, deliveryJob: null });
    // A kind still on, sent after it: once its mail is in, the first one would be too.
    await createNotification({ userId: user.id, kind: "insight", title: "A new insight" });
    await waitForMail(user.email);

    expect(smtp.messagesTo(user.email).map((m) => m.subject)).toEqual(["A new insight"]);
    expect((await listNotifications(user.id)).notifications.map((n) => n.title)).toEqual(["A new insight", "Import finished"]);
  });

  it("turned off after the notification was written: the job sees it at send time and sends nothing", async () => {
    const user = await createUser("prefs-late");
    // Inside a producer's own transaction; the producer dispatches after its commit.
    const created = await db().$transaction((tx) =>
      createNotification({ userId: user.id, kind: "budget_exceeded", title: "Budget “Coffee” exceeded", link: "/dashboard/budgets" }, tx),
    );
    expect(created.deliveryJob).not.toBeNull();
    await updateNotificationPreferences(user.id, { kinds: { budget_exceeded: false } });
    await dispatchNotification(created);

    const job = await waitForJob(created.deliveryJob!.id);
    expect(job.result).toMatchObject({ emailed: false, reason: "email_off" });
    expect(smtp.messagesTo(user.email)).toHaveLength(0);
    expect((await db().notification.findUniqueOrThrow({ where: { id: created.id } })).emailedAt).toBeNull();
  });

  it("a kind's family follows its choice: budget_warning goes with budget alerts", async () => {
    const user = await createUser("family");
    await updateNotificationPreferences(user.id, { kinds: { budget_exceeded: false } });
    const created = await createNotification({ userId: user.id, kind: "budget_warning", title: "Coffee budget at 85 %" });
    expect(created.deliveryJob).toBeNull();
    // A kind outside every family has no off switch, so it is never mailed.
    expect((await createNotification({ userId: user.id, kind: "mystery_event", title: "?" })).deliveryJob).toBeNull();
  });
});

describe("exactly one e-mail", () => {
  it("a retried producer run creates one notification and one e-mail", async () => {
    const user = await createUser("producer-retry");
    const n = { userId: user.id, kind: "import_completed", title: "Import finished: 120 rows", jobId: "11111111-2222-4333-8444-555555555555" };
    const first = await createNotification(n);
    const again = await createNotification(n);
    expect(first.created).toBe(true);
    expect(again).toEqual({ id: first.id, created: false, deliveryJob: null });

    await waitForJob(first.deliveryJob!.id);
    expect(await db().notification.count({ where: { userId: user.id } })).toBe(1);
    expect(await deliveryJobs(user.id)).toHaveLength(1);
    expect(smtp.messagesTo(user.email)).toHaveLength(1);
  });

  it("a delivery job retried after a transient refusal sends once", async () => {
    const user = await userWithEmail("busy@tally.example.test");
    const created = await createNotification({ userId: user.id, kind: "insight", title: "Spending spike: Groceries" });
    const job = await waitForJob(created.deliveryJob!.id);
    expect(job.attempts).toBe(2);

    const mails = await waitForMail(user.email);
    expect(mails).toHaveLength(1);
    const stored = await db().notification.findUniqueOrThrow({ where: { id: created.id } });
    expect(stored.emailedAt).not.toBeNull();
    expect(stored.emailError).toBeNull();
  });

  it("a second delivery job for a notification already mailed does nothing", async () => {
    const user = await createUser("duplicate");
    const created = await createNotification({ userId: user.id, kind: "insight", title: "Recurring payment: Netflix" });
    await waitForJob(created.deliveryJob!.id);
    await waitForMail(user.email);

    // The same payload again, as a duplicated or re-run delivery would carry it.
    const original = await deliveryJobOf(created.id);
    const { backgroundJobId: _drop, ...payload } = original.payload as Record<string, unknown>;
    const dup = await db().$transaction((tx) => createJobRow(tx, { type: QUEUE.notification, userId: user.id, payload }));
    await dispatchJob({ id: dup.id, type: QUEUE.notification, userId: user.id, runAfter: dup.runAfter });
    const done = await waitForJob(dup.id);
    expect(done).toMatchObject({ message: "E-mail already sent", result: { emailed: false, reason: "already_emailed" } });
    expect(smtp.messagesTo(user.email)).toHaveLength(1);
  });
});

describe("the delivery job alone", () => {
  it("creates the in-app notification from its payload when the row is not there yet", async () => {
    const user = await createUser("queue-only");
    const notificationId = "0b8f2f7e-6f0e-4c3a-9d51-2a4c1f7d9e01";
    const payload = { userId: user.id, notificationId, kind: "insight", title: "Category creep: Dining", body: "Up three months in a row.", link: "/dashboard", sourceJobId: null };
    const job = await db().$transaction((tx) => createJobRow(tx, { type: QUEUE.notification, userId: user.id, payload }));
    await dispatchJob({ id: job.id, type: QUEUE.notification, userId: user.id, runAfter: job.runAfter });

    await waitForJob(job.id);
    const stored = await db().notification.findUniqueOrThrow({ where: { id: notificationId } });
    expect(stored).toMatchObject({ userId: user.id, kind: "insight", title: "Category creep: Dining", body: "Up three months in a row." });
    expect(stored.emailedAt).not.toBeNull();
    expect((await waitForMail(user.email)).map((m) => m.subject)).toEqual(["Category creep: Dining"]);
  });

  it("fails at once on a payload it cannot use", async () => {
    const user = await createUser("bad-payload");
    const job = await db().$transaction((tx) => createJobRow(tx, { type: QUEUE.notification, userId: user.id, payload: { title: "no ids" } }));
    await dispatchJob({ id: job.id, type: QUEUE.notification, userId: user.id, runAfter: job.runAfter });
    const failed = await waitForJob(job.id, ["failed"]);
    expect(failed.attempts).toBe(1);
    expect(await db().notification.count({ where: { userId: user.id } })).toBe(0);
  });
});

describe("SMTP failures", () => {
  it("server down: the job retries, and sends once the server is back", async () => {
    const down = new TestSmtpServer(await freePort(), { user: SMTP_USER, pass: SMTP_PASSWORD });
    useSmtp(down.url());
    try {
      const user = await createUser("smtp-down");
      const created = await createNotification({ userId: user.id, kind: "import_completed", title: "Import finished" });
      expect((await listNotifications(user.id)).notifications).toHaveLength(1);

      // The first attempt failed and is waiting for its retry, with the reason on both rows.
      await waitFor("the first attempt to fail", async () => {
        const j = await db().backgroundJob.findUnique({ where: { id: created.deliveryJob!.id } });
        return j?.status === "pending" && j.attempts === 1 && j.error?.includes("ECONNREFUSED") ? j : null;
      });
      const failed = await db().notification.findUniqueOrThrow({ where: { id: created.id } });
      expect(failed.emailError).toMatch(/ECONNREFUSED/);
      expect(failed.emailedAt).toBeNull();

      await down.listen();
      const job = await waitForJob(created.deliveryJob!.id);
      expect(job.attempts).toBeGreaterThan(1);
      const mails = await waitFor("the mail", async () => (down.messagesTo(user.email).length ? down.messagesTo(user.email) : null));
      expect(mails).toHaveLength(1);
      expect((await db().notification.findUniqueOrThrow({ where: { id: created.id } })).emailError).toBeNull();
    } finally {
      await down.stop();
    }
  });

  it("server down for good: the job fails after its last attempt, visibly, and the in-app notification stays", async () => {
    useSmtp(`smtp://${SMTP_USER}:${encodeURIComponent(SMTP_PASSWORD)}@127.0.0.1:${await freePort()}`);
    const user = await createUser("smtp-gone");
    const created = await createNotification({ userId: user.id, kind: "import_completed", title: "Import finished" });
    const job = await waitForJob(created.deliveryJob!.id, ["failed"]);
    expect(job.attempts).toBe(3);
    expect(job.error).toMatch(/ECONNREFUSED/);
    const stored = await db().notification.findUniqueOrThrow({ where: { id: created.id } });
    expect(stored).toMatchObject({ title: "Import finished", emailedAt: null, readAt: null });
    expect(stored.emailError).toMatch(/ECONNREFUSED/);
  });

  it("a refused recipient (550) fails at once, without retrying", async () => {
    const user = await userWithEmail("nobody@tally.example.test");
    const created = await createNotification({ userId: user.id, kind: "insight", title: "A new insight" });
    const job = await waitForJob(created.deliveryJob!.id, ["failed"]);
    expect(job.attempts).toBe(1);
    expect(job.error).toMatch(/550/);
    expect((await db().notification.findUniqueOrThrow({ where: { id: created.id } })).emailError).toMatch(/550 No such user/);
    expect(smtp.messagesTo(user.email)).toHaveLength(0);
  });

  it("a refused login fails at once, and says so without the password", async () => {
    useSmtp(smtp.url({ user: SMTP_USER, pass: WRONG_PASSWORD }));
    const user = await createUser("bad-login");
    const created = await createNotification({ userId: user.id, kind: "insight", title: "A new insight" });
    const job = await waitForJob(created.deliveryJob!.id, ["failed"]);
    expect(job.attempts).toBe(1);
    expect(job.error).toMatch(/535/);
  });
});

describe("without SMTP_URL", () => {
  it("notifications are in-app only and no job fails", async () => {
    const user = await createUser("no-smtp");
    // One delivery job written while SMTP was configured, run after it was removed.
    const before = await db().$transaction((tx) => createNotification({ userId: user.id, kind: "insight", title: "Written with SMTP on" }, tx));
    useSmtp(undefined);
    await dispatchNotification(before);

    const created = await createNotification({ userId: user.id, kind: "import_completed", title: "Import finished" });
    expect(created).toMatchObject({ created: true, deliveryJob: null });
    const { jobId } = await createTransaction(user.id, { date: "2026-11-02", description: "Salary", amount: 250000n });
    await waitForJob(jobId);

    const late = await waitForJob(before.deliveryJob!.id);
    expect(late).toMatchObject({ message: "In-app only (SMTP is not configured)", result: { emailed: false, reason: "smtp_not_configured" } });
    expect(await db().backgroundJob.count({ where: { userId: user.id, status: "failed" } })).toBe(0);
    expect((await listNotifications(user.id)).notifications.map((n) => n.kind).sort()).toEqual(["import_completed", "insight", "summary_updated"]);
    expect(smtp.messagesTo(user.email)).toHaveLength(0);
  });
});

describe("secrets", () => {
  // Runs last: by now the logs hold successes, retries, refusals and a failed login.
  it("the SMTP password appears in no log line, job log, job error or notification", async () => {
    const secrets = [SMTP_PASSWORD, encodeURIComponent(SMTP_PASSWORD), WRONG_PASSWORD];
    // The capture works: the transport announced the server, with the password masked.
    expect(logLines.some((l) => l.includes(`smtp://${SMTP_USER}:***@127.0.0.1:${smtp.port}`))).toBe(true);
    expect(logLines.some((l) => l.includes("[notification] job"))).toBe(true);

    const jobs = await db().backgroundJob.findMany({ where: { type: QUEUE.notification }, include: { logs: true } });
    const notes = await db().notification.findMany({ where: { emailError: { not: null } } });
    expect(jobs.some((j) => j.status === "failed")).toBe(true);
    expect(notes.length).toBeGreaterThan(0);
    const stored = [
      ...jobs.flatMap((j) => [j.error ?? "", j.message ?? "", JSON.stringify(j.result), ...j.logs.map((l) => l.message)]),
      ...notes.map((n) => n.emailError ?? ""),
    ];
    for (const secret of secrets) {
      expect(logLines.filter((l) => l.includes(secret))).toEqual([]);
      expect(stored.filter((s) => s.includes(secret))).toEqual([]);
    }
  });
});
