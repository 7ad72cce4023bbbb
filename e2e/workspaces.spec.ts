import { expect, test, type Page } from "@playwright/test";
import { carouselJson, createPlan } from "./pages/editor";
import { OWNER } from "./support/owner";

// Teams as a person meets them: a team workspace made from the header's switcher keeps its own
// plans; an API token made in the settings works with fetch until it is revoked there; a password
// changed on the account page is the one that signs in. (The owner's password is changed in a
// session of its own and changed back, so the suite's stored session and password stay valid.)

const unique = () => Math.random().toString(36).slice(2, 8);

async function switchTo(page: Page, name: string) {
  await page.getByTestId("workspace-switcher").click();
  await page.getByRole("menuitem", { name: new RegExp(`^${name}`) }).click();
  await expect(page.getByTestId("workspace-switcher")).toContainText(name);
}

test("a team workspace from the switcher has its own plans", async ({ page }) => {
  const team = `Growth ${unique()}`;
  await page.goto("/");
  const switcher = page.getByTestId("workspace-switcher");
  await expect(switcher).toContainText(OWNER.name);

  await switcher.click();
  await page.getByRole("menuitem", { name: "New workspace…" }).click();
  const dialog = page.getByRole("dialog", { name: "New workspace" });
  await dialog.getByLabel("Name").fill(team);
  await dialog.getByRole("button", { name: "Create workspace" }).click();
  await expect(dialog).toBeHidden();
  await expect(switcher).toContainText(team);
  await expect(page.getByTestId("plans-empty")).toBeVisible();

  // The current one is checked in the menu.
  await switcher.click();
  await expect(page.getByRole("menuitem", { name: new RegExp(`^${team}`) })).toHaveAttribute("aria-current", "true");
  await page.keyboard.press("Escape");

  const title = `Team-only plan ${unique()}`;
  await createPlan(page.request, { ...JSON.parse(carouselJson), title });
  await page.reload();
  await expect(page.getByText(title)).toBeVisible();

  await switchTo(page, OWNER.name);
  await expect(page.getByRole("heading", { name: "Plans" })).toBeVisible();
  await expect(page.getByText(title)).toHaveCount(0);
  await switchTo(page, team);
  await expect(page.getByText(title)).toBeVisible();
  await switchTo(page, OWNER.name);
});

test("an API token made in the settings works with fetch until it is revoked", async ({ page, playwright, baseURL }) => {
  await page.goto("/");
  await page.getByRole("button", { name: /^Account/ }).click();
  await page.getByRole("menuitem", { name: "API tokens" }).click();
  await expect(page.getByRole("heading", { name: "API tokens" })).toBeVisible();

  const name = `script ${unique()}`;
  await page.getByRole("button", { name: "New token" }).click();
  const dialog = page.getByRole("dialog", { name: "New API token" });
  await dialog.getByLabel("Name").fill(name);
  await dialog.getByRole("button", { name: "Create token" }).click();
  const shown = page.getByRole("dialog", { name: "Copy your new token" });
  await expect(shown.getByText("This is the only time it is shown")).toBeVisible();
  const token = await shown.getByTestId("new-token").inputValue();
  expect(token).toMatch(/^pvt_/);
  await shown.getByRole("button", { name: "Done" }).click();
  const row = page.getByTestId("token-row").filter({ hasText: name });
  await expect(row).toContainText(OWNER.name);
  await expect(row).toContainText("never");

  // No cookies: only the token.
  const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${token}` } });
  try {
    const ok = await api.get("/api/plans");
    expect(ok.status()).toBe(200);
    expect(Array.isArray(((await ok.json()) as { plans: unknown[] }).plans)).toBe(true);
    await page.reload();
    await expect(page.getByTestId("token-row").filter({ hasText: name })).not.toContainText("never");

    await page.getByRole("button", { name: `Revoke ${name}` }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Revoke" }).click();
    await expect(page.getByTestId("token-row").filter({ hasText: name })).toHaveCount(0);
    const refused = await api.get("/api/plans");
    expect(refused.status()).toBe(401);
  } finally {
    await api.dispose();
  }
});

test("a changed password is the one that signs in", async ({ browser }) => {
  const changed = `${OWNER.password} ${unique()}`;
  // A session of its own: signing out here leaves the suite's stored session alone.
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  const signIn = async (password: string) => {
    await page.goto("/login");
    await page.getByLabel("Email").fill(OWNER.email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("button", { name: /^Account/ })).toBeVisible();
  };
  let current = OWNER.password;
  try {
    await signIn(OWNER.password);
    await page.getByRole("button", { name: /^Account/ }).click();
    await page.getByRole("menuitem", { name: "Account" }).click();
    await expect(page.getByRole("heading", { name: "Account" })).toBeVisible();

    await page.getByLabel("Current password").fill("not the password at all");
    await page.getByLabel("New password", { exact: true }).fill(changed);
    await page.getByLabel("New password again").fill(changed);
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByText("This is not your current password")).toBeVisible();
    await expect(page.getByLabel("Current password")).toHaveAttribute("aria-invalid", "true");

    await page.getByLabel("Current password").fill(OWNER.password);
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByText("Password changed", { exact: true })).toBeVisible();
    current = changed;

    await page.getByRole("button", { name: /^Account/ }).click();
    await page.getByRole("menuitem", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login/);
    await signIn(changed);
  } finally {
    if (current !== OWNER.password) {
      // Signed in again through the API whatever state the page was left in, then changed back.
      const session = await page.request.post("/api/session", { data: { email: OWNER.email, password: current } });
      expect(session.status(), await session.text()).toBe(200);
      const back = await page.request.post("/api/account/password", { data: { currentPassword: current, newPassword: OWNER.password } });
      expect(back.status(), await back.text()).toBe(200);
    }
    await page.request.delete("/api/session");
    await context.close();
  }
});
