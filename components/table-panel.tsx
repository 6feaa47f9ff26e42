import type { ReactNode } from "react";

// A white panel holding a table or list (imports, rules, an import's columns, preview and
// issues): its heading, an optional line under it, something on the right (a count, a status,
// a download link), then the rows edge to edge.

export function TablePanel({
  headingId,
  title,
  description,
  aside,
  testId,
  children,
}: {
  headingId: string;
  title: ReactNode;
  description?: ReactNode;
  aside?: ReactNode;
  testId?: string;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={headingId} className="overflow-hidden rounded-2xl border border-slate-200 bg-white shadow-sm" data-testid={testId}>
      <div className="flex flex-wrap items-center justify-between gap-x-3 gap-y-2 border-b border-slate-200 px-4 py-3">
        <div>
          <h2 id={headingId} className="text-base font-semibold text-slate-900">
            {title}
          </h2>
          {description ? <p className="mt-0.5 text-sm text-slate-600">{description}</p> : null}
        </div>
        {aside}
      </div>
      {children}
    </section>
  );
}
