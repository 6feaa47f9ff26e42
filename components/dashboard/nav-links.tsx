"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useCallback, useId, useRef, useState, type ReactNode } from "react";
import { usePopoverDismiss } from "@/components/use-popover-dismiss";

// The main navigation. From the sm breakpoint up: one row of links. On a phone: a "Menu"
// button that names the current page and opens every link as a list (with `extra`, the
// account controls that do not fit the phone's header), closed by a choice, Escape or a
// click elsewhere; Escape gives focus back to the button.

const LINKS: { href: string; label: string; short?: string; exact: boolean }[] = [
  { href: "/dashboard", label: "Dashboard", exact: true },
  { href: "/dashboard/transactions", label: "Transactions", exact: false },
  { href: "/dashboard/accounts", label: "Accounts", exact: false },
  { href: "/dashboard/imports", label: "Imports", exact: false },
  { href: "/dashboard/rules", label: "Rules", exact: false },
  { href: "/dashboard/budgets", label: "Budgets", exact: false },
  { href: "/dashboard/receipts", label: "Receipts", exact: false },
  // Between sm and lg the row is tight: the short label there.
  { href: "/dashboard/background-jobs", label: "Background jobs", short: "Jobs", exact: false },
  { href: "/dashboard/settings/notifications", label: "Notification settings", short: "Settings", exact: false },
];

const isActive = (link: (typeof LINKS)[number], pathname: string) =>
  link.exact ? pathname === link.href : pathname === link.href || pathname.startsWith(`${link.href}/`);

export function NavLinks({ extra }: { extra?: ReactNode }) {
  const pathname = usePathname() ?? "";
  const current = LINKS.find((l) => isActive(l, pathname));
  return (
    <>
      <nav aria-label="Main" className="hidden sm:block">
        <ul className="flex flex-wrap gap-1">
          {LINKS.map((link) => (
            <li key={link.href}>
              <NavLink href={link.href} active={isActive(link, pathname)} className="px-2.5 py-1.5 lg:px-3">
                {link.short ? (
                  <>
                    <span className="lg:hidden">{link.short}</span>
                    <span className="hidden lg:inline">{link.label}</span>
                  </>
                ) : (
                  link.label
                )}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <PhoneMenu pathname={pathname} currentLabel={current ? (current.short ?? current.label) : "Menu"} extra={extra} />
    </>
  );
}

function NavLink({ href, active, className, children }: { href: string; active: boolean; className: string; children: ReactNode }) {
  return (
    <Link
      href={href}
      aria-current={active ? "page" : undefined}
      className={`block whitespace-nowrap rounded-lg text-sm font-medium transition ${className} ${
        active ? "bg-indigo-50 text-indigo-700" : "text-slate-600 hover:bg-slate-100 hover:text-slate-900"
      }`}
    >
      {children}
    </Link>
  );
}

function PhoneMenu({ pathname, currentLabel, extra }: { pathname: string; currentLabel: string; extra?: ReactNode }) {
  // Open on the page it was opened on: following a link closes it by itself.
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === pathname;
  const setOpen = (next: boolean) => setOpenOn(next ? pathname : null);
  const panelId = useId();
  const button = useRef<HTMLButtonElement>(null);
  const root = useRef<HTMLDivElement>(null);

  const close = useCallback(() => setOpenOn(null), []);
  usePopoverDismiss(open, root, button, close);

  return (
    <div ref={root} className="sm:hidden">
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen(!open)}
        className="flex items-center gap-2 rounded-lg border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800"
        data-testid="phone-menu-button"
      >
        <svg viewBox="0 0 20 20" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden="true" focusable="false">
          {open ? <path d="M5 5l10 10M15 5L5 15" strokeLinecap="round" /> : <path d="M3 6h14M3 10h14M3 14h14" strokeLinecap="round" />}
        </svg>
        <span className="sr-only">Menu, current page: </span>
        <span className="max-w-[8rem] truncate">{currentLabel}</span>
      </button>
      {open ? (
        <div
          id={panelId}
          className="fixed inset-x-0 top-[3.75rem] z-40 max-h-[calc(100vh-4rem)] overflow-y-auto border-b border-slate-200 bg-white px-4 pb-4 pt-2 shadow-lg"
          data-testid="phone-menu"
        >
          <nav aria-label="Main">
            <ul className="space-y-0.5">
              {LINKS.map((link) => (
                <li key={link.href}>
                  <NavLink href={link.href} active={isActive(link, pathname)} className="px-3 py-2.5 text-base">
                    {link.label}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
          {extra ? <div className="mt-3 border-t border-slate-200 pt-3">{extra}</div> : null}
        </div>
      ) : null}
    </div>
  );
}
