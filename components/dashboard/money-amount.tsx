"use client";

import { useCurrency } from "./currency";
import { formatMoney, isNegative, isPositive } from "./dashboard-format";

export type MoneyTone = "income" | "expense" | "signed" | "neutral";

const TONE_CLASS = {
  income: "text-green-700",
  expense: "text-red-700",
  neutral: "text-slate-900",
} as const;

/**
 * An amount, right for tables and cards: tabular digits, a minus sign when negative,
 * income green and expenses red ("signed" picks by the sign; zero stays neutral).
 */
export function Money({
  amount,
  tone = "signed",
  className = "",
  currency: own,
}: {
  amount: string;
  tone?: MoneyTone;
  className?: string;
  /** An account's own currency (its symbol and decimals: JPY 0, BHD 3), instead of the person's main one. */
  currency?: string;
}) {
  const main = useCurrency();
  const currency = own ?? main;
  const resolved = tone === "signed" ? (isNegative(amount) ? "expense" : isPositive(amount) ? "income" : "neutral") : tone;
  return (
    <span className={`tabular-nums whitespace-nowrap ${TONE_CLASS[resolved]} ${className}`} data-amount={amount}>
      {formatMoney(amount, currency)}
    </span>
  );
}
