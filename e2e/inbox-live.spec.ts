import { expect, test } from "@playwright/test";
import { RunPage, startWaitingRun } from "./pages/run";

const inboxCount = async (request: import("@playwright/test").APIRequestContext) =>
  ((await (await request.get("/api/inbox?count=1")).json()) as { count: number }).count;

test("the inbox badge follows the run's live events, not a slow poll", async ({ page, request }) => {
  const { runId } = await startWaitingRun(request);
  await page.goto(`/runs/${runId}`);
  const run = new RunPage(page);
  await run.expectRun("awaiting_approval");
  const before = await inboxCount(request);
  await expect(page.getByTestId("inbox-count")).toHaveText(String(before));

  // Ended from elsewhere (the API, another reviewer): the page learns it from the run's event feed,
  // and the badge follows within moments — well inside the 15 s fallback poll.
  expect((await request.post(`/api/runs/${runId}/cancel`)).status()).toBe(202);
  await run.expectRun("cancelled");
  const after = before - 1;
  if (after > 0) await expect(page.getByTestId("inbox-count")).toHaveText(String(after), { timeout: 3_000 });
  else await expect(page.getByTestId("inbox-count")).toHaveCount(0, { timeout: 3_000 });
});
