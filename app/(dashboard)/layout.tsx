import Link from "next/link";
import type { ReactNode } from "react";
import { LogoMark } from "@/components/auth/auth-card";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { CurrencyProvider } from "@/components/dashboard/currency";
import { NavLinks } from "@/components/dashboard/nav-links";
import { StickyHeader } from "@/components/dashboard/sticky-header";
import { NotificationBell } from "@/components/notifications/notification-bell";
import { ThemeSwitch } from "@/components/theme/theme-switch";
import { requireUser } from "@/lib/auth/require-user";
import { getMainCurrency } from "@/lib/users/get-main-currency";

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  const name = user.name || user.email || "Your account";
  const currency = await getMainCurrency(user.id);

  return (
    <div className="min-h-screen">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:fixed focus:left-3 focus:top-3 focus:z-50 focus:rounded-lg focus:bg-white focus:px-3 focus:py-2 focus:text-sm focus:shadow"
      >
        Skip to content
      </a>
      <StickyHeader>
        <div className="mx-auto flex max-w-6xl items-center gap-x-3 gap-y-2 px-4 py-3 sm:flex-wrap sm:gap-x-4 sm:px-6">
          <Link href="/dashboard" className="flex items-center gap-2 rounded text-lg font-semibold tracking-tight text-slate-900">
            <LogoMark className="h-7 w-7" />
            <span className="max-[359px]:sr-only">Tallyboard</span>
          </Link>
          <div className="min-w-0 sm:order-none">
            <NavLinks
              extra={
                <div className="flex flex-wrap items-center justify-between gap-3">
                  <span className="min-w-0 truncate text-sm text-slate-700">{name}</span>
                  <div className="flex items-center gap-2">
                    <ThemeSwitch />
                    <SignOutButton />
                  </div>
                </div>
              }
            />
          </div>
          <div className="ml-auto flex items-center gap-2 sm:gap-3">
            <NotificationBell />
            <span className="hidden max-w-[12rem] truncate text-sm text-slate-700 xl:inline" title={user.email ?? undefined}>
              {name}
            </span>
            <ThemeSwitch className="max-sm:hidden" />
            <SignOutButton className="max-sm:hidden" />
          </div>
        </div>
      </StickyHeader>
      <main id="main" tabIndex={-1} className="mx-auto max-w-6xl px-4 py-6 outline-none sm:px-6 sm:py-8">
        <CurrencyProvider currency={currency}>{children}</CurrencyProvider>
      </main>
    </div>
  );
}
