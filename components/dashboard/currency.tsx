"use client";

import { createContext, useContext, type ReactNode } from "react";

// The signed-in person's main currency, set once by the dashboard layout, so every amount on
// every page is shown with its symbol through formatMoney(amount, currency).

const CurrencyContext = createContext<string | undefined>(undefined);

export function CurrencyProvider({ currency, children }: { currency: string; children: ReactNode }) {
  return <CurrencyContext.Provider value={currency}>{children}</CurrencyContext.Provider>;
}

/** The main currency's ISO code; undefined outside the dashboard (amounts then show bare). */
export function useCurrency(): string | undefined {
  return useContext(CurrencyContext);
}
