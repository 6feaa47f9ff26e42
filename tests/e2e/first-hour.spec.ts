import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { dashboardPages, signInAsDemo, signUpAndSignIn, signUpWithAnImportAndABudget } from "./helpers";

// The first hour of a new user (issue 16), as they see it: a phone has a real menu and
// every table fits 390 px, dark mode follows the system and a switch, the dashboard shows
// budgets and money with the currency's symbol, an empty dashboard offers an import, the
// main actions are reachable and visibly focused by keyboard, focus comes back after a
// dialog, and axe finds nothing serious on any page, light or dark. "Any page" is every
// page.tsx under app/(dashboard) (helpers.ts), seen as the demo user and as a new person after
// a first import and budget. docs/first-hour.md maps issue 16's points to these tests.

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

/** The demo user's first import's page, if they have one (the seed gives them none). */
async function firstImportPath(page: Page): Promise<string | null> {
  const { imports } = (await (await page.request.get("/api/imports")).json()) as { imports: { id: string }[] };
  return imports[0] ? `/dashboard/imports/${imports[0].id}` : null;
}

/**
 * Opens every dashboard page found on disk, a page added later included, and hands each to
 * `check`. A page under a dynamic segment needs a way in: the import page is `importPath`.
 */
async function everyPage(page: Page, importPath: string | null, check: (path: string) => Promise<void>) {
  for (const route of dashboardPages({ dynamic: true })) {
    const path = route === "/dashboard/imports/[id]" ? importPath : route.includes("[") ? undefined : route;
    expect(path, `${route}: say in everyPage how a person opens it`).not.toBeUndefined();
    if (!path) continue;
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    // Lists and panels render after their data: give them a moment.
    await page.waitForLoadState("networkidle").catch(() => undefined);
    await check(path);
  }
}

async function seriousViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")})`);
}

test("the menu and these checks know every dashboard page on disk", () => {
  const onDisk = dashboardPages();
  expect(onDisk.length).toBeGreaterThanOrEqual(9);
  expect(PAGES.map((p) => p.path).sort()).toEqual([...onDisk].sort());
  expect(dashboardPages({ dynamic: true }).filter((p) => p.includes("["))).toEqual(["/dashboard/imports/[id]"]);
});

for (const scheme of ["light", "dark"] as const) {
  test(`axe finds no serious or critical violation on any page (${scheme})`, async ({ page }) => {
    test.setTimeout(300_000);
    await page.emulateMedia({ colorScheme: scheme });
    const found: Record<string, string[]> = {};
    const record = (who: string) => async (path: string) => {
      const violations = await seriousViolations(page);
      if (violations.length > 0) found[`${who} ${path}`] = violations;
    };
    for (const path of ["/login", "/register"]) {
      await page.goto(path);
      await record("signed out")(path);
    }
    // The demo user's pages, then a new person's after an import and a budget.
    await signInAsDemo(page);
    const visited: string[] = [];
    await everyPage(page, await firstImportPath(page), async (path) => {
      visited.push(path);
      await record("demo")(path);
    });
    expect(visited.length).toBeGreaterThanOrEqual(dashboardPages().length);
    const { importPath } = await signUpWithAnImportAndABudget(page, `axe-${scheme}`);
    await everyPage(page, importPath, record("new user"));
    expect(found).toEqual({});
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
    test.setTimeout(180_000);
    const found: Record<string, string[]> = {};
    const fits = (who: string) => async (path: string) => {
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
        // Chart labels written over each other ("7d14d").
        for (const chart of document.querySelectorAll("svg")) {
          const boxes = [...chart.querySelectorAll("text")].map((t) => ({ text: t.textContent, box: t.getBoundingClientRect() })).filter((t) => t.box.width > 0);
          for (const [i, a] of boxes.entries()) {
            for (const b of boxes.slice(i + 1)) {
              const overlap = a.box.left < b.box.right - 1 && b.box.left < a.box.right - 1 && a.box.top < b.box.bottom - 1 && b.box.top < a.box.bottom - 1;
              if (overlap) found.push(`chart labels "${a.text}" and "${b.text}" overlap`);
            }
          }
        }
        return found;
      });
      if (problems.length > 0) found[`${who} ${path}`] = problems;
    };
    await signInAsDemo(page);
    await everyPage(page, await firstImportPath(page), fits("demo"));
    const { importPath } = await signUpWithAnImportAndABudget(page, "phone-fit");
    await everyPage(page, importPath, fits("new user"));
    expect(found).toEqual({});
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

test("focus comes back after a dialog: a budget's edit and delete, a transaction's delete", async ({ page }) => {
  await signUpAndSignIn(page, "focus-back");
  expect((await page.request.post("/api/budgets", { data: { title: "Focus", amount: "50.00", period: "monthly", keywords: ["focus"] } })).status()).toBe(202);
  await page.goto("/dashboard/budgets");
  const card = page.getByTestId("budget-card").filter({ hasText: "Focus" });
  const edit = card.getByRole("button", { name: "Edit budget Focus" });
  const remove = card.getByRole("button", { name: "Delete budget Focus" });

  // Cancel on the confirmation and on the edit form: back on the button that opened them.
  await remove.focus();
  await page.keyboard.press("Enter");
  await expect(card.getByRole("alertdialog").getByRole("button", { name: "Cancel" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(remove).toBeFocused();
  await edit.focus();
  await page.keyboard.press("Enter");
  await card.getByTestId("edit-budget-form").getByRole("button", { name: "Cancel" }).click();
  await expect(edit).toBeFocused();

  // Deleted: the card is gone, the keyboard stays on the list.
  await remove.focus();
  await page.keyboard.press("Enter");
  await card.getByRole("alertdialog").getByRole("button", { name: "Delete", exact: true }).click();
  await expect(card).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Your budgets" })).toBeFocused();

  // A transaction's delete, the same way.
  expect((await page.request.post("/api/transactions", { data: { date: "2026-11-02", description: "E2E focus row", amount: "-1.00" } })).status()).toBe(201);
  await page.goto("/dashboard/transactions");
  const row = page.getByTestId("transaction-row").filter({ hasText: "E2E focus row" });
  await row.getByRole("button", { name: /^Delete/ }).click();
  await row.getByRole("button", { name: "Delete", exact: true }).click();
  await expect(row).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "History" })).toBeFocused();
});
