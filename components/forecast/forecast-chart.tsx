"use client";

import { useEffect, useRef, useState } from "react";
import type { HorizonForecast } from "@/lib/finance/forecast/forecast-spending";
import { useCurrency } from "@/components/dashboard/currency";
import { formatMoney } from "@/components/dashboard/dashboard-format";

// Expected cumulative spending over the coming days with its interval band, drawn through
// the forecast's horizons (7 … 90 days) from zero today. Plain SVG: no chart library. The
// drawing is laid out at the width it is shown at, so its labels keep the page's text size on
// a phone and on a wide screen alike.

const PAD = { left: 64, right: 16, top: 12, bottom: 28 };
/** Room a day label ("90d" at 11 px) needs beside the one before it. */
const DAY_LABEL_GAP = 28;

/** The horizons whose day label has room: on a phone 7 and 14 days sit too close to both be written. */
export function labelledDays(days: number[], xOf: (d: number) => number, gap = DAY_LABEL_GAP): Set<number> {
  const kept = new Set<number>();
  let lastX = -Infinity;
  for (const d of days) {
    if (xOf(d) - lastX < gap) continue;
    kept.add(d);
    lastX = xOf(d);
  }
  return kept;
}

/** Round steps (1, 2, 2.5, 5 × 10^k) so that `count` of them reach at least `max`. */
export function niceTicks(max: number, count = 4): number[] {
  const raw = Math.max(max, 1) / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  // Whole currency units at the least: the labels show no cents.
  const step = Math.max(1, [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? 10 * magnitude);
  return Array.from({ length: Math.ceil(Math.max(max, 1) / step - 1e-9) + 1 }, (_, i) => i * step);
}

function useWidth(fallback: number) {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(fallback);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setWidth(Math.max(240, Math.round(el.getBoundingClientRect().width)));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return { ref, width };
}

export function ForecastChart({ horizons, level }: { horizons: HorizonForecast[]; level: number }) {
  const { ref, width: W } = useWidth(640);
  const currency = useCurrency();
  const H = W < 480 ? 180 : 220;
  const points = [{ days: 0, expected: 0, lower: 0, upper: 0 }, ...horizons.map((h) => ({ days: h.days, expected: Number(h.expected), lower: Number(h.lower), upper: Number(h.upper) }))];
  const maxDays = Math.max(...points.map((p) => p.days), 1);
  const ticks = niceTicks(Math.max(...points.map((p) => p.upper), 1));
  const maxValue = ticks[ticks.length - 1];
  const x = (d: number) => PAD.left + (d / maxDays) * (W - PAD.left - PAD.right);
  const y = (v: number) => H - PAD.bottom - (v / maxValue) * (H - PAD.top - PAD.bottom);
  const labelled = labelledDays(points.slice(1).map((p) => p.days), x);
  const line = points.map((p, i) => `${i ? "L" : "M"}${x(p.days).toFixed(1)},${y(p.expected).toFixed(1)}`).join(" ");
  const band =
    points.map((p, i) => `${i ? "L" : "M"}${x(p.days).toFixed(1)},${y(p.upper).toFixed(1)}`).join(" ") +
    " " +
    [...points].reverse().map((p) => `L${x(p.days).toFixed(1)},${y(p.lower).toFixed(1)}`).join(" ") +
    " Z";

  return (
    <div ref={ref} className="w-full">
      <svg width={W} height={H} viewBox={`0 0 ${W} ${H}`} className="block max-w-full" role="img" aria-labelledby="forecast-chart-desc" data-testid="forecast-chart">
        <desc id="forecast-chart-desc">
          Expected total spending over the next {maxDays} days, with the {Math.round(level * 100)}% interval as a shaded band.
        </desc>
        {ticks.map((t) => (
          <g key={t}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(t)} y2={y(t)} className="stroke-slate-100" />
            <text x={PAD.left - 8} y={y(t) + 4} textAnchor="end" className="fill-slate-500 text-[11px]">
              {formatMoney(t.toFixed(0), currency).replace(/\.00$/, "")}
            </text>
          </g>
        ))}
        <path d={band} className="fill-indigo-200/60" data-testid="forecast-band" />
        <path d={line} fill="none" className="stroke-indigo-600" strokeWidth={2} />
        {points.slice(1).map((p) => (
          <g key={p.days}>
            <circle cx={x(p.days)} cy={y(p.expected)} r={3} className="fill-indigo-600" />
            {labelled.has(p.days) ? (
              <text x={x(p.days)} y={H - 8} textAnchor="middle" className="fill-slate-500 text-[11px]" data-testid="forecast-day-label">
                {p.days}d
              </text>
            ) : null}
          </g>
        ))}
      </svg>
    </div>
  );
}
