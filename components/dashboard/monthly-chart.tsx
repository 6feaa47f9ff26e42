"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, type RefObject } from "react";
import type { MonthTotals } from "@/lib/finance/summary";
import { useCurrency } from "./currency";
import { formatAxisMoney, formatMoney, fraction, monthLong, monthShort, toMinor } from "./dashboard-format";
import { monthsRange, transactionsHref } from "./transactions-link";

// Income and expenses per month as grouped bars, drawn as inline SVG at the width of its
// container (so text stays 12 px on a phone and on a wide screen). Bar lengths are computed
// from integer cents; the SVG is one image for assistive technology (role="img" with a
// label), and a visually hidden table carries every value.

const DEFAULT_W = 720;
const H = 260;
const M = { top: 14, right: 8, bottom: 40, left: 52 };

// Theme colours (CSS variables), so the dark palette in globals.css applies to the chart too.
const INCOME = "var(--color-green-600)";
const EXPENSE = "var(--color-red-600)";

/** The element's width in CSS pixels, following resizes; `fallback` until measured. */
function useWidth(ref: RefObject<HTMLElement | null>, fallback: number): number {
  const [width, setWidth] = useState(fallback);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver((entries) => {
      const w = Math.round(entries[0]?.contentRect.width ?? 0);
      if (w > 0) setWidth(w);
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}

/** The smallest 1, 2 or 5 × 10^k (in cents, at least 1.00) that is ≥ v. */
function niceStep(v: bigint): bigint {
  if (v <= 100n) return 100n;
  let p = 100n;
  while (p * 10n < v) p *= 10n;
  for (const m of [1n, 2n, 5n, 10n]) if (m * p >= v) return m * p;
  return 10n * p;
}

/** Axis top and tick step for a maximum in cents: 3–5 round ticks. */
export function axisScale(maxMinor: bigint): { max: bigint; step: bigint } {
  const step = niceStep(maxMinor <= 0n ? 100n : (maxMinor + 3n) / 4n);
  const ticks = maxMinor <= 0n ? 4n : (maxMinor + step - 1n) / step;
  return { max: step * (ticks < 1n ? 1n : ticks), step };
}


export function MonthlyChart({ months, selectedMonth }: { months: MonthTotals[]; selectedMonth?: string }) {
  const box = useRef<HTMLDivElement>(null);
  const router = useRouter();
  const currency = useCurrency();
  const W = Math.max(280, useWidth(box, DEFAULT_W));
  if (months.length === 0) return null;
  const PLOT_W = W - M.left - M.right;
  const PLOT_H = H - M.top - M.bottom;
  const rows = months.map((m) => ({ ...m, incomeMinor: toMinor(m.income), expensesMinor: toMinor(m.expenses) }));
  const max = rows.reduce((acc, r) => {
    const big = r.incomeMinor > r.expensesMinor ? r.incomeMinor : r.expensesMinor;
    return big > acc ? big : acc;
  }, 0n);
  const scale = axisScale(max);
  const ticks: bigint[] = [];
  for (let t = 0n; t <= scale.max; t += scale.step) ticks.push(t);

  const groupW = PLOT_W / rows.length;
  const gap = groupW >= 30 ? 8 : 4;
  const barW = Math.max(3, Math.min(22, (groupW - gap) / 2 - 1));
  // Narrow screens: one-letter month names, and the year only where it starts.
  const narrow = groupW < 34;
  const y = (v: bigint) => M.top + PLOT_H - fraction(v, scale.max) * PLOT_H;
  const first = rows[0].month;
  const last = rows[rows.length - 1].month;
  const label = `Bar chart of income and expenses per month, ${monthLong(first)} to ${monthLong(last)}. Values are listed in the table that follows.`;

  return (
    <figure className="m-0">
      <div className="mb-3 flex flex-wrap items-center gap-4 text-sm text-slate-600" aria-hidden="true">
        <span className="flex items-center gap-1.5">
          <span className="inline-block h-3 w-3 rounded-sm" style={{ background: INCOME }} /> Income
        </span>
        <span className="flex items-center gap-1.5">
          <span className="inline-block h-3 w-3 rounded-sm" style={{ background: EXPENSE }} /> Expenses
        </span>
      </div>
      <div ref={box} className="w-full">
        <svg
          role="img"
          aria-label={label}
          width="100%"
          height={H}
          viewBox={`0 0 ${W} ${H}`}
          preserveAspectRatio="none"
          className="block"
          data-testid="monthly-chart"
        >
          {ticks.map((t) => (
            <g key={`tick-${t}`}>
              <line x1={M.left} x2={W - M.right} y1={y(t)} y2={y(t)} style={{ stroke: t === 0n ? "var(--color-slate-400)" : "var(--color-slate-200)" }} strokeWidth={1} />
              <text x={M.left - 8} y={y(t)} dy="0.32em" textAnchor="end" fontSize={12} className="fill-slate-500 tabular-nums">
                {formatAxisMoney(t, currency)}
              </text>
            </g>
          ))}
          {rows.map((r, i) => {
            const cx = M.left + groupW * i + groupW / 2;
            const incomeTop = y(r.incomeMinor);
            const expenseTop = y(r.expensesMinor);
            const base = M.top + PLOT_H;
            const showYear = i === 0 || r.month.endsWith("-01");
            // Each month's bars open its transactions (issue 14), for the pointer. The SVG is one
            // image to assistive technology, which may hold no link (axe: nested-interactive), so
            // a click navigates; keyboard and screen-reader users have the same links in the
            // table beneath.
            const href = transactionsHref({ ...monthsRange(r.month, r.month) });
            return (
              <g key={r.month} data-testid={`chart-month-${r.month}`} data-href={href} className="cursor-pointer" onClick={() => router.push(href)}>
                <g>
                  <rect
                    x={cx - groupW / 2 + 1}
                    y={M.top}
                    width={Math.max(0, groupW - 2)}
                    height={PLOT_H}
                    rx={4}
                    style={{ fill: r.month === selectedMonth ? "var(--color-indigo-50)" : "transparent" }}
                  />
                  <rect
                    x={cx - barW - 1}
                    y={incomeTop}
                    width={barW}
                    height={Math.max(0, base - incomeTop)}
                    rx={2}
                    style={{ fill: INCOME }}
                  >
                    <title>{`${monthLong(r.month)} income: ${formatMoney(r.income, currency)}`}</title>
                  </rect>
                  <rect
                    x={cx + 1}
                    y={expenseTop}
                    width={barW}
                    height={Math.max(0, base - expenseTop)}
                    rx={2}
                    style={{ fill: EXPENSE }}
                  >
                    <title>{`${monthLong(r.month)} expenses: ${formatMoney(r.expenses, currency)}`}</title>
                  </rect>
                  <text x={cx} y={base + 16} textAnchor="middle" fontSize={12} className="fill-slate-600">
                    {narrow ? monthShort(r.month).charAt(0) : monthShort(r.month)}
                  </text>
                  {showYear ? (
                    <text x={cx} y={base + 31} textAnchor="middle" fontSize={11} className="fill-slate-500">
                      {narrow ? `’${r.month.slice(2, 4)}` : r.month.slice(0, 4)}
                    </text>
                  ) : null}
                </g>
              </g>
            );
          })}
        </svg>
      </div>
      <div className="sr-only">
        <table>
          <caption>Income and expenses per month</caption>
          <thead>
            <tr>
              <th scope="col">Month</th>
              <th scope="col">Income</th>
              <th scope="col">Expenses</th>
              <th scope="col">Net</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.month}>
                <th scope="row">
                  <a href={transactionsHref({ ...monthsRange(r.month, r.month) })}>{monthLong(r.month)}</a>
                </th>
                <td>{formatMoney(r.income, currency)}</td>
                <td>{formatMoney(r.expenses, currency)}</td>
                <td>{formatMoney(r.net, currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
