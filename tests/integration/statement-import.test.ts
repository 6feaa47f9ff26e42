// Statement files (OFX/QFX/QBO, QIF, CAMT.053 and a zip of them, MT940) through the real upload
// route, the csv-import job in a worker, and the accounts API: accounts picked or created by
// the file's account numbers, bank ids as fingerprints, cross-format dedupe, the balance proof.

import { readFileSync } from "node:fs";
import path from "node:path";
import { strToU8, zipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as getAccountRoute, PATCH as patchAccountRoute } from "../../app/api/accounts/[id]/route";
import { GET as listAccountsRoute, POST as createAccountRoute } from "../../app/api/accounts/route";
import { GET as getImportRoute } from "../../app/api/imports/[id]/route";
import { POST as undoRoute } from "../../app/api/imports/[id]/undo/route";
import { POST as uploadRoute } from "../../app/api/transactions/upload/route";
import { db } from "../../lib/db";
import { QUEUE } from "../../lib/jobs/job-names";
import { startWorker, type RunningWorker } from "../../lib/worker/start-worker";
import { createTransaction, deleteTransaction, updateTransaction } from "../../lib/transactions/transactions";
import { listTransactions } from "../../lib/transactions/list-transactions";
import { createUser, setupIntegration, waitForJob, type IntegrationEnv } from "../helpers/integration";
import { call, csv, uploadForm } from "./import-helpers";

const session = vi.hoisted(() => ({ user: null as null | { id: string; role: string } }));
vi.mock("next-auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next-auth")>()),
  getServerSession: async () => (session.user ? { user: session.user } : null),
}));

const STATEMENTS = path.resolve(__dirname, "../fixtures/statements");
const statement = (name: string) => readFileSync(path.join(STATEMENTS, name));

let env: IntegrationEnv;
let worker: RunningWorker;

beforeAll(async () => {
  env = await setupIntegration("statement-import", { RATE_LIMIT_PER_MINUTE: "0" });
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

async function importFile(name: string, bytes: Uint8Array | string, fields: Record<string, string> = {}) {
  const res = await call(uploadRoute, "/api/transactions/upload", { form: uploadForm(name, bytes, fields) });
  expect(res.status, JSON.stringify(res.data)).toBe(202);
  await waitForJob(res.data.jobId, ["completed"], 30_000);
  return (await call(getImportRoute, `/api/imports/${res.data.importId}`, { params: { id: res.data.importId } })).data.import;
}

const accounts = async () => (await call(listAccountsRoute, "/api/accounts")).data.accounts as Record<string, unknown>[];

describe("statement uploads", () => {
  it("imports an OFX named .txt into a new account found by ACCTID, proves LEDGERBAL, and adds nothing on a re-import", async () => {
    await signIn("ofx");
    const first = await importFile("export.txt", statement("ofx1-checking-sgml.txt"));
    expect(first).toMatchObject({ format: "ofx", status: "completed", importedCount: 4, duplicateCount: 0, skippedCount: 0 });
    expect(first.balanceCheck).toMatchObject({ statementOpening: "1500.00", statementClosing: "3772.45", accountBalanceAfter: "3772.45", matches: true, difference: "0.00", likelyMissing: [] });
    const [account] = await accounts();
    expect(account).toMatchObject({
      name: "Example Bank …6789",
      number: "123456789",
      type: "checking",
      currency: "USD",
      balance: "3772.45",
      openingBalance: "1500.00",
      transactionCount: 4,
      lastStatement: { date: "2024-01-31", closingBalance: "3772.45", matches: true, difference: "0.00" },
    });

    // A one-account file becomes that account's import (its last import on the accounts page).
    expect(account.lastImportAt).not.toBeNull();
    expect((await call(getImportRoute, `/api/imports/${first.id}`, { params: { id: first.id } })).data.import.accountName).toBe("Example Bank …6789");

    const again = await importFile("export-again.ofx", statement("ofx1-checking-sgml.txt"));
    expect(again).toMatchObject({ importedCount: 0, duplicateCount: 4 });
    expect(again.balanceCheck).toMatchObject({ matches: true });
  });

  it("sends each account of a QBO to its own account and proves both", async () => {
    await signIn("qbo");
    const done = await importFile("quickbooks.qbo", statement("qbo-two-accounts.qbo"));
    expect(done.importedCount).toBe(4);
    expect(done.balanceCheck.accounts.map((a: { statementClosing: string; matches: boolean }) => [a.statementClosing, a.matches])).toEqual([
      ["5970.00", true],
      ["10050.42", true],
    ]);
    expect((await accounts()).map((a) => [a.number, a.type, a.balance])).toEqual([
      ["111222333", "checking", "5970.00"],
      ["999888777", "savings", "10050.42"],
    ]);
  });

  it("records every account of a multi-account file on the import, the first as its account, and each account's last import", async () => {
    await signIn("qbo-accounts");
    const done = await importFile("quickbooks.qbo", statement("qbo-two-accounts.qbo"));
    const listed = await accounts();
    const byNumber = new Map(listed.map((a) => [a.number, a]));
    expect(done.accounts).toEqual([
      { id: byNumber.get("111222333")!.id, name: byNumber.get("111222333")!.name },
      { id: byNumber.get("999888777")!.id, name: byNumber.get("999888777")!.name },
    ]);
    expect(done.accountId).toBe(byNumber.get("111222333")!.id);
    expect(listed.map((a) => a.lastImportAt)).toEqual([done.completedAt, done.completedAt]);
  });

  it("gives the account its earlier statement back when the later import is undone, and its opening balance when the first is", async () => {
    await signIn("undo-statement");
    const [january, later] = statement("mt940-german-two-statements.sta").toString().split(/^-\r?\n/m);
    const first = await importFile("first.sta", `${january}-\n`);
    const second = await importFile("second.sta", `${later}-\n`);
    expect((await accounts())[0]).toMatchObject({ balance: "2988.00", openingBalance: "1000.00", lastStatement: { date: "2024-01-08", closingBalance: "2988.00", matches: true } });

    const undo = async (id: string) => {
      const res = await call(undoRoute, `/api/imports/${id}/undo`, { method: "POST", params: { id } });
      expect(res.status).toBe(202);
      await waitForJob(res.data.jobId);
    };
    await undo(second.id);
    expect((await accounts())[0]).toMatchObject({
      balance: "2954.30",
      transactionCount: 2,
      lastStatement: { date: "2024-01-03", closingBalance: "2954.30", matches: true, difference: "0.00" },
    });
    await undo(first.id);
    expect((await accounts())[0]).toMatchObject({ balance: "0.00", openingBalance: "0.00", openingDate: null, transactionCount: 0, lastStatement: null, lastImportAt: null });
  });

  it("keeps the newer statement when an older import is undone", async () => {
    await signIn("undo-older");
    const [january, later] = statement("mt940-german-two-statements.sta").toString().split(/^-\r?\n/m);
    const first = await importFile("first.sta", `${january}-\n`);
    await importFile("second.sta", `${later}-\n`);
    const res = await call(undoRoute, `/api/imports/${first.id}/undo`, { method: "POST", params: { id: first.id } });
    await waitForJob(res.data.jobId);
    // As if the first had never come: the second statement's opening starts the account, and it agrees.
    expect((await accounts())[0]).toMatchObject({
      openingBalance: "2954.30",
      openingDate: "2024-01-04",
      balance: "2988.00",
      lastStatement: { date: "2024-01-08", closingBalance: "2988.00", matches: true },
    });
  });

  it("keeps each account's running balance and count through adds, edits, moves and deletes", async () => {
    const user = await signIn("running-balance");
    const a = (await call(createAccountRoute, "/api/accounts", { json: { name: "A", openingBalance: "100.00" } })).data.account.id as string;
    const b = (await call(createAccountRoute, "/api/accounts", { json: { name: "B" } })).data.account.id as string;
    const one = await createTransaction(user.id, { date: "2024-03-01", description: "one", amount: -1000n, accountId: a });
    await createTransaction(user.id, { date: "2024-03-02", description: "two", amount: 2550n, accountId: a });
    const three = await createTransaction(user.id, { date: "2024-03-03", description: "three", amount: -5n, accountId: b });
    await updateTransaction(user.id, one.transaction.id, { amount: -1200n });
    await updateTransaction(user.id, three.transaction.id, { accountId: a, description: "moved" });
    await updateTransaction(user.id, one.transaction.id, { description: "renamed only" });
    await deleteTransaction(user.id, one.transaction.id);
    const byName = new Map((await accounts()).map((x) => [x.name, x]));
    expect(byName.get("A")).toMatchObject({ balance: "125.45", transactionCount: 2 });
    expect(byName.get("B")).toMatchObject({ balance: "0.00", transactionCount: 0 });
    // The kept totals equal a fresh aggregate over the rows.
    const fresh = await db().$queryRaw<{ id: string; total: string; n: bigint }[]>`
      SELECT a.id, COALESCE(sum(t."amountMinor"), 0)::text AS total, count(t.id) AS n FROM "FinancialAccount" a
        LEFT JOIN "Transaction" t ON t."accountId" = a.id WHERE a."userId" = ${user.id} GROUP BY a.id`;
    const kept = await db().financialAccount.findMany({ where: { userId: user.id }, select: { id: true, transactionsSumMinor: true, transactionCount: true } });
    expect(kept.map((k) => [k.id, k.transactionsSumMinor.toString(), k.transactionCount]).sort()).toEqual(fresh.map((f) => [f.id, f.total, f.n]).sort());
  });

  it("matches across formats: the same days as a CSV into the OFX's account add only the row the OFX lacks", async () => {
    await signIn("cross");
    await importFile("bank.ofx", statement("ofx1-checking-sgml.txt"));
    const [account] = await accounts();
    const sameDays = csv([
      ["01/03/2024", "Coffee Roasters", "-45.20"],
      ["01/05/2024", "Acme payroll", "2500.00"],
      ["01/10/2024", "Check 1043", "-120.00"],
      ["01/15/2024", "Grocery Mart", "-62.35"],
      ["01/16/2024", "Book shop", "-9.99"],
    ]);
    const fromCsv = await importFile("bank.csv", sameDays, { accountId: account.id as string, autoConfirm: "true" });
    expect(fromCsv).toMatchObject({ format: "csv", importedCount: 1, duplicateCount: 4 });
    // And the other way: the OFX again after the CSV adds nothing (its FITIDs are known).
    expect((await importFile("bank-again.ofx", statement("ofx1-checking-sgml.txt"))).importedCount).toBe(0);
    expect((await accounts())[0]).toMatchObject({ balance: "3762.46", transactionCount: 5 });
  });

  it("imports CAMT.053 as a zip of two files, batch itemized, pending skipped, both IBANs proved", async () => {
    await signIn("camt");
    const zip = zipSync({
      "april.xml": new Uint8Array(statement("camt053-v02-batch-reversal.xml")),
      "notes.txt": strToU8("not read"),
      "may.xml": new Uint8Array(statement("camt053-v08-two-days.xml")),
    });
    const done = await importFile("statements.zip", zip);
    expect(done).toMatchObject({ format: "camt053", importedCount: 9, skippedCount: 1 });
    expect(done.balanceCheck.accounts.map((a: { closingDate: string; statementClosing: string; matches: boolean }) => [a.closingDate, a.statementClosing, a.matches])).toEqual([
      ["2024-04-30", "2755.30", true],
      ["2024-05-02", "-212.50", true],
    ]);
    // Named after the bank (BIC) and the number's last digits.
    expect((await accounts()).map((a) => [a.name, a.currency, a.balance])).toEqual([
      ["BUKBGB22 …5555", "GBP", "-212.50"],
      ["COBADEFFXXX …3000", "EUR", "2755.30"],
    ]);
  });

  it("shows the gap when an MT940 :61: cannot be read: the error row, the difference, and the statement's dates", async () => {
    await signIn("mt940");
    const broken = statement("mt940-german-two-statements.sta").toString().replace(":61:2401080108D12,00NMSCNONREF", ":61:2401080108X12.00NMSCNONREF");
    const done = await importFile("konto.sta", broken);
    expect(done).toMatchObject({ format: "mt940", importedCount: 3, errorCount: 1 });
    expect(done.balanceCheck).toMatchObject({ statementClosing: "2988.00", accountBalanceAfter: "3000.00", matches: false, difference: "12.00" });
    expect(done.balanceCheck.likelyMissing).toEqual([
      expect.objectContaining({ from: "2024-01-05", to: "2024-01-08", difference: "-12.00" }),
    ]);
    expect((await accounts())[0]).toMatchObject({ lastStatement: { date: "2024-01-08", closingBalance: "2988.00", matches: false, difference: "12.00" } });
  });

  it("proves a CSV by its running-balance column and names where the balance jumps", async () => {
    await signIn("csv-balance");
    const text = [
      "Date,Description,Amount,Balance",
      "03/01/2024,Opening coffee,-10.00,90.00",
      "03/02/2024,Bakery,-5.00,85.00",
      // 20.00 paid on 3 March is not in this file.
      "03/04/2024,Newsagent,-1.00,64.00",
      "03/05/2024,Refund,2.00,66.00",
    ].join("\n");
    const done = await importFile("running.csv", `${text}\n`, { accountName: "Current", autoConfirm: "true" });
    expect(done.balanceCheck).toMatchObject({ statementOpening: "100.00", statementClosing: "66.00", accountBalanceAfter: "86.00", matches: false, difference: "20.00" });
    expect(done.balanceCheck.likelyMissing).toEqual([expect.objectContaining({ from: "2024-03-02", to: "2024-03-04", difference: "-20.00" })]);
  });

  it("imports a QIF into the chosen account with its split parts", async () => {
    await signIn("qif");
    const created = await call(createAccountRoute, "/api/accounts", { json: { name: "Checking", type: "checking", currency: "usd", openingBalance: "1500.00", openingDate: "2023-12-31" } });
    expect(created.status).toBe(201);
    expect(created.data.account).toMatchObject({ currency: "USD", openingBalance: "1500.00", openingDate: "2023-12-31", balance: "1500.00" });
    const done = await importFile("quicken.qif", statement("qif-bank-us.qif"), { accountId: created.data.account.id });
    expect(done).toMatchObject({ format: "qif", importedCount: 5, skippedCount: 1, balanceCheck: null });
    expect((await accounts())[0]).toMatchObject({ balance: "3297.84" });
  });

  it("refuses a truncated CAMT, a wrong OFX header and an unknown CAMT version in words, storing nothing", async () => {
    const user = await signIn("bad");
    const camt = statement("camt053-v02-batch-reversal.xml").toString();
    for (const [name, bytes, pattern] of [
      ["cut.xml", camt.slice(0, camt.indexOf("<AcctSvcrRef>REF003")), /entry \(Ntry\) that starts on line 56.*cut short/],
      ["v12.xml", camt.replace("camt.053.001.02", "camt.053.001.12"), /001\.12.*001\.02 to 001\.08/],
      ["header.ofx", statement("ofx1-checking-sgml.txt").toString().replace("OFXHEADER:100", "OFXHEADER:200"), /OFXHEADER:200/],
    ] as const) {
      const res = await call(uploadRoute, "/api/transactions/upload", { form: uploadForm(name, bytes) });
      expect(res.status, name).toBe(422);
      expect(res.data.error).toMatch(pattern);
    }
    expect(await db().import.count({ where: { userId: user.id } })).toBe(0);
  });
});

describe("accounts", () => {
  it("puts a transaction added by hand in the default Cash account or the one chosen, and lists it with its account", async () => {
    const user = await signIn("manual");
    await createTransaction(user.id, { date: "2024-03-01", description: "Coffee", amount: -350n });
    const card = await call(createAccountRoute, "/api/accounts", { json: { name: "Card", type: "credit_card" } });
    await createTransaction(user.id, { date: "2024-03-02", description: "Books", amount: -1200n, accountId: card.data.account.id });
    const { transactions } = await listTransactions(user.id, { limit: 10 });
    expect(transactions.map((t) => [t.description, t.accountName])).toEqual([
      ["Books", "Card"],
      ["Coffee", "Cash"],
    ]);
    expect((await accounts()).map((a) => [a.name, a.type, a.balance])).toEqual([
      ["Card", "credit_card", "-12.00"],
      ["Cash", "cash", "-3.50"],
    ]);
  });

  it("creates one default account when a user's first entries arrive at once", async () => {
    const user = await signIn("burst");
    await Promise.all(Array.from({ length: 10 }, (_, i) => createTransaction(user.id, { date: "2024-03-01", description: `at once ${i}`, amount: -100n })));
    expect((await accounts()).map((a) => [a.name, a.transactionCount])).toEqual([["Cash", 10]]);
  });

  it("edits an account, archives it, and answers 404 for another user's", async () => {
    await signIn("editor");
    const created = await call(createAccountRoute, "/api/accounts", { json: { name: "Old name" } });
    const id = created.data.account.id as string;
    const patched = await call(patchAccountRoute, `/api/accounts/${id}`, { method: "PATCH", json: { name: "Savings", type: "savings", archived: true, openingBalance: "10.05" }, params: { id } });
    expect(patched.status).toBe(200);
    expect(patched.data.account).toMatchObject({ name: "Savings", type: "savings", archived: true, balance: "10.05" });
    expect((await call(patchAccountRoute, `/api/accounts/${id}`, { method: "PATCH", json: { currency: "dollars" }, params: { id } })).status).toBe(422);
    await signIn("stranger");
    expect((await call(getAccountRoute, `/api/accounts/${id}`, { params: { id } })).status).toBe(404);
    expect((await call(patchAccountRoute, `/api/accounts/${id}`, { method: "PATCH", json: { name: "Mine" }, params: { id } })).status).toBe(404);
  });

  it("keeps yen whole and dinar to three decimals from the file to the accounts API", async () => {
    await signIn("minor-units");
    // An MT940 in Kuwaiti dinar: the account is created in KWD and proved with three decimals.
    const kwd = await importFile("konto.sta", statement("mt940-german-two-statements.sta").toString().replaceAll("EUR", "KWD"));
    expect(kwd.balanceCheck).toMatchObject({ statementClosing: "2988.000", accountBalanceAfter: "2988.000", matches: true, difference: "0.000" });
    expect((await accounts())[0]).toMatchObject({ currency: "KWD", balance: "2988.000", openingBalance: "1000.000", lastStatement: { closingBalance: "2988.000", matches: true } });

    // A yen account made by hand; a CSV into it reads whole yen and refuses a fraction of one.
    const created = await call(createAccountRoute, "/api/accounts", { json: { name: "Tokyo", currency: "jpy", openingBalance: "10000" } });
    expect(created.status).toBe(201);
    expect(created.data.account).toMatchObject({ currency: "JPY", openingBalance: "10000", balance: "10000" });
    const jpyId = created.data.account.id as string;
    const refused = await call(createAccountRoute, "/api/accounts", { json: { name: "Osaka", currency: "JPY", openingBalance: "12.50" } });
    expect(refused.status).toBe(422);
    expect(refused.data.fields.openingBalance).toEqual(["JPY has no decimals: use a whole amount like 1200"]);
    const yen = await importFile("yen.csv", csv([["01/05/2024", "Ramen", "\"-1,500\""], ["01/06/2024", "Half", "-1.50"], ["01/25/2024", "Salary", "250000"]]), { accountId: jpyId, autoConfirm: "true" });
    expect(yen).toMatchObject({ importedCount: 2, errorCount: 1 });
    expect((await accounts()).find((a) => a.id === jpyId)).toMatchObject({ balance: "258500", transactionCount: 2 });

    // Its currency cannot turn 1,500 yen into 15.00 dollars; a name or number taken is said in words.
    const toUsd = await call(patchAccountRoute, `/api/accounts/${jpyId}`, { method: "PATCH", json: { currency: "USD" }, params: { id: jpyId } });
    expect(toUsd.status).toBe(422);
    expect(toUsd.data.fields.currency[0]).toContain("only change to a currency with the same decimals");
    const kwdId = (await accounts()).find((a) => a.currency === "KWD")!.id as string;
    const taken = await call(patchAccountRoute, `/api/accounts/${jpyId}`, { method: "PATCH", json: { number: "0532013000" }, params: { id: jpyId } });
    expect(taken.status).toBe(409);
    expect(taken.data.fields.number).toEqual(["Another of your accounts already has the number 0532013000"]);
    const number = await call(patchAccountRoute, `/api/accounts/${jpyId}`, { method: "PATCH", json: { number: "jp12 3456 7890", institution: "Example Bank" }, params: { id: jpyId } });
    expect(number.data.account).toMatchObject({ number: "JP1234567890", institution: "Example Bank" });
    expect(kwdId).not.toBe(jpyId);
  });
});
