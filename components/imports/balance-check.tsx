import { formatDayLabel } from "@/components/dashboard/dashboard-format";
import { Money } from "@/components/dashboard/money-amount";
import type { AccountBalanceCheck, BalanceCheck } from "@/lib/imports/check-statement-balance";

// The balance proof on the import page: for each account of the statement, the closing balance
// the bank states against the account's balance on that day after the import, and where a gap
// likely is.

function AccountProof({ check, name }: { check: AccountBalanceCheck; name: string | null }) {
  const currency = check.currency ? ` ${check.currency}` : "";
  return (
    <div className={`rounded-xl border p-3 text-sm ${check.matches ? "border-green-200 bg-green-50" : "border-red-200 bg-red-50"}`} data-testid="balance-check">
      <p className={`font-medium ${check.matches ? "text-green-900" : "text-red-900"}`}>
        {check.matches ? "✓ Balances agree" : "✗ Balances differ"}
        {name ? ` · ${name}` : ""}
      </p>
      <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
        {check.statementOpening !== null ? (
          <>
            <dt className="text-slate-700">Statement opening</dt>
            <dd className="whitespace-nowrap text-right">
              <Money amount={check.statementOpening} tone="neutral" />
              {currency}
            </dd>
          </>
        ) : null}
        <dt className="text-slate-700">Statement closing, {formatDayLabel(check.closingDate)}</dt>
        <dd className="whitespace-nowrap text-right">
          <Money amount={check.statementClosing} tone="neutral" />
          {currency}
        </dd>
        <dt className="text-slate-700">Account on that day</dt>
        <dd className="whitespace-nowrap text-right">
          <Money amount={check.accountBalanceAfter} tone="neutral" />
          {currency}
        </dd>
        {!check.matches ? (
          <>
            <dt className="text-slate-700">Difference</dt>
            <dd className="whitespace-nowrap text-right font-medium">
              <Money amount={check.difference} tone="neutral" />
              {currency}
            </dd>
          </>
        ) : null}
      </dl>
      {check.likelyMissing.length > 0 ? (
        <div className="mt-2">
          <p className="font-medium text-red-900">Likely missing</p>
          <ul className="mt-1 list-disc space-y-0.5 pl-5 text-red-900">
            {check.likelyMissing.map((m) => (
              <li key={`${m.from}-${m.to}-${m.reason}`}>
                {m.from ? (m.from === m.to ? formatDayLabel(m.from) : `${formatDayLabel(m.from)} – ${formatDayLabel(m.to)}`) : `up to ${formatDayLabel(m.to)}`}:{" "}
                <Money amount={m.difference} tone="neutral" />
                {currency} — {m.reason}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}

export function BalanceCheckPanel({
  check,
  accountName,
  accounts: named = [],
}: {
  check: BalanceCheck | null;
  accountName: string | null;
  accounts?: { id: string; name: string }[];
}) {
  if (!check) return null;
  const accounts = check.accounts?.length ? check.accounts : [check];
  const nameOf = (id: string) => named.find((a) => a.id === id)?.name ?? null;
  return (
    <div className="space-y-2">
      <h3 className="text-sm font-semibold text-slate-900">Balance check against the statement</h3>
      {accounts.map((a) => (
        <AccountProof key={a.accountId} check={a} name={accounts.length > 1 ? nameOf(a.accountId) : accountName} />
      ))}
    </div>
  );
}
