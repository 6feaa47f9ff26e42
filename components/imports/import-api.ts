import type { ColumnRole, ImportMapping } from "@/lib/finance/csv/csv-types";
import type { AccountView } from "@/lib/imports/accounts";
import type { IssueView } from "@/lib/imports/import-issues";
import type { ImportView } from "@/lib/imports/import-view";
import type { Preview, PreviewColumn, PreviewRow, PreviewSummary } from "@/lib/imports/preview-import";
import type { UploadCheck } from "@/lib/imports/upload-import";

// Browser-side calls to the import API. Money is a decimal string ("-12.34"), dates are
// "YYYY-MM-DD". Errors come back as ImportApiError: the route's message, its code
// (`empty_file`, `binary_file`, `invalid_mapping`, …) and, for a mapping that cannot be
// read, the problems in words.

export type { ColumnRole, ImportMapping };

// The answers' shapes are the server's own view types (type-only imports: nothing of lib/
// reaches the browser bundle).
export type { ImportView, PreviewColumn, PreviewRow, PreviewSummary, UploadCheck };
export type ImportStatus = ImportView["status"];
export type ImportPreview = Preview;
export type DetectionWarningView = Preview["detection"]["warnings"][number];
export type RowIssueView = IssueView;
export type Account = AccountView;

/** A problem the API names in a mapping: a sentence, or a field path with a message. */
export type MappingProblem = string | { path?: string | (string | number)[]; field?: string; message: string };

export interface ImportApiError {
  ok: false;
  status: number;
  message: string;
  code?: string;
  issues?: MappingProblem[];
  fields?: Record<string, string[]>;
}

export type ImportApiResult<T> = { ok: true; status: number; data: T } | ImportApiError;

const NETWORK_ERROR = "We couldn't reach the server. Check your connection and try again.";

async function toResult<T>(res: Response): Promise<ImportApiResult<T>> {
  if (res.status === 401) return { ok: false, status: 401, message: "Your session has ended. Please sign in again." };
  const data = (await res.json().catch(() => null)) as unknown;
  if (res.ok) return { ok: true, status: res.status, data: data as T };
  const body = (data && typeof data === "object" ? data : {}) as {
    message?: unknown;
    error?: unknown;
    code?: unknown;
    issues?: unknown;
    problems?: unknown;
    fields?: unknown;
  };
  // Routes answer { error: code, message } (handle-route) or { error: message, code }.
  const message =
    typeof body.message === "string" && body.message
      ? body.message
      : typeof body.error === "string" && body.error.includes(" ")
        ? body.error
        : res.status === 413
          ? "The file is too large to import."
          : `Something went wrong (HTTP ${res.status}).`;
  const code = typeof body.code === "string" ? body.code : typeof body.error === "string" && !body.error.includes(" ") ? body.error : undefined;
  return {
    ok: false,
    status: res.status,
    message,
    code,
    // An unusable mapping lists its problems (`problems`; `issues` in older answers).
    issues: Array.isArray(body.problems) ? (body.problems as MappingProblem[]) : Array.isArray(body.issues) ? (body.issues as MappingProblem[]) : undefined,
    fields: body.fields && typeof body.fields === "object" ? (body.fields as Record<string, string[]>) : undefined,
  };
}

async function call<T>(method: string, url: string, body?: unknown, signal?: AbortSignal): Promise<ImportApiResult<T>> {
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      cache: "no-store",
      signal,
      headers: body === undefined ? { accept: "application/json" } : { accept: "application/json", "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === "AbortError") throw err;
    return { ok: false, status: 0, message: NETWORK_ERROR };
  }
  return toResult<T>(res);
}

const enc = encodeURIComponent;

export type UploadAnswer =
  /** 202: a template matched (or autoConfirm): the job is already queued. */
  | { importId: string; jobId: string; import: ImportView; preview?: undefined }
  /** 201: waiting for the user to check the preview and confirm. */
  | { importId: string; import: ImportView; preview: ImportPreview; jobId?: undefined };

export interface UploadInput {
  file: File;
  accountId?: string | null;
  accountName?: string | null;
  dedupe: boolean;
}

export async function uploadFile(input: UploadInput): Promise<ImportApiResult<UploadAnswer>> {
  const form = new FormData();
  form.set("file", input.file, input.file.name);
  if (input.accountId) form.set("accountId", input.accountId);
  else if (input.accountName) form.set("accountName", input.accountName);
  if (!input.dedupe) form.set("dedupe", "false");
  let res: Response;
  try {
    res = await fetch("/api/transactions/upload", { method: "POST", body: form, headers: { accept: "application/json" } });
  } catch {
    return { ok: false, status: 0, message: NETWORK_ERROR };
  }
  return toResult<UploadAnswer>(res);
}

// The server reads only the start of a file to detect its layout (PREVIEW_HEAD_BYTES).
const CHECK_HEAD_BYTES = 256 * 1024;

/** What uploading this file would do: skip the preview (a saved layout), where "No account" goes. */
export async function checkUploadFile(file: File, signal?: AbortSignal): Promise<ImportApiResult<UploadCheck>> {
  const form = new FormData();
  form.set("file", file.slice(0, CHECK_HEAD_BYTES), file.name);
  if (file.size <= CHECK_HEAD_BYTES) form.set("complete", "true");
  let res: Response;
  try {
    res = await fetch("/api/imports/check", { method: "POST", body: form, signal, headers: { accept: "application/json" } });
  } catch (err) {
    if (err instanceof DOMException && err.name === "AbortError") throw err;
    return { ok: false, status: 0, message: NETWORK_ERROR };
  }
  return toResult<UploadCheck>(res);
}

export function fetchImports(cursor?: string | null) {
  const qs = cursor ? `?${new URLSearchParams({ cursor })}` : "";
  return call<{ imports: ImportView[]; nextCursor: string | null }>("GET", `/api/imports${qs}`);
}

export function fetchImport(id: string) {
  return call<{ import: ImportView }>("GET", `/api/imports/${enc(id)}`);
}

export function fetchPreview(id: string) {
  return call<ImportPreview>("GET", `/api/imports/${enc(id)}/preview`);
}

/** Reads the file again with edited settings; nothing is saved. */
export function previewWithMapping(id: string, mapping: ImportMapping, signal?: AbortSignal) {
  return call<ImportPreview>("POST", `/api/imports/${enc(id)}/preview`, { mapping }, signal);
}

export function postImportConfirm(id: string, body: { mapping?: ImportMapping; dedupe?: boolean }) {
  return call<{ jobId: string; import?: ImportView }>("POST", `/api/imports/${enc(id)}/confirm`, body);
}

export function undoImport(id: string) {
  return call<{ jobId: string }>("POST", `/api/imports/${enc(id)}/undo`);
}

export function fetchIssues(id: string, kind: "error" | "skipped", cursor?: string | null) {
  const qs = new URLSearchParams({ kind });
  if (cursor) qs.set("cursor", cursor);
  return call<{ issues: RowIssueView[]; nextCursor: string | null }>("GET", `/api/imports/${enc(id)}/issues?${qs}`);
}

export function issuesCsvUrl(id: string): string {
  return `/api/imports/${enc(id)}/issues.csv`;
}

export function fetchAccounts() {
  return call<{ accounts: Account[] }>("GET", "/api/accounts");
}

export function exportUrl(query: { from?: string; to?: string; accountId?: string }): string {
  const qs = new URLSearchParams();
  if (query.from) qs.set("from", query.from);
  if (query.to) qs.set("to", query.to);
  if (query.accountId) qs.set("accountId", query.accountId);
  const s = qs.toString();
  return `/api/transactions/export${s ? `?${s}` : ""}`;
}

/** A mapping problem as one sentence. */
export function problemText(p: MappingProblem): string {
  const where = typeof p === "string" ? null : Array.isArray(p.path) ? p.path.join(".") : (p.path ?? p.field);
  const text = typeof p === "string" ? p : where && !p.message.toLowerCase().includes(String(where).toLowerCase()) ? `${where}: ${p.message}` : p.message;
  // The API's problems are clauses ("no column is the date"): shown as sentences.
  return text ? text.charAt(0).toUpperCase() + text.slice(1) : text;
}
