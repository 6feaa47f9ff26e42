import Link from "next/link";
import type { ReactNode } from "react";
import { LogoMark } from "@/components/auth/auth-card";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { NavLinks } from "@/components/dashboard/nav-links";
import { NotificationBell } from "@/components/notifications/notification-bell";
import { requireUser } from "@/lib/auth/require-user";

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  const name = user.name || user.email || "Your account";

  return (
    <div className="min-h-screen">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:fixed focus:left-3 focus:top-3 focus:z-50 focus:rounded-lg focus:bg-white focus:px-3 focus:py-2 focus:text-sm focus:shadow"
      >
        Skip to content
      </a>
      <header className="sticky top-0 z-30 border-b border-slate-200 bg-white/95 backdrop-blur">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3 sm:px-6">
          <Link href="/dashboard" className="flex items-center gap-2 rounded text-lg font-semibold tracking-tight text-slate-900">
            <LogoMark className="h-7 w-7" />
            Tallyboard
          </Link>
          <div className="order-3 w-full min-w-0 sm:order-none sm:w-auto">
            <NavLinks />
          </div>
          <div className="ml-auto flex items-center gap-2 sm:gap-3">
            <NotificationBell />
            <span className="hidden max-w-[12rem] truncate text-sm text-slate-700 sm:inline" title={user.email ?? undefined}>
              {name}
            </span>
            <SignOutButton />
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-6xl px-4 py-6 sm:px-6 sm:py-8">
        {children}
      </main>
    </div>
  );
}
