import { expect, test } from "@playwright/test";
import { signUpAndSignIn } from "./helpers";

// Rules as a person uses them: create a rule from a transaction, see the preview of what it
// would change, save it with "Apply to existing transactions", watch the job, and undo it.

test("create a rule from a transaction, preview it, apply it to existing transactions and undo", async ({ page }) => {
  test.setTimeout(120_000);
  await signUpAndSignIn(page, "rules");
  const add = async (description: string, amount: string, category?: string) =>
    expect(
      (await page.request.post("/api/transactions", { data: { date: "2026-11-02", description, amount, ...(category ? { category } : {}) } })).status(),
    ).toBe(201);
  await add("UBER TRIP 4471", "-18.40", "Shopping");
  await add("UBER TRIP 9912", "-22.10");
  await add("UBER EATS 1234", "-31.00", "Dining");
  await add("LYFT RIDE", "-15.00");

  await page.goto("/dashboard/transactions");
  await page.getByRole("link", { name: "Create a rule from UBER TRIP 9912" }).click();
  await expect(page).toHaveURL(/\/dashboard\/rules\?/);
  await expect(page.getByRole("heading", { name: "Create a rule from this transaction" })).toBeVisible();
  const form = page.getByTestId("add-rule-form");
  await expect(form.getByLabel("Text")).toHaveValue("UBER TRIP 9912");

  // Without a category there is nothing to preview yet.
  await expect(form.getByTestId("rule-preview-hint")).toBeVisible();
  await form.getByLabel("Text").fill("uber trip");
  await form.getByLabel("Set category").fill("Transport");
  const preview = form.getByTestId("rule-preview");
  await expect(preview.getByTestId("rule-preview-summary")).toContainText("Would change 2 existing transactions.");
  const sample = preview.getByTestId("rule-preview-sample");
  await expect(sample.getByRole("listitem")).toHaveCount(2);
  await expect(sample).toContainText("Shopping");
  await expect(sample).toContainText("Uncategorized");

  await expect(form.getByLabel("Apply to existing transactions")).toBeChecked();
  await form.getByRole("button", { name: "Add rule" }).click();
  const panel = page.getByTestId("rule-apply-panel");
  await expect(panel).toContainText("Description contains “uber trip” → Transport");
  await expect(panel.getByTestId("job-progress")).toHaveAttribute("data-status", "completed", { timeout: 60_000 });
  await expect(panel).toContainText("Changed the category of 2 transactions.");

  const categories = async () => {
    const { transactions } = (await (await page.request.get("/api/transactions?limit=10")).json()) as { transactions: { description: string; category: string | null }[] };
    return Object.fromEntries(transactions.map((t) => [t.description, t.category]));
  };
  expect(await categories()).toMatchObject({ "UBER TRIP 4471": "Transport", "UBER TRIP 9912": "Transport", "UBER EATS 1234": "Dining", "LYFT RIDE": null });

  await panel.getByRole("button", { name: "Undo" }).click();
  await expect(panel).toHaveAttribute("data-phase", "undo");
  await expect(panel.getByTestId("job-progress")).toHaveAttribute("data-status", "completed", { timeout: 60_000 });
  await expect(panel).toContainText("Restored the earlier category of 2 transactions.");
  expect(await categories()).toMatchObject({ "UBER TRIP 4471": "Shopping", "UBER TRIP 9912": null, "UBER EATS 1234": "Dining" });

  // The saved rule can be applied again from its own row.
  await page.getByRole("button", { name: "Apply rule 1 to existing transactions" }).click();
  await expect(page.getByTestId("rule-apply-panel").getByTestId("job-progress")).toHaveAttribute("data-status", "completed", { timeout: 60_000 });
  await expect(page.getByTestId("rule-apply-panel")).toContainText("Changed the category of 2 transactions.");

  // Deleting it asks first, in a dialog that names the rule; Cancel keeps it, Delete removes it.
  await page.getByRole("button", { name: "Delete rule 1" }).click();
  const dialog = page.getByRole("alertdialog", { name: /^Delete rule 1 \(If description contains .*uber trip.* → Transport\)\?$/ });
  await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByRole("button", { name: "Delete rule 1" })).toBeFocused();
  await page.getByRole("button", { name: "Delete rule 1" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Delete", exact: true }).click();
  await expect(page.getByTestId("rules-empty")).toBeVisible();
});
