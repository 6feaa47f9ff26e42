// Light or dark: the person's choice ("light", "dark") kept in localStorage, else the
// system's setting. Applied as the `dark` class on <html> (Tailwind's dark variant and the
// dark palette in globals.css key off it) before the first paint, by an inline script made
// from applyStoredTheme itself, so the page never flashes light on a dark system.

export const THEME_STORAGE_KEY = "tallyboard-theme";

export type ThemeChoice = "system" | "light" | "dark";

/** Self-contained (it is stringified into the inline script): no imports, no closures. */
export function applyStoredTheme(): void {
  const key = "tallyboard-theme";
  const apply = () => {
    let choice: string | null = null;
    try {
      choice = window.localStorage.getItem(key);
    } catch {
      // Storage blocked: follow the system.
    }
    const dark = choice === "dark" || (choice !== "light" && window.matchMedia("(prefers-color-scheme: dark)").matches);
    document.documentElement.classList.toggle("dark", dark);
    document.documentElement.style.colorScheme = dark ? "dark" : "light";
  };
  apply();
  // Once per page: follow the system while the choice is "system".
  const w = window as unknown as { __tallyTheme?: () => void };
  if (!w.__tallyTheme) window.matchMedia("(prefers-color-scheme: dark)").addEventListener("change", () => w.__tallyTheme?.());
  w.__tallyTheme = apply;
}

export const THEME_SCRIPT = `(${applyStoredTheme.toString()})()`;

export function readThemeChoice(): ThemeChoice {
  try {
    const stored = window.localStorage.getItem(THEME_STORAGE_KEY);
    return stored === "light" || stored === "dark" ? stored : "system";
  } catch {
    return "system";
  }
}

export function saveThemeChoice(choice: ThemeChoice): void {
  try {
    if (choice === "system") window.localStorage.removeItem(THEME_STORAGE_KEY);
    else window.localStorage.setItem(THEME_STORAGE_KEY, choice);
  } catch {
    // Storage blocked: the choice lasts for this page only.
  }
  applyStoredTheme();
}
