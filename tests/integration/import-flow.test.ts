import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as getImportRoute } from "../../app/api/imports/[id]/route";
import { POST as confirmRoute } from "../../app/api/imports/[id]/confirm/route";
import { POST as checkRoute } from "../../app/api/imports/check/route";
import { GET as issuesRoute } from "../../app/api/imports/[id]/issues/route";
import { GET as issuesCsvRoute } from "../../app/api/imports/[id]/issues.csv/route";
import { GET as previewGet, POST as previewPost } from "../../app/api/imports/[id]/preview/route";
import { POST as undoRoute } from "../../app/api/imports/[id]/undo/route";
import { GET as listImportsRoute } from "../../app/api/imports/route";
import { GET as listAccountsRoute, POST as createAccountRoute } from "../../app/api/accounts/route";
import { GET as exportRoute } from "../../app/api/transactions/export/route";
import { POST as uploadRoute } from "../../app/api/transactions/upload/route";
import { db } from "../../lib/db";
import { headerKey } from "../../lib/finance/csv";
import { QUEUE } from "../../lib/jobs/job-names";
import { startWorker, type RunningWorker } from "../../lib/worker/start-worker";
import { getSummary } from "../../lib/summary/get-summary";
import { createTransaction } from "../../lib/transactions/transactions";
import { createUser, setupIntegration, waitFor, waitForJob, type IntegrationEnv } from "../helpers/integration";
import { call, csv, fixture, importedTotals, uploadForm, userTransactionCount } from "./import-helpers";

const session = vi.hoisted(() => ({ user: null as null | { id: string; role: string } }));
vi.mock("next-auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next-auth")>()),
  getServerSession: async () => (session.user ? { user: session.user } : null),
}));

let env: IntegrationEnv;
let worker: RunningWorker;

beforeAll(async () => {
  env = await setupIntegration("import-flow", { RATE_LIMIT_PER_MINUTE: "0" });
  worker = await startWorker({ queues: [QUEUE.csvImport, QUEUE.financialSummary, QUEUE.categorize] });
});

afterAll(async () => {
  await worker?.stop();
  await env?.teardown();
});

async function signIn(name: string) {
  const user = await createUser(name);
  session.user = { id: user.id, role: "USER" };
  return user;
}

async function upload(name: string, bytes: Uint8Array | string, fields: Record<string, string> = {}) {
  return call(uploadRoute, "/api/transactions/upload", { form: uploadForm(name, bytes, fields) });
}

/** Upload with autoConfirm and wait for the job; returns the import view. */
async function importFile(name: string, bytes: Uint8Array | string, fields: Record<string, string> = {}) {
  const res = await upload(name, bytes, { autoConfirm: "true", ...fields });
  expect(res.status, JSON.stringify(res.data)).toBe(202);
  await waitForJob(res.data.jobId, ["completed"], 30_000);
  const view = await call(getImportRoute, `/api/imports/${res.data.importId}`, { params: { id: res.data.importId } });
  return view.data.import;
}

describe("upload → job → rows", () => {
  it.each([
    ["chase-checking.csv", [20, "5137.35", "-2118.41", "2024-01-02", "2024-01-31"], 0],
    ["bank-of-america.csv", [13, "4335.00", "-1454.00", "2024-01-02", "2024-01-30"], 7],
    ["german-bank-cp1252.csv", [9, "4529.56", "-1536.04", "2024-01-03", "2024-01-29"], null],
    ["capital-one.csv", [11, "525.99", "-830.13", "2024-01-02", "2024-01-30"], 0],
    ["multiline-quoted.csv", [5, "1545.00", "-230.24", "2024-04-02", "2024-04-15"], 0],
    ["credit-union-sections.csv", [5, "2500.25", "-104.36", "2024-12-01", "2024-12-04"], 7],
  ] as const)("%s imports every row with the right totals and date range", async (name, expected, skipped) => {
    const user = await signIn(`fixture-${name}`);
    const view = await importFile(name, fixture(name));
    expect(view).toMatchObject({ status: "completed", importedCount: expected[0], duplicateCount: 0, errorCount: 0, dateFrom: expected[3], dateTo: expected[4] });
    if (skipped !== null) expect(view.skippedCount).toBe(skipped);
    expect(await importedTotals(view.id)).toEqual(expected);
    expect(await userTransactionCount(user.id)).toBe(expected[0]);

    const notes = await db().notification.findMany({ where: { userId: user.id, kind: "import_completed" } });
    expect(notes.map((n) => [n.title, n.link])).toEqual([[`Imported ${expected[0]} transactions`, `/dashboard/imports/${view.id}`]]);
    // The summary follows, and the new rows are sent to categorize.
    await waitFor("the summary", async () => {
      const s = await getSummary(user.id);
      return s.status === "ready" && s.transactionCount === expected[0];
    });
    const categorize = await db().backgroundJob.findFirst({ where: { userId: user.id, type: QUEUE.categorize } });
    expect(categorize?.payload).toMatchObject({ kind: "classification", importId: view.id });
  });

  it("keeps the bank's categories as the user's categories", async () => {
    const user = await signIn("categories");
    const view = await importFile("capital-one.csv", fixture("capital-one.csv"));
    const dining = await db().transaction.findMany({ where: { importId: view.id, category: { name: "Dining" } } });
    expect(dining.length).toBeGreaterThan(0);
    expect(await db().category.count({ where: { userId: user.id, name: "Dining" } })).toBe(1);
  });
});

describe("preview and confirm", () => {
  it("a statement with Pending / Posted sections: the preview counts the skipped rows by kind and marks each (issue 10, defect 4)", async () => {
    const user = await signIn("sections-preview");
    const res = await upload("credit-union-sections.csv", fixture("credit-union-sections.csv"));
    expect(res.status).toBe(201);
    const { preview } = res.data;
    expect(preview.summary).toEqual({
      rows: 5,
      errors: 0,
      skipped: 7,
      skippedKinds: [
        { kind: "pending transaction", count: 3 },
        { kind: "section heading", count: 2 },
        { kind: "totals line", count: 2 },
      ],
      totalIn: "2500.25",
      totalOut: "-104.36",
      dateFrom: "2024-12-01",
      dateTo: "2024-12-04",
    });
    const shell = preview.rows.find((r: { line: number }) => r.line === 4);
    expect(shell).toMatchObject({ issue: { kind: "skipped", reason: 'pending transaction (under "Pending Transactions"), not yet booked' } });
    expect(await db().transaction.count({ where: { userId: user.id } })).toBe(0);
  });

  it("waits for confirmation, previews an edited mapping, saves it as a template the next file uses", async () => {
    const user = await signIn("preview");
    const first = await upload("chase-checking.csv", fixture("chase-checking.csv"), { accountName: "Chase checking" });
    expect(first.status).toBe(201);
    const { importId, preview } = first.data;
    expect(preview.import).toMatchObject({ id: importId, status: "awaiting_confirmation", accountName: "Chase checking", jobId: null });
    expect(preview.templateApplied).toBe(false);
    expect(preview.columns[1]).toMatchObject({ index: 1, name: "Posting Date", role: "date", samples: ["01/31/2024", "01/30/2024", "01/29/2024"] });
    expect(preview.rows).toHaveLength(20);
    expect(preview.rows[0]).toEqual({ line: 2, date: "2024-01-31", description: "INTEREST PAYMENT", payee: null, amount: "0.12", category: null, issue: null });
    expect(preview.summary).toEqual({ rows: 20, errors: 0, skipped: 0, skippedKinds: [], totalIn: "5137.35", totalOut: "-2118.41", dateFrom: "2024-01-02", dateTo: "2024-01-31" });
    expect(await db().transaction.count({ where: { userId: user.id } })).toBe(0);

    const again = await call(previewGet, `/api/imports/${importId}/preview`, { params: { id: importId } });
    expect(again.status).toBe(200);
    expect(again.data.mapping).toEqual(preview.mapping);

    // The user makes the "Type" column the category instead of ignoring it.
    const edited = { ...preview.mapping, columns: preview.mapping.columns.map((r: string, i: number) => (i === 4 ? "category" : r)) };
    const re = await call(previewPost, `/api/imports/${importId}/preview`, { json: { mapping: edited }, params: { id: importId } });
    expect(re.status).toBe(200);
    expect(re.data.rows[0].category).toBe("ACCT_XFER");
    expect((await db().import.findUniqueOrThrow({ where: { id: importId } })).mapping).toEqual(preview.mapping);

    const confirmed = await call(confirmRoute, `/api/imports/${importId}/confirm`, { json: { mapping: edited }, params: { id: importId } });
    expect(confirmed.status).toBe(202);
    expect(confirmed.data.import.status).toBe("queued");
    await waitForJob(confirmed.data.jobId);
    expect(await db().transaction.count({ where: { importId, category: { name: "ACCT_XFER" } } })).toBe(1);
    const proved = (await call(getImportRoute, `/api/imports/${importId}`, { params: { id: importId } })).data.import;
    expect(proved).toMatchObject({ format: "csv", balanceCheck: { statementOpening: "3120.45", statementClosing: "6139.39", accountBalanceAfter: "6139.39", matches: true } });

    const twice = await call(confirmRoute, `/api/imports/${importId}/confirm`, { json: {}, params: { id: importId } });
    expect(twice.status).toBe(409);
    const late = await call(previewGet, `/api/imports/${importId}/preview`, { params: { id: importId } });
    expect(late.status).toBe(409);

    // The same bank's next export: the template applies and the import starts at once.
    const next = await upload("chase-february.csv", fixture("chase-checking.csv"), { accountName: "Chase checking" });
    expect(next.status).toBe(202);
    expect(next.data.import).toMatchObject({ status: "queued", accountId: confirmed.data.import.accountId });
    const done = await waitForJob(next.data.jobId);
    expect(done.status).toBe("completed");
    const second = await db().import.findUniqueOrThrow({ where: { id: next.data.importId } });
    expect(second.mapping).toMatchObject({ columns: edited.columns });
    expect([second.importedCount, second.duplicateCount]).toEqual([0, 20]);

    const list = await call(listImportsRoute, "/api/imports");
    expect(list.data.imports.map((i: { id: string }) => i.id)).toEqual([next.data.importId, importId]);
    expect((await call(listAccountsRoute, "/api/accounts")).data.accounts).toEqual([
      // The Balance column (newest first) proves the import: 3,120.45 before 1 January, 6,139.39 after the 31st.
      expect.objectContaining({
        id: confirmed.data.import.accountId,
        name: "Chase checking",
        institution: null,
        type: "checking",
        currency: "USD",
        balance: "6139.39",
        openingBalance: "3120.45",
        lastStatement: { date: "2024-01-31", closingBalance: "6139.39", matches: true, difference: "0.00" },
      }),
    ]);
  });
});

describe("an edited header row", () => {
  it("re-reads the column names (and the template key) from the file's new header row", async () => {
    await signIn("header-row");
    const lines = ["Posted,Memo,Value", "Date,Description,Amount", "01/02/2024,COFFEE,-3.00", "01/03/2024,BOOKS,-12.00"];
    const first = await upload("header-row.csv", `${lines.join("\n")}\n`);
    expect(first.status).toBe(201);
    const { importId, preview } = first.data;
    const moved: 0 | 1 = preview.mapping.headerRow === 0 ? 1 : 0;
    const names = lines[moved].split(",");
    // The client moves the header row and sends the names it had before.
    const edited = { ...preview.mapping, headerRow: moved, skipRows: 2, columns: ["date", "description", "amount"] };
    expect(edited.columnNames).not.toEqual(names);

    const re = await call(previewPost, `/api/imports/${importId}/preview`, { json: { mapping: edited }, params: { id: importId } });
    expect(re.status, JSON.stringify(re.data)).toBe(200);
    expect(re.data.mapping.columnNames).toEqual(names);
    expect(re.data.columns.map((c: { name: string }) => c.name)).toEqual(names);
    expect(re.data.summary).toMatchObject({ rows: 2, totalOut: "-15.00" });

    const confirmed = await call(confirmRoute, `/api/imports/${importId}/confirm`, { json: { mapping: edited }, params: { id: importId } });
    expect(confirmed.status, JSON.stringify(confirmed.data)).toBe(202);
    expect((await waitForJob(confirmed.data.jobId)).status).toBe("completed");
    const stored = await db().import.findUniqueOrThrow({ where: { id: importId } });
    expect(stored.mapping).toMatchObject({ headerRow: moved, columnNames: names });
    expect(stored.headerKey).toBe(headerKey(names, ",", 3));
    expect([stored.status, stored.importedCount]).toEqual(["completed", 2]);
  });
});

describe("the date format over the whole file", () => {
  // Over 256 KB of rows whose days are all <= 12 (read either way), then one day of 25: the
  // start of the file does not settle the format, so the job surveys every row and reads it
  // day-first. A file whose start already shows a day over 12 is read without the survey, and
  // its row counts are exact all the same.
  it("a long file whose first rows all have day <= 12 is read day-first when a later row says 25/03", async () => {
    const user = await signIn("late-day");
    const rows: [string, string, string][] = [];
    for (let i = 0; i < 12_000; i++) rows.push([`${String((i % 12) + 1).padStart(2, "0")}/03/2024`, `SHOP NUMBER ${i}`, "-1.00"]);
    rows.push(["25/03/2024", "LATE", "-2.00"]);
    const file = csv(rows);
    expect(file.length).toBeGreaterThan(300 * 1024);
    const view = await importFile("late-day.csv", file);
    expect(view).toMatchObject({ status: "completed", importedCount: 12_001, errorCount: 0, totalRows: 12_001, processedRows: 12_001 });
    expect(await importedTotals(view.id)).toEqual([12_001, "0.00", "-12002.00", "2024-03-01", "2024-03-25"]);
    expect((await db().import.findUniqueOrThrow({ where: { id: view.id } })).mapping).toMatchObject({ dateFormat: "DD/MM/YYYY" });
    expect(await userTransactionCount(user.id)).toBe(12_001);
  });

  it("a long file whose start settles the format imports with exact counts", async () => {
    await signIn("settled-day");
    const rows: [string, string, string][] = [["03/25/2024", "FIRST", "-2.00"]];
    for (let i = 0; i < 12_000; i++) rows.push([`03/${String((i % 12) + 1).padStart(2, "0")}/2024`, `SHOP NUMBER ${i}`, "-1.00"]);
    rows.push(["", "", ""], ["03/26/2024", "BAD AMOUNT", "abc"]);
    const view = await importFile("settled-day.csv", csv(rows));
    expect(view).toMatchObject({ status: "completed", importedCount: 12_001, errorCount: 1, totalRows: 12_002, processedRows: 12_002 });
    expect(await importedTotals(view.id)).toEqual([12_001, "0.00", "-12002.00", "2024-03-01", "2024-03-25"]);
  });
});

describe("duplicates", () => {
  it("the same file twice adds nothing the second time", async () => {
    const user = await signIn("twice");
    const first = await importFile("amex.csv", fixture("amex.csv"));
    const second = await importFile("amex.csv", fixture("amex.csv"));
    expect([first.importedCount, first.duplicateCount]).toEqual([10, 0]);
    expect([second.importedCount, second.duplicateCount, second.errorCount]).toEqual([0, 10, 0]);
    expect(await userTransactionCount(user.id)).toBe(10);
    const note = await db().notification.findFirst({ where: { userId: user.id, jobId: second.jobId } });
    expect(note?.title).toBe("Imported 0 transactions: 10 already present");
  });

  it("an overlapping export adds only the new rows; identical purchases on one day all import", async () => {
    const user = await signIn("overlap");
    const january = csv([
      ["01/05/2024", "BLUE BOTTLE COFFEE", "-4.50"],
      ["01/05/2024", "BLUE BOTTLE COFFEE", "-4.50"],
      ["01/06/2024", "GROCER", "-30.00"],
      ["01/07/2024", "SALARY", "2000.00"],
    ]);
    const overlapping = csv([
      ["01/06/2024", "GROCER", "-30.00"],
      ["01/07/2024", "SALARY", "2000.00"],
      ["01/08/2024", "BLUE BOTTLE COFFEE", "-4.50"],
      ["01/09/2024", "RENT", "-1200.00"],
    ]);
    const a = await importFile("jan.csv", january);
    expect(a.importedCount).toBe(4);
    const b = await importFile("jan-overlap.csv", overlapping);
    expect([b.importedCount, b.duplicateCount]).toEqual([2, 2]);
    const rows = await db().transaction.findMany({ where: { userId: user.id }, orderBy: [{ date: "asc" }, { importLine: "asc" }] });
    expect(rows.map((r) => [r.date.toISOString().slice(0, 10), r.description, r.importId === a.id ? "a" : "b"])).toEqual([
      ["2024-01-05", "BLUE BOTTLE COFFEE", "a"],
      ["2024-01-05", "BLUE BOTTLE COFFEE", "a"],
      ["2024-01-06", "GROCER", "a"],
      ["2024-01-07", "SALARY", "a"],
      ["2024-01-08", "BLUE BOTTLE COFFEE", "b"],
      ["2024-01-09", "RENT", "b"],
    ]);
  });

  it("with dedupe off a re-import adds the rows again; accounts keep their rows apart", async () => {
    const user = await signIn("dedupe-off");
    const file = csv([["02/01/2024", "GYM", "-40.00"], ["02/02/2024", "BOOKS", "-12.00"]]);
    await importFile("a.csv", file, { accountName: "Checking" });
    const again = await importFile("a.csv", file, { accountName: "Checking", dedupe: "false" });
    expect([again.dedupe, again.importedCount, again.duplicateCount]).toEqual([false, 2, 0]);
    const card = await importFile("a.csv", file, { accountName: "Credit card" });
    expect(card.importedCount).toBe(2);
    expect(await userTransactionCount(user.id)).toBe(6);
  });

  it("a file imported into an account and uploaded again with No account goes to that account and adds nothing", async () => {
    const user = await signIn("no-account-second");
    const first = await importFile("amex.csv", fixture("amex.csv"), { accountName: "Amex" });
    const second = await importFile("amex.csv", fixture("amex.csv"));
    expect([second.accountName, second.importedCount, second.duplicateCount]).toEqual(["Amex", 0, 10]);
    expect(first.accountName).toBe("Amex");
    expect(await userTransactionCount(user.id)).toBe(10);
  });

  it("a file imported with No account and uploaded again into an account adds nothing", async () => {
    const user = await signIn("no-account-first");
    const first = await importFile("amex.csv", fixture("amex.csv"));
    expect([first.accountName, first.importedCount]).toEqual([null, 10]);
    // No earlier file with these columns: the rows went to the default account.
    const accounts = await db().transaction.findMany({ where: { userId: user.id }, select: { account: { select: { name: true } } } });
    expect(new Set(accounts.map((t) => t.account?.name))).toEqual(new Set(["Cash"]));
    const second = await importFile("amex.csv", fixture("amex.csv"), { accountName: "Amex" });
    expect([second.importedCount, second.duplicateCount]).toEqual([0, 10]);
    // …and a later "No account" upload follows the file to the account it went to last.
    const third = await importFile("amex.csv", fixture("amex.csv"));
    expect([third.accountName, third.importedCount]).toEqual(["Amex", 0]);
    expect(await userTransactionCount(user.id)).toBe(10);
  });

  it("the upload check says when a saved layout skips the preview and where No account goes", async () => {
    await signIn("upload-check");
    const head = fixture("amex.csv");
    const check = () => call(checkRoute, "/api/imports/check", { form: uploadForm("amex.csv", head, { complete: "true" }) });
    expect((await check()).data).toEqual({ skipsPreview: false, noAccountTarget: null, statement: false });

    const uploaded = await upload("amex.csv", head, { accountName: "Amex" });
    expect(uploaded.status).toBe(201);
    const confirmed = await call(confirmRoute, `/api/imports/${uploaded.data.importId}/confirm`, {
      json: { mapping: uploaded.data.preview.mapping },
      params: { id: uploaded.data.importId },
    });
    expect(confirmed.status).toBe(202);
    await waitForJob(confirmed.data.jobId);

    const after = await check();
    expect(after.data).toEqual({ skipsPreview: true, noAccountTarget: { id: expect.any(String), name: "Amex" }, statement: false });
    // The button's promise holds: the next upload of these columns starts without a preview.
    expect((await upload("amex.csv", head)).status).toBe(202);

    // A statement file names its own account: no layout, no preview.
    const ofx = fixture("../statements/ofx1-checking-sgml.txt");
    const statement = await call(checkRoute, "/api/imports/check", { form: uploadForm("bank.txt", ofx, { complete: "true" }) });
    expect(statement.data).toEqual({ skipsPreview: true, noAccountTarget: null, statement: true });
  });
});

describe("undo", () => {
  it("removes exactly the import's rows and the summary follows", async () => {
    const user = await signIn("undo");
    const kept = await importFile("barclays.csv", fixture("barclays.csv"));
    await createTransaction(user.id, { date: "2024-01-15", description: "Cash", amount: -2000n });
    const undone = await importFile("chase-checking.csv", fixture("chase-checking.csv"));
    const before = await userTransactionCount(user.id);
    expect(before).toBe(kept.importedCount + 1 + 20);

    const res = await call(undoRoute, `/api/imports/${undone.id}/undo`, { method: "POST", params: { id: undone.id } });
    expect(res.status).toBe(202);
    await waitForJob(res.data.jobId);
    expect(await userTransactionCount(user.id)).toBe(kept.importedCount + 1);
    expect(await db().transaction.count({ where: { importId: kept.id } })).toBe(kept.importedCount);
    const view = await call(getImportRoute, `/api/imports/${undone.id}`, { params: { id: undone.id } });
    expect(view.data.import).toMatchObject({ status: "undone", undoneAt: expect.any(String) });
    await waitFor("the summary without the undone rows", async () => {
      const s = await getSummary(user.id);
      return s.status === "ready" && s.transactionCount === kept.importedCount + 1;
    });

    const twice = await call(undoRoute, `/api/imports/${undone.id}/undo`, { method: "POST", params: { id: undone.id } });
    expect(twice.status).toBe(409);
  });
});

describe("rows not imported", () => {
  it("are listed by line with their reason and downloadable as spreadsheet-safe CSV", async () => {
    await signIn("issues");
    const file = csv([
      ["02/27/2024", "GROCERY", "-12.00"],
      ["02/30/2024", "GHOST DAY", "-5.00"],
      ["=1+2", "FORMULA", "-3.00"],
      ["02/28/2024", "TYPO", "abc"],
      ["02/29/2024", "LEAP", "-1.00"],
    ]);
    const view = await importFile("issues.csv", file);
    expect([view.importedCount, view.errorCount]).toEqual([2, 3]);
    const res = await call(issuesRoute, `/api/imports/${view.id}/issues?kind=error`, { params: { id: view.id } });
    expect(res.data.issues.map((i: { line: number; kind: string }) => [i.line, i.kind])).toEqual([[3, "error"], [4, "error"], [5, "error"]]);
    expect(res.data.issues[0].reason).toMatch(/02\/30\/2024/);
    expect(res.data.nextCursor).toBeNull();

    const download = await call(issuesCsvRoute, `/api/imports/${view.id}/issues.csv`, { params: { id: view.id } });
    expect(download.status).toBe(200);
    expect(download.headers.get("content-disposition")).toMatch(/^attachment; filename="issues-issues\.csv"$/);
    const lines = (download.data as string).trim().split("\r\n");
    expect(lines[0]).toBe("line,kind,reason,raw");
    expect(lines).toHaveLength(4);
    // The raw line starts with "=": a spreadsheet must show it, not run it.
    expect(lines[2]).toMatch(/^4,error,.*,"'=1\+2,FORMULA,-3\.00"$/);
    expect(lines[3]).toBe('5,error,"amount ""abc"" is not an amount","02/28/2024,TYPO,abc"');
    const note = await db().notification.findFirst({ where: { jobId: view.jobId } });
    expect(note?.title).toBe("Imported 2 transactions: 3 rows with errors");
  });
});

describe("export", () => {
  it("streams the user's transactions as CSV with formula-like cells escaped", async () => {
    const user = await signIn("export");
    for (const [description, amount] of [["=SUM(A1:A9)", -100n], ["+CALL", -200n], ["-MINUS", 300n], ["@AT", -400n], ["Plain, with comma", -500n]] as const) {
      await createTransaction(user.id, { date: "2024-03-01", description, amount });
    }
    await createTransaction(user.id, { date: "2023-12-31", description: "Old", amount: -1n });
    const res = await call(exportRoute, "/api/transactions/export?from=2024-01-01&to=2024-12-31");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="transactions-2024-01-01_to_2024-12-31\.csv"$/);
    const lines = (res.data as string).replace(/^\ufeff/, "").trim().split("\r\n");
    expect(lines[0]).toBe("Date,Description,Payee,Amount,Category,Account");
    // Added by hand without an account: the default "Cash" account.
    expect(lines.slice(1).sort()).toEqual(
      ["2024-03-01,'=SUM(A1:A9),,-1.00,,Cash", "2024-03-01,'+CALL,,-2.00,,Cash", "2024-03-01,'-MINUS,,3.00,,Cash", "2024-03-01,'@AT,,-4.00,,Cash", '2024-03-01,"Plain, with comma",,-5.00,,Cash'].sort(),
    );
    const bad = await call(exportRoute, "/api/transactions/export?from=2024-02-30");
    expect(bad.status).toBe(422);
  });
});

describe("bad input", () => {
  const importsOf = (userId: string) => db().import.count({ where: { userId } });

  it.each([
    ["empty.csv", "empty_file"],
    ["header-only.csv", "no_data_rows"],
    ["not-a-csv.png", "binary_file"],
  ])("%s is refused with 422 %s and nothing is stored", async (name, code) => {
    const user = await signIn(`bad-${name}`);
    const res = await upload(name, fixture(name), { autoConfirm: "true" });
    expect(res.status).toBe(422);
    expect(res.data).toMatchObject({ code, error: expect.any(String) });
    expect(await importsOf(user.id)).toBe(0);
  });

  it("refuses a file over the size limit with 413 naming the limit", async () => {
    const user = await signIn("too-big");
    process.env.IMPORT_MAX_BYTES = "1000";
    (await import("../../lib/env")).resetEnvCache();
    try {
      const res = await upload("big.csv", csv(Array.from({ length: 100 }, (_, i) => ["01/01/2024", `ROW ${i}`, "-1.00"])));
      expect(res.status).toBe(413);
      expect(res.data.error).toMatch(/1000 bytes limit/);
    } finally {
      delete process.env.IMPORT_MAX_BYTES;
      (await import("../../lib/env")).resetEnvCache();
    }
    expect(await importsOf(user.id)).toBe(0);
  });

  it("refuses a many-column row, a missing file, a bad mapping and a mapping naming a missing column", async () => {
    const user = await signIn("bad-fields");
    const wide = `${Array.from({ length: 10_000 }, (_, i) => `c${i}`).join(",")}\n${Array.from({ length: 10_000 }, () => "1").join(",")}\n`;
    const tooWide = await upload("wide.csv", wide);
    expect([tooWide.status, tooWide.data.code]).toEqual([422, "too_many_columns"]);

    const form = new FormData();
    form.set("accountName", "x");
    expect((await call(uploadRoute, "/api/transactions/upload", { form })).status).toBe(422);

    const notJson = await upload("a.csv", csv([["01/01/2024", "A", "-1.00"]]), { mapping: "{nope" });
    expect([notJson.status, notJson.data.code]).toEqual([422, "invalid_mapping"]);

    const detected = (await upload("a.csv", csv([["01/01/2024", "A", "-1.00"]]))).data.preview.mapping;
    const noDate = { ...detected, columns: ["ignore", "description", "amount"] };
    const invalid = await upload("a.csv", csv([["01/01/2024", "A", "-1.00"]]), { mapping: JSON.stringify(noDate) });
    expect(invalid.status).toBe(422);
    expect(invalid.data.problems).toContain("no column is the date");

    const missingColumn = { ...detected, columns: [...detected.columns, "ignore", "category"], columnNames: null, headerRow: null, skipRows: 1 };
    const missing = await upload("a.csv", csv([["01/01/2024", "A", "-1.00"]]), { mapping: JSON.stringify(missingColumn) });
    expect([missing.status, missing.data.code]).toEqual([422, "invalid_mapping"]);
    expect(missing.data.error).toMatch(/column 5/);

    // Only the one upload without a mapping was stored (awaiting confirmation).
    expect(await importsOf(user.id)).toBe(1);
  });

  it("answers 404 for another user's import or account, 409 for the wrong state, 422 for a bad preview mapping", async () => {
    const owner = await signIn("owner");
    const mine = await upload("a.csv", csv([["01/01/2024", "A", "-1.00"]]));
    const id = mine.data.importId;
    const bad = await call(previewPost, `/api/imports/${id}/preview`, { json: { mapping: { version: 2 } }, params: { id } });
    expect(bad.status).toBe(422);
    expect(bad.data.problems).toContain("unknown mapping version (expected 1)");
    expect((await call(undoRoute, `/api/imports/${id}/undo`, { method: "POST", params: { id } })).status).toBe(409);
    const account = await call(createAccountRoute, "/api/accounts", { json: { name: "Savings" } });
    expect(account.status).toBe(201);
    expect((await call(createAccountRoute, "/api/accounts", { json: { name: "Savings" } })).status).toBe(409);

    await signIn("intruder");
    const p = { params: { id } };
    expect((await call(getImportRoute, `/api/imports/${id}`, p)).status).toBe(404);
    expect((await call(previewGet, `/api/imports/${id}/preview`, p)).status).toBe(404);
    expect((await call(confirmRoute, `/api/imports/${id}/confirm`, { ...p, json: {} })).status).toBe(404);
    expect((await call(undoRoute, `/api/imports/${id}/undo`, { ...p, method: "POST" })).status).toBe(404);
    expect((await call(issuesRoute, `/api/imports/${id}/issues`, p)).status).toBe(404);
    expect((await call(issuesCsvRoute, `/api/imports/${id}/issues.csv`, p)).status).toBe(404);
    const theirAccount = account.data.account.id;
    expect((await upload("a.csv", csv([["01/01/2024", "A", "-1.00"]]), { accountId: theirAccount })).status).toBe(404);
    expect((await call(exportRoute, `/api/transactions/export?accountId=${theirAccount}`)).status).toBe(404);
    expect((await call(listImportsRoute, "/api/imports")).data.imports).toEqual([]);
    expect((await call(listImportsRoute, "/api/imports?cursor=%%%")).status).toBe(400);
    expect((await call(issuesRoute, `/api/imports/${id}/issues?kind=other`, p)).status).toBe(422);
    expect(await db().import.count({ where: { userId: owner.id } })).toBe(1);
  });

  it("a file error past the preview fails the import and imports nothing", async () => {
    const user = await signIn("late-error");
    const rows = Array.from({ length: 12_000 }, (_, i) => `01/${String((i % 28) + 1).padStart(2, "0")}/2024,PURCHASE NUMBER ${i},-1.00`);
    // An invalid UTF-8 byte far past the part the upload checks.
    const text = Buffer.from(`Date,Description,Amount\n${rows.join("\n")}\n`);
    const broken = Buffer.concat([text, Buffer.from("01/02/2024,CAF"), Buffer.from([0xff]), Buffer.from(",-2.00\n")]);
    const res = await upload("broken.csv", new Uint8Array(broken), { autoConfirm: "true" });
    expect(res.status).toBe(202);
    await waitForJob(res.data.jobId, ["failed"], 30_000);
    const view = (await call(getImportRoute, `/api/imports/${res.data.importId}`, { params: { id: res.data.importId } })).data.import;
    expect(view.status).toBe("failed");
    expect(view.error).toMatch(/line 12002/i);
    expect(view.importedCount).toBe(0);
    expect(await userTransactionCount(user.id)).toBe(0);
  });
});

describe("a currency column", () => {
  it("is read: a row in another currency than the account's is a row error, never added", async () => {
    const user = await signIn("currency-column");
    const file = "Date,Description,Amount,Currency\n2024-05-01,Coffee,-4.50,USD\n2024-05-02,Hotel Paris,-120.00,EUR\n2024-05-03,Pay,2000.00,usd\n";
    const view = await importFile("with-currency.csv", file);
    expect(view).toMatchObject({ status: "completed", importedCount: 2, errorCount: 1 });
    expect(await importedTotals(view.id)).toEqual([2, "2000.00", "-4.50", "2024-05-01", "2024-05-03"]);
    const issues = await db().importRowIssue.findMany({ where: { importId: view.id } });
    expect(issues).toEqual([expect.objectContaining({ line: 3, kind: "error", reason: expect.stringMatching(/in EUR but the account is in USD/) })]);
    expect(await userTransactionCount(user.id)).toBe(2);
  });
});
