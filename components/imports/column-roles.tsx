"use client";

import type { ColumnRole, ImportMapping, PreviewColumn } from "./import-api";
import { ListTable } from "@/components/list-table";

// The file's columns as detected: a role <select> per column and a few sample values, so the
// user can see what each column holds while choosing what it means.

export const ROLE_OPTIONS: { value: ColumnRole; label: string }[] = [
  { value: "date", label: "Date" },
  { value: "description", label: "Description" },
  { value: "payee", label: "Payee" },
  { value: "amount", label: "Amount" },
  { value: "debit", label: "Debit (money out)" },
  { value: "credit", label: "Credit (money in)" },
  { value: "direction", label: "Direction (in/out)" },
  { value: "fee", label: "Fee" },
  { value: "category", label: "Category" },
  { value: "balance", label: "Balance" },
  { value: "status", label: "Status" },
  { value: "currency", label: "Currency" },
  { value: "ignore", label: "Ignore" },
];

/** Values a direction column usually holds, used until the user names the file's own. */
const DEFAULT_DIRECTION = { out: ["debit", "dr", "out"], in: ["credit", "cr", "in"] };

/** The mapping with column `index` set to `role`; the direction values follow the roles. */
export function withRole(mapping: ImportMapping, index: number, role: ColumnRole): ImportMapping {
  const columns = [...mapping.columns];
  while (columns.length <= index) columns.push("ignore");
  columns[index] = role;
  const direction = columns.includes("direction") ? (mapping.direction ?? DEFAULT_DIRECTION) : null;
  return { ...mapping, columns, direction };
}

export function ColumnRoles({
  columns,
  mapping,
  onChange,
}: {
  columns: PreviewColumn[];
  mapping: ImportMapping;
  onChange: (next: ImportMapping) => void;
}) {
  return (
    <div className="overflow-x-auto">
      <ListTable
        testId="column-roles"
        caption="The file’s columns and what each one means"
        columns={[
          { label: "Column", className: "px-3 py-2 sm:px-4" },
          { label: "Means", className: "px-3 py-2" },
          { label: "Sample values", className: "w-full px-3 py-2 sm:px-4" },
        ]}
      >
        {columns.map((c) => {
          const role = mapping.columns[c.index] ?? "ignore";
          const name = c.name?.trim() || `Column ${c.index + 1}`;
          const selectId = `column-role-${c.index}`;
          return (
            <tr key={c.index} className={`align-top ${role === "ignore" ? "text-slate-500" : ""}`} data-testid="column-row" data-index={c.index}>
              <th scope="row" className="px-3 py-2 text-left text-sm font-medium text-slate-900 sm:px-4">
                <label htmlFor={selectId}>{name}</label>
              </th>
              <td className="px-3 py-2">
                <select
                  id={selectId}
                  value={role}
                  onChange={(e) => onChange(withRole(mapping, c.index, e.target.value as ColumnRole))}
                  className="block w-44 rounded-lg border border-slate-300 bg-white px-2 py-1.5 text-sm text-slate-900 shadow-sm outline-none focus:border-indigo-500 focus:ring-2 focus:ring-indigo-200"
                >
                  {ROLE_OPTIONS.map((o) => (
                    <option key={o.value} value={o.value}>
                      {o.label}
                    </option>
                  ))}
                </select>
              </td>
              <td className="px-3 py-2 sm:px-4">
                <ul className="flex flex-wrap gap-1.5">
                  {c.samples.slice(0, 4).map((s, i) => (
                    <li
                      key={i}
                      className={`max-w-[16rem] truncate rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs ${role === "ignore" ? "text-slate-500" : "text-slate-700"}`}
                      title={s}
                    >
                      {s === "" ? <span className="italic">empty</span> : s}
                    </li>
                  ))}
                </ul>
              </td>
            </tr>
          );
        })}
      </ListTable>
    </div>
  );
}
