import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { signInAsDemo, signUpAndSignIn } from "./helpers";

// The first hour of a new user (issue 16), as they see it: a phone has a real menu and
// every table fits 390 px, dark mode follows the system and a switch, the dashboard shows
// budgets and money with the currency's symbol, an empty dashboard offers an import, the
// main actions are reachable and visibly focused by keyboard, and axe finds nothing serious
// on any page, light or dark.

const PAGES = [
  { path: "/dashboard", heading: "Dashboard" },
  { path: "/dashboard/transactions", heading: "Transactions" },
  { path: "/dashboard/accounts", heading: "Accounts" },
  { path: "/dashboard/imports", heading: "Imports" },
  { path: "/dashboard/rules", heading: "Rules" },
  { path: "/dashboard/budgets", heading: "Budgets" },
  { path: "/dashboard/receipts", heading: "Receipts" },
  { path: "/dashboard/background-jobs", heading: "Background jobs" },
  { path: "/dashboard/settings/notifications", heading: "Notifications" },
];

async function openPage(page: Page, path: string, heading: string) {
  await page.goto(path);
  await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
}

/** The demo user's first import's page: the import detail page is a page too. */
async function firstImportPath(page: Page): Promise<string | null> {
  const { imports } = (await (await page.request.get("/api/imports")).json()) as { imports: { id: string }[] };
  return imports[0] ? `/dashboard/imports/${imports[0].id}` : null;
}

async function seriousViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")})`);
}

for (const scheme of ["light", "dark"] as const) {
  test(`axe finds no serious or critical violation on any page (${scheme})`, async ({ page }) => {
    test.setTimeout(180_000);
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto("/login");
    expect(await seriousViolations(page), "/login").toEqual([]);
    await signInAsDemo(page);
    for (const p of PAGES) {
      await openPage(page, p.path, p.heading);
      expect(await seriousViolations(page), p.path).toEqual([]);
    }
    const detail = await firstImportPath(page);
    if (detail) {
      await page.goto(detail);
      await expect(page.getByTestId("import-title")).toBeVisible();
      expect(await seriousViolations(page), detail).toEqual([]);
    }
  });
}

test.describe("on a phone (390 px)", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("a menu names the current page and reaches every page; Escape closes it and gives focus back", async ({ page }) => {
    await signInAsDemo(page);
    const menu = page.getByTestId("phone-menu-button");
    await expect(menu).toBeVisible();
    await expect(menu).toContainText("Dashboard");
    await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();

    for (const target of PAGES.slice(1)) {
      await menu.click();
      const panel = page.getByTestId("phone-menu");
      await expect(panel.getByRole("link")).toHaveCount(PAGES.length);
      for (const link of await panel.getByRole("link").all()) await expect(link).toBeInViewport();
      await panel.getByRole("link", { name: target.heading === "Notifications" ? "Notification settings" : target.heading }).click();
      await expect(page.getByRole("heading", { level: 1, name: target.heading })).toBeVisible();
      await expect(panel).toBeHidden();
      await expect(menu).toContainText({ "Background jobs": "Jobs", Notifications: "Settings" }[target.heading] ?? target.heading);
    }

    await menu.click();
    await expect(page.getByTestId("phone-menu").getByRole("link", { name: "Notification settings" })).toHaveAttribute("aria-current", "page");
    await page.keyboard.press("Escape");
    await expect(page.getByTestId("phone-menu")).toBeHidden();
    await expect(menu).toBeFocused();
    // The account controls live in the menu on a phone.
    await menu.click();
    await expect(page.getByTestId("phone-menu").getByRole("button", { name: "Sign out" })).toBeVisible();
  });

  test("every page and every table fits the screen: no sideways scrolling, no cut-off column headings", async ({ page }) => {
    test.setTimeout(120_000);
    await signInAsDemo(page);
    const paths = [...PAGES.map((p) => p.path), await firstImportPath(page)].filter((p): p is string => p !== null);
    for (const path of paths) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      // Tables render after their data: give them a moment.
      await page.waitForLoadState("networkidle").catch(() => undefined);
      const problems = await page.evaluate(() => {
        const width = window.innerWidth;
        const found: string[] = [];
        if (document.documentElement.scrollWidth > width) found.push(`page is ${document.documentElement.scrollWidth}px wide`);
        for (const table of document.querySelectorAll("table")) {
          if (table.closest(".sr-only")) continue;
          const box = table.getBoundingClientRect();
          if (box.width > 0 && box.right > width + 1) found.push(`table ${table.getAttribute("data-testid") ?? ""} ends at ${Math.round(box.right)}px`);
          for (const cell of table.querySelectorAll<HTMLElement>("th, td")) {
            const visible = cell.getBoundingClientRect().width > 0;
            if (visible && cell.getBoundingClientRect().right > width + 1) found.push(`cell "${cell.textContent?.trim().slice(0, 20)}" ends off-screen`);
            if (visible && cell.tagName === "TH" && cell.scrollWidth > cell.clientWidth + 1) found.push(`heading "${cell.textContent?.trim()}" is cut off`);
          }
        }
        return found;
      });
      expect(problems, path).toEqual([]);
    }
  });
});

test("dark mode follows the system, and the switch overrides it across reloads", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "dark" });
  await signInAsDemo(page);
  const html = page.locator("html");
  await expect(html).toHaveClass(/\bdark\b/);
  const pageColour = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const darkBackground = await pageColour();

  await page.getByTestId("theme-switch").selectOption("light");
  await expect(html).not.toHaveClass(/\bdark\b/);
  expect(await pageColour()).not.toBe(darkBackground);
  await page.reload();
  await expect(html).not.toHaveClass(/\bdark\b/);
  await expect(page.getByTestId("theme-switch")).toHaveValue("light");

  await page.getByTestId("theme-switch").selectOption("system");
  await expect(html).toHaveClass(/\bdark\b/);
  await page.emulateMedia({ colorScheme: "light" });
  await expect(html).not.toHaveClass(/\bdark\b/);

  await page.getByTestId("theme-switch").selectOption("dark");
  await page.goto("/dashboard/budgets");
  await expect(html).toHaveClass(/\bdark\b/);
});

test("the dashboard shows budgets with the currency's symbol", async ({ page }) => {
  await signInAsDemo(page);
  const created = await page.request.post("/api/budgets", {
    data: { title: "E2E Groceries watch", amount: "400.00", period: "monthly", keywords: ["E2E-never-matches"] },
  });
  expect(created.status()).toBe(202);
  const panel = page.getByTestId("budgets-panel");
  await expect(async () => {
    await page.goto("/dashboard");
    await expect(panel.getByTestId("budgets-panel-item").filter({ hasText: "E2E Groceries watch" })).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  const item = panel.getByTestId("budgets-panel-item").filter({ hasText: "E2E Groceries watch" });
  await expect(item.getByTestId("budget-spent")).toContainText("$0.00 / $400.00");
  await expect(item.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "0");
  await expect(page.getByTestId("card-current-month")).toContainText("$");
  await panel.getByRole("link", { name: "All budgets" }).click();
  await expect(page).toHaveURL(/\/dashboard\/budgets$/);
});

test("an empty dashboard offers importing a statement as well as adding a transaction", async ({ page }) => {
  await signUpAndSignIn(page, "first-hour");
  const empty = page.getByTestId("dashboard-empty");
  await expect(empty).toBeVisible();
  await expect(empty.getByRole("link", { name: "Add a transaction" })).toBeVisible();
  await empty.getByRole("link", { name: "Import a bank statement" }).click();
  await expect(page).toHaveURL(/\/dashboard\/imports$/);
  await expect(page.getByTestId("upload-card")).toBeVisible();
});

/**
 * What a keyboard user sees of the focused control: the box that carries its ring (the control
 * itself, or the label of a visually hidden radio or file input), the ring (a 2 px+ outline or
 * a box-shadow), and whether that box is on screen and not under the sticky header.
 */
async function focusRing(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement;
    const label = el.closest("label") ?? (el.id ? document.querySelector<HTMLElement>(`label[for="${el.id}"]`) : null);
    const ringOf = (node: HTMLElement) => {
      const style = getComputedStyle(node);
      if (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2) return `outline ${style.outlineWidth} ${style.outlineStyle} ${style.outlineColor}`;
      return style.boxShadow !== "none" ? `box-shadow ${style.boxShadow}` : null;
    };
    const candidates = [el, label].filter((node): node is HTMLElement => !!node && node.getBoundingClientRect().width > 1);
    const holder = candidates.find((node) => ringOf(node)) ?? null;
    if (!holder) return { name: el.textContent?.trim() ?? "", ring: null, onScreen: false };
    const box = holder.getBoundingClientRect();
    const headerBottom = document.querySelector("header")?.getBoundingClientRect().bottom ?? 0;
    const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    // The ring is drawn up to 4 px outside the box (2 px offset, 2 px wide).
    const onScreen = box.top - 4 >= headerBottom && box.bottom + 4 <= innerHeight && !!hit && (holder.contains(hit) || hit.contains(holder));
    return { name: el.textContent?.trim() ?? "", ring: ringOf(holder), onScreen };
  });
}

for (const scheme of ["light", "dark"] as const) {
  test(`the main actions are reachable by keyboard and visibly focused (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await signInAsDemo(page);
    await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();

    // From the top: the skip link first, then on to the page's actions. The skip link scrolls
    // #main to the top; the actions must land below the sticky header, not under it.
    await page.keyboard.press("Tab");
    await expect(page.getByRole("link", { name: "Skip to content" })).toBeFocused();
    await expect(page.getByRole("link", { name: "Skip to content" })).toBeVisible();
    expect((await focusRing(page)).ring).not.toBeNull();
    await page.keyboard.press("Enter");
    const reached: string[] = [];
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press("Tab");
      const ring = await focusRing(page);
      expect(ring, `focus on "${ring.name}"`).toMatchObject({ ring: expect.any(String), onScreen: true });
      reached.push(ring.name);
      if (ring.name === "Add transaction") break;
    }
    expect(reached).toContain("Import a statement");
    expect(reached.at(-1)).toBe("Add transaction");

    // Scrolled to the bottom, the next control is above the screen: Tab scrolls it into view,
    // and it must come out below the header.
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await page.keyboard.press("Tab");
    expect(await focusRing(page)).toMatchObject({ ring: expect.any(String), onScreen: true });
    await page.keyboard.press("Shift+Tab");
    await expect(page.getByRole("link", { name: "Add transaction" })).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/dashboard\/transactions#add-transaction$/);

    // The add form's first field is next in the tab order.
    await page.keyboard.press("Tab");
    await expect(page.getByTestId("add-transaction-form").locator(":focus")).toHaveCount(1);
    expect(await focusRing(page)).toMatchObject({ ring: expect.any(String), onScreen: true });

    // Upload: the file chooser is a focusable control with a visible ring.
    await page.goto("/dashboard/imports");
    const chooser = page.getByTestId("upload-card").getByLabel("CSV file");
    await chooser.focus();
    await expect(chooser).toBeFocused();
    expect((await focusRing(page)).ring).not.toBeNull();
  });
}
