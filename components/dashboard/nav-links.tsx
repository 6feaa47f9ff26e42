"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useRef } from "react";

const LINKS: { href: string; label: string; short?: string; exact: boolean }[] = [
  { href: "/dashboard", label: "Dashboard", exact: true },
  { href: "/dashboard/transactions", label: "Transactions", exact: false },
  { href: "/dashboard/imports", label: "Imports", exact: false },
  { href: "/dashboard/rules", label: "Rules", exact: false },
  { href: "/dashboard/budgets", label: "Budgets", exact: false },
  { href: "/dashboard/receipts", label: "Receipts", exact: false },
  // Narrow screens get the short label; the row scrolls sideways there rather than wrap.
  { href: "/dashboard/background-jobs", label: "Background jobs", short: "Jobs", exact: false },
];

export function NavLinks() {
  const pathname = usePathname() ?? "";
  const navRef = useRef<HTMLElement>(null);
  // On a narrow screen the row scrolls: keep the current page's link in view.
  useEffect(() => {
    navRef.current?.querySelector('[aria-current="page"]')?.scrollIntoView({ block: "nearest", inline: "nearest" });
  }, [pathname]);
  return (
    <nav ref={navRef} aria-label="Main" className="-mx-1 min-w-0 overflow-x-auto px-1 [scrollbar-width:none]">
      <ul className="flex gap-0.5 sm:gap-1 lg:flex-wrap">
        {LINKS.map((link) => {
          const active = link.exact ? pathname === link.href : pathname === link.href || pathname.startsWith(`${link.href}/`);
          return (
            <li key={link.href}>
              <Link
                href={link.href}
                aria-current={active ? "page" : undefined}
                className={`block whitespace-nowrap rounded-lg px-2 py-1.5 text-sm font-medium transition sm:px-3 ${
                  active ? "bg-indigo-50 text-indigo-700" : "text-slate-600 hover:bg-slate-100 hover:text-slate-900"
                }`}
              >
                {link.short ? (
                  <>
                    <span className="lg:hidden">{link.short}</span>
                    <span className="hidden lg:inline">{link.label}</span>
                  </>
                ) : (
                  link.label
                )}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
