import type { ReactNode } from "react";

// The app's tables of rows (imports, jobs, an import's preview and issues, transactions): a
// caption for screen readers, a header row of columns, and the rows. A column's class says where it shows (hidden on a
// phone: "hidden … sm:table-cell") and its padding.

export interface ListColumn {
  /** Shown in the header; a column of buttons names itself for screen readers only. */
  label: string;
  className: string;
  srOnly?: boolean;
  /** Drawn instead of the label (a "select all" checkbox); the label still keys the column. */
  header?: ReactNode;
}

export function ListTable({ testId, caption, columns, children }: { testId?: string; caption: ReactNode; columns: (ListColumn | null)[]; children: ReactNode }) {
  return (
    <table className="w-full table-auto border-collapse" data-testid={testId}>
      <caption className="sr-only">{caption}</caption>
      <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
        <tr>
          {columns.map((column) =>
            column ? (
              <th key={column.label} scope="col" className={column.className}>
                {column.header ?? (column.srOnly ? <span className="sr-only">{column.label}</span> : column.label)}
              </th>
            ) : null,
          )}
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">{children}</tbody>
    </table>
  );
}
