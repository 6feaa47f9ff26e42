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
  currency: ownCurrency,
}: {
  amount: string;
  tone?: MoneyTone;
  className?: string;
  /** The amount's currency when it is not the main one (an account in another currency). */
  currency?: string;
}) {
  const mainCurrency = useCurrency();
  const currency = ownCurrency ?? mainCurrency;
  const resolved = tone === "signed" ? (isNegative(amount) ? "expense" : isPositive(amount) ? "income" : "neutral") : tone;
  return (
    <span className={`tabular-nums whitespace-nowrap ${TONE_CLASS[resolved]} ${className}`} data-amount={amount}>
      {formatMoney(amount, currency)}
    </span>
  );
}
