"use client";

import { useId, useState } from "react";
import { exportUrl } from "./import-api";

// Export transactions back to CSV: an optional date range, then a plain download link (the
// browser streams the file; cells a spreadsheet would run as formulas come escaped).

const inputClass =
  "mt-1 block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-base tabular-nums shadow-sm outline-none focus:border-indigo-500 focus:ring-2 focus:ring-indigo-200 sm:text-sm";

export function ExportCard() {
  const uid = useId();
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const reversed = Boolean(from && to && from > to);

  return (
    <section aria-labelledby={`${uid}-title`} className="rounded-2xl border border-slate-200 bg-white p-4 shadow-sm sm:p-5" data-testid="export-card">
      <h2 id={`${uid}-title`} className="text-base font-semibold text-slate-900">
        Export transactions
      </h2>
      <p className="mt-1 text-sm text-slate-600">Download your transactions as CSV. Leave the dates empty to export everything.</p>
      <div className="mt-3 flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor={`${uid}-from`} className="block text-sm font-medium text-slate-700">
            From
          </label>
          <input id={`${uid}-from`} type="date" value={from} onChange={(e) => setFrom(e.target.value)} className={inputClass} />
        </div>
        <div>
          <label htmlFor={`${uid}-to`} className="block text-sm font-medium text-slate-700">
            To
          </label>
          <input id={`${uid}-to`} type="date" value={to} onChange={(e) => setTo(e.target.value)} className={inputClass} />
        </div>
        {reversed ? (
          <p role="alert" className="pb-2 text-sm text-red-800">
            “From” is after “To”.
          </p>
        ) : (
          <a
            href={exportUrl({ from: from || undefined, to: to || undefined })}
            download
            className="rounded-lg border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-700 shadow-sm hover:bg-slate-50"
            data-testid="export-link"
          >
            Export CSV
          </a>
        )}
      </div>
    </section>
  );
}
