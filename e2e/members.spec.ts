import { expect, test, type Browser, type Page } from "@playwright/test";
import { carouselJson, createPlan } from "./pages/editor";
import { PlansPage } from "./pages/plans";

// Two people, two browsers: the owner (signed in through storageState) invites by link; the invitee
// opens it in a fresh browser with no session, makes an account and lands in the workspace.

test.describe.configure({ timeout: 90_000 });

const stamp = Date.now().toString(36);
const title = `Members launch ${stamp}`;

/** Invites through the members page's dialog; returns the link it shows. */
async function invite(page: Page, role: "Editor" | "Viewer", approver: boolean): Promise<string> {
  await page.getByRole("button", { name: "Invite" }).click();
  const dialog = page.getByRole("dialog", { name: "Invite a member" });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel("Role").click();
  await page.getByRole("option", { name: new RegExp(`^${role} —`) }).click();
  if (approver) await dialog.getByRole("switch", { name: "Approver" }).click();
  await dialog.getByRole("button", { name: "Create link" }).click();
  const link = dialog.getByLabel("Invitation link");
  await expect(link).toHaveValue(/\/invite\/pvi_[A-Za-z0-9_-]{43}$/);
  await expect(dialog.getByTestId("invite-expiry")).toContainText("Expires");
  const url = await link.inputValue();
  await dialog.getByRole("button", { name: "Copy" }).click();
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(url);
  await dialog.getByRole("button", { name: "Done" }).click();
  await expect(dialog).toBeHidden();
  return new URL(url).pathname;
}

/** A second person: a browser with no session at all. */
async function stranger(browser: Browser, baseURL: string | undefined) {
  const context = await browser.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  return { context, page: await context.newPage() };
}

async function join(page: Page, path: string, who: { name: string; email: string }) {
  await page.goto(path);
  const heading = page.getByText(/^Join /).first();
  await expect(heading).toBeVisible();
  await page.getByLabel("Name").fill(who.name);
  await page.getByLabel("Email").fill(who.email);
  await page.getByLabel("Password").fill(`${who.name} has a long password`);
  await page.getByRole("button", { name: /^Join / }).click();
  await expect(page).toHaveURL(/\/$/);
}

test("the owner invites an editor-approver and a viewer; they join by link, see the plans; the owner re-roles and removes; a revoked link says so", async ({
  page,
  browser,
  baseURL,
}) => {
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await createPlan(page.request, { ...JSON.parse(carouselJson), title });
  await page.goto("/");
  await page.getByRole("button", { name: /^Account/ }).click();
  await page.getByRole("menuitem", { name: "Members" }).click();
  await expect(page).toHaveURL(/\/settings\/members$/);
  await expect(page.getByRole("heading", { name: "Members", level: 1 })).toBeVisible();
  // Other specs may leave invitations of their own pending in this workspace (the page is server-rendered: counted as shown).
  const pending = page.getByTestId("pending-invitation");
  const before = await pending.count();

  const editorLink = await invite(page, "Editor", true);
  const viewerLink = await invite(page, "Viewer", false);
  await expect(pending).toHaveCount(before + 2);

  const eli = { name: "Eli", email: `eli-${stamp}@planvas.test` };
  const vic = { name: "Vic", email: `vic-${stamp}@planvas.test` };
  const second = await stranger(browser, baseURL);
  const third = await stranger(browser, baseURL);
  try {
    // The invite page says what it invites to, with a way to sign in instead.
    await second.page.goto(editorLink);
    await expect(second.page.getByText(/as an editor and approver/)).toBeVisible();
    await expect(second.page.getByRole("link", { name: "Sign in" })).toHaveAttribute("href", `/login?next=${encodeURIComponent(editorLink)}`);
    await join(second.page, editorLink, eli);
    const plans = new PlansPage(second.page);
    await expect(plans.planLink(title)).toBeVisible();

    await join(third.page, viewerLink, vic);
    await expect(new PlansPage(third.page).planLink(title)).toBeVisible();
    await third.page.goto("/settings/members");
    await expect(third.page.getByTestId("members-read-only")).toContainText("You are a viewer here, so this list is read-only");
    await expect(third.page.getByRole("button", { name: "Invite" })).toHaveCount(0);
    await expect(third.page.getByRole("combobox")).toHaveCount(0);

    // The owner sees both, re-roles the viewer, and removes the editor.
    await page.reload();
    await expect(pending).toHaveCount(before);
    const vicRow = page.getByTestId(`member-${vic.email}`);
    const eliRow = page.getByTestId(`member-${eli.email}`);
    await expect(eliRow.getByRole("combobox", { name: "Role of Eli" })).toHaveText("Editor");
    await expect(eliRow.getByRole("switch", { name: "Eli may approve" })).toBeChecked();
    await vicRow.getByRole("combobox", { name: "Role of Vic" }).click();
    await page.getByRole("option", { name: "Editor" }).click();
    await expect(page.getByText("Vic is now an editor")).toBeVisible();
    await expect(vicRow.getByRole("combobox", { name: "Role of Vic" })).toHaveText("Editor");
    await third.page.reload();
    await expect(third.page.getByTestId("members-read-only")).toContainText("You are an editor here");

    await eliRow.getByRole("button", { name: "Remove Eli" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Remove" }).click();
    await expect(page.getByText("Eli was removed")).toBeVisible();
    await expect(eliRow).toHaveCount(0);
    // Removed means removed: Eli's plan list no longer has the workspace's plan.
    await plans.goto();
    await expect(plans.planLink(title)).toHaveCount(0);

    // A revoked link says why.
    const revoked = await invite(page, "Viewer", false);
    await expect(pending).toHaveCount(before + 1);
    // Newest first: the one just made.
    await pending.first().getByRole("button", { name: "Revoke" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Revoke" }).click();
    await expect(page.getByText("Invitation revoked")).toBeVisible();
    await expect(pending).toHaveCount(before);
    await second.page.goto(revoked);
    await expect(second.page.getByText("This invitation does not work")).toBeVisible();
    await expect(second.page.getByText("This invitation was revoked; ask for a new one.")).toBeVisible();
    // A used link too.
    await second.page.goto(editorLink);
    await expect(second.page.getByText(/was used already/)).toBeVisible();
  } finally {
    await second.context.close();
    await third.context.close();
  }
});
