import { expect, test } from "@playwright/test";

// Password guessing as a person would meet it: after ten wrong tries for one email the form
// says to wait, in words, instead of checking the password again (the e2e server trusts the
// address next start puts in X-Forwarded-For: TRUSTED_PROXY_HOPS=1).

test("ten wrong passwords for one email, then the form asks to wait", async ({ page }) => {
  test.setTimeout(120_000);
  const email = `guess-${Date.now()}@example.test`;
  await page.goto("/login");
  const error = page.getByRole("alert").filter({ hasText: /\S/ });
  // One sign-in request per click, answered before the next.
  const attempt = async () => {
    const answered = page.waitForResponse((res) => res.url().includes("/api/auth/callback/credentials"));
    await page.getByRole("button", { name: /sign in/i }).click();
    await answered;
  };
  for (let i = 0; i < 10; i++) {
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(`wrong guess ${i}`);
    await attempt();
    await expect(error).toHaveText("That email and password don't match an account.");
  }
  await page.getByLabel("Password").fill("one more");
  await attempt();
  await expect(error).toHaveText("Too many sign-in attempts from this address. Wait 15 minutes, then try again.");
  await expect(page).toHaveURL(/\/login/);
});
