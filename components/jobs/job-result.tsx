import { formatDateTime, humanizeKey } from "./job-format";

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

// A job's result, readable: a flat object becomes a list of "Label: value" pairs (nested
// values as indented JSON), anything else is shown as formatted JSON.

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function Scalar({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <span className="text-slate-400">—</span>;
  if (typeof value === "number") return <span className="tabular-nums">{value.toLocaleString("en-US")}</span>;
  if (typeof value === "boolean") return <>{value ? "Yes" : "No"}</>;
  if (typeof value === "string" && ISO_TIMESTAMP.test(value)) return <>{formatDateTime(value)}</>;
  if (typeof value === "string") return <span className="break-words">{value || <span className="text-slate-400">(empty)</span>}</span>;
  return (
    <pre className="mt-1 max-h-48 overflow-auto whitespace-pre-wrap break-words rounded-lg bg-slate-50 p-2 font-mono text-xs text-slate-800">
      {JSON.stringify(value, null, 2)}
    </pre>
  );
}

export function JobResult({ result }: { result: unknown }) {
  if (result === null || result === undefined) return null;
  if (isPlainObject(result)) {
    const entries = Object.entries(result);
    if (entries.length === 0) return <p className="text-sm text-slate-500">No details.</p>;
    return (
      <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm" data-testid="job-result">
        {entries.map(([key, value]) => (
          <div key={key} className="contents">
            <dt className="text-slate-500">{humanizeKey(key)}</dt>
            <dd className="min-w-0 text-slate-900">
              <Scalar value={value} />
            </dd>
          </div>
        ))}
      </dl>
    );
  }
  return (
    <div className="text-sm text-slate-900" data-testid="job-result">
      <Scalar value={result} />
    </div>
  );
}
