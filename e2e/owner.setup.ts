import { expect, test as setup } from "@playwright/test";
import { OWNER, OWNER_STATE } from "./support/owner";

// The first ten seconds of a fresh installation: every page asks for the owner account first.
setup("a fresh installation asks for the owner account, then signs them in", async ({ page }) => {
  await page.goto("/runs");
  await expect(page).toHaveURL(/\/setup\?next=%2Fruns$/);
  await expect(page.getByText("Create the owner account", { exact: true })).toBeVisible();
  await page.getByLabel("Name").fill(OWNER.name);
  await page.getByLabel("Email").fill(OWNER.email);
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  // The browser's own check stops a short password before it is sent (the server checks again: a 400 naming `password`).
  expect(await page.getByLabel("Password").evaluate((el) => (el as HTMLInputElement).validity.tooShort)).toBe(true);
  await expect(page).toHaveURL(/\/setup/);
  await page.getByLabel("Password").fill(OWNER.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/runs$/);
  await expect(page.getByRole("button", { name: "Account" })).toContainText(OWNER.email);
  await page.context().storageState({ path: OWNER_STATE });

  // Setup happens once: the page now sends people to sign in, and the API refuses a second owner.
  await page.goto("/setup");
  await expect(page).toHaveURL(/\/$/); // /setup → /login → signed in already → /
  const again = await page.request.post("/api/setup", { data: { ...OWNER, email: "second@planvas.test" } });
  expect(again.status()).toBe(409);
});
