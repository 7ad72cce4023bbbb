import { afterEach, describe, expect, it } from "vitest";
import { testBackends } from "@/lib/db/testing";
import * as store from "./store";
import { fnId, harness, type Harness, waitForRun } from "./testkit";

const T0 = Date.parse("2026-12-02T12:00:30Z");
const iso = (ms: number) => new Date(ms).toISOString();

describe.each(testBackends)("embedded runner cron triggers on %s", (backend) => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  const cronRuns = async () =>
    (await h!.runner.listRuns({ fnId: fnId("tick") })).map((r) => ({ status: r.status, ts: r.event.ts, cron: (r.event.data as { cron: string }).cron }));
  const until = async (pred: () => Promise<boolean>, ms = 5_000) => {
    const deadline = Date.now() + ms;
    while (!(await pred())) {
      if (Date.now() > deadline) throw new Error(`not reached in ${ms} ms: ${JSON.stringify(await cronRuns())}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };

  it("starts one run per tick, persists the next tick, and neither repeats nor drops one across a restart or a second runner", async () => {
    let clock = T0;
    const now = () => clock;
    h = await harness(
      backend,
      (inngest) => [
        inngest.createFunction({ id: "tick", triggers: [{ cron: "* * * * *" }] }, async ({ event }) => ({ cron: (event.data as { cron?: string }).cron })),
      ],
      {
        runner: { now, pollMs: 50 },
      },
    );
    expect(await store.cronTicks(h.db)).toEqual([{ fnId: fnId("tick"), cron: "* * * * *", nextAt: Date.parse("2026-12-02T12:01:00Z") }]);
    expect(await cronRuns()).toEqual([]);

    clock = Date.parse("2026-12-02T12:01:02Z");
    await waitForRun(h.runner, { fnId: fnId("tick") }, (r) => r.status === "completed");
    expect(await cronRuns()).toEqual([{ status: "completed", ts: Date.parse("2026-12-02T12:01:00Z"), cron: "* * * * *" }]);
    expect((await store.cronTicks(h.db))[0]!.nextAt).toBe(Date.parse("2026-12-02T12:02:00Z"));

    // A restart (a new runner on the same database) keeps the persisted tick: nothing is started again.
    await h.runner.stop();
    const second = h.newRunner({ now, pollMs: 50 });
    const third = h.newRunner({ now, pollMs: 50 });
    await Promise.all([second.start(), third.start()]);
    await new Promise((r) => setTimeout(r, 300));
    expect(await cronRuns()).toHaveLength(1);

    // Two runners see the same due tick: exactly one starts it.
    clock = Date.parse("2026-12-02T12:02:01Z");
    await until(async () => (await cronRuns()).length === 2 && (await cronRuns()).every((r) => r.status === "completed"));
    await new Promise((r) => setTimeout(r, 300));
    expect((await cronRuns()).map((r) => iso(r.ts))).toEqual(["2026-12-02T12:01:00.000Z", "2026-12-02T12:02:00.000Z"]);

    // Downtime: the overdue tick starts once, late; the next is after now (no burst of missed ticks).
    clock = Date.parse("2026-12-02T12:09:30Z");
    await until(async () => (await cronRuns()).length === 3);
    await new Promise((r) => setTimeout(r, 300));
    expect((await cronRuns()).map((r) => iso(r.ts))).toEqual(["2026-12-02T12:01:00.000Z", "2026-12-02T12:02:00.000Z", "2026-12-02T12:03:00.000Z"]);
    expect((await store.cronTicks(h.db))[0]!.nextAt).toBe(Date.parse("2026-12-02T12:10:00Z"));
    expect(h.logs.some((l) => l.msg === "cron tick started late")).toBe(true);

    // A day later, the completed runs of the day before are pruned with their events as a tick
    // starts (the overdue 12:10 tick, started now).
    const finished = async () =>
      (await h!.db.query<{ n: number }>("select count(*)::int as n from inngest_embedded.events where name = 'inngest/function.finished'"))[0]!.n;
    expect(await finished()).toBe(3);
    clock = Date.parse("2026-12-03T12:30:10Z");
    await until(async () => (await cronRuns()).length === 1 && (await cronRuns())[0]!.status === "completed");
    expect((await cronRuns()).map((r) => iso(r.ts))).toEqual(["2026-12-02T12:10:00.000Z"]);
    expect(await finished()).toBe(1);
  });

  it("honours a TZ= prefix and refuses an invalid cron at registration", async () => {
    let clock = Date.parse("2026-12-02T08:30:00Z");
    h = await harness(backend, (inngest) => [inngest.createFunction({ id: "tick", triggers: [{ cron: "TZ=Europe/Lisbon 0 9 * * *" }] }, async () => "ok")], {
      runner: { now: () => clock, pollMs: 50 },
    });
    expect((await store.cronTicks(h.db))[0]!.nextAt).toBe(Date.parse("2026-12-02T09:00:00Z"));
    clock = Date.parse("2026-12-02T09:00:00Z");
    await waitForRun(h.runner, { fnId: fnId("tick") }, (r) => r.status === "completed");
    await h.close();
    h = await harness(backend, (inngest) => [inngest.createFunction({ id: "bad", triggers: [{ cron: "61 * * * *" }] }, async () => "x")], { start: false });
    await expect(h.runner.start()).rejects.toThrow(
      /function "planvas-test-bad" has an invalid cron trigger "61 \* \* \* \*": cron: Invalid value for minute: 61/,
    );
  });
});
