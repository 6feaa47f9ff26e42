import type { Metadata } from "next";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { AccountsView } from "@/components/accounts/accounts-view";
import { listAccounts } from "@/lib/accounts/accounts";
import { authOptions } from "@/lib/auth/options";
import { PageHeader } from "@/components/page-header";

export const metadata: Metadata = { title: "Accounts" };

/** ISO 4217 codes with their English names, computed on the server (the browser's list may differ). */
function currencyOptions(): { code: string; name: string }[] {
  const names = new Intl.DisplayNames(["en"], { type: "currency" });
  return Intl.supportedValuesOf("currency").map((code) => ({ code, name: names.of(code) ?? code }));
}

export default async function AccountsPage() {
  const session = await getServerSession(authOptions);
  if (!session?.user?.id) redirect("/login");
  const { accounts } = await listAccounts(session.user.id);
  return (
    <div className="space-y-4">
      <PageHeader title="Accounts" description="Each balance is the opening balance plus the account's transactions. When a statement states its closing balance, the account is checked against it." />
      <AccountsView initialAccounts={accounts} currencies={currencyOptions()} />
    </div>
  );
}
