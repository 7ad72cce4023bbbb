import { describe, expect, it } from "vitest";
import { describeCron, firesBetween, nextFires, parseCron, previewCron } from "./cron";

const cronOf = (expr: string, tz: string) => {
  const p = parseCron(expr, tz);
  if (!p.ok) throw new Error(JSON.stringify(p.issues));
  return p.cron;
};
const isoList = (ds: Date[]) => ds.map((d) => d.toISOString());
/** Local wall-clock time of `d` in `tz` ("2026-03-29 09:00"). */
const local = (d: Date, tz: string) => new Intl.DateTimeFormat("sv-SE", { timeZone: tz, dateStyle: "short", timeStyle: "short" }).format(d);

describe("cron next fire times across DST changes", () => {
  it("fires a daily 09:00 once a day at 09:00 local through Lisbon's spring-forward and fall-back", () => {
    // Europe/Lisbon: 29 Mar 2026 01:00 → 02:00 (WET → WEST); 25 Oct 2026 02:00 → 01:00.
    const c = cronOf("0 9 * * *", "Europe/Lisbon");
    const spring = nextFires(c, new Date("2026-03-27T12:00:00Z"), 4);
    expect(isoList(spring)).toEqual(["2026-03-28T09:00:00.000Z", "2026-03-29T08:00:00.000Z", "2026-03-30T08:00:00.000Z", "2026-03-31T08:00:00.000Z"]);
    expect(spring.map((d) => local(d, "Europe/Lisbon"))).toEqual(["2026-03-28 09:00", "2026-03-29 09:00", "2026-03-30 09:00", "2026-03-31 09:00"]);
    const fall = nextFires(c, new Date("2026-10-23T12:00:00Z"), 4);
    expect(isoList(fall)).toEqual(["2026-10-24T08:00:00.000Z", "2026-10-25T09:00:00.000Z", "2026-10-26T09:00:00.000Z", "2026-10-27T09:00:00.000Z"]);
  });

  it("fires a daily 09:00 once a day in New York through both changes (8 Mar and 1 Nov 2026)", () => {
    const c = cronOf("0 9 * * *", "America/New_York");
    const spring = nextFires(c, new Date("2026-03-07T00:00:00Z"), 3);
    expect(isoList(spring)).toEqual(["2026-03-07T14:00:00.000Z", "2026-03-08T13:00:00.000Z", "2026-03-09T13:00:00.000Z"]);
    const fall = nextFires(c, new Date("2026-10-31T00:00:00Z"), 3);
    expect(isoList(fall)).toEqual(["2026-10-31T13:00:00.000Z", "2026-11-01T14:00:00.000Z", "2026-11-02T14:00:00.000Z"]);
    for (const d of [...spring, ...fall]) expect(local(d, "America/New_York").endsWith(" 09:00")).toBe(true);
  });

  it("runs a 02:30 job at 03:00 on the spring-forward day (02:30 does not exist), and once on the fall-back day", () => {
    // Documented behaviour (croner): a wall-clock time inside the skipped hour fires at the first
    // minute after the gap — neither skipped nor moved to the next day; a repeated hour fires once.
    const ny = cronOf("30 2 * * *", "America/New_York");
    const spring = nextFires(ny, new Date("2026-03-07T12:00:00Z"), 3);
    expect(spring.map((d) => local(d, "America/New_York"))).toEqual(["2026-03-08 03:00", "2026-03-09 02:30", "2026-03-10 02:30"]);
    const lisbon = cronOf("30 1 * * *", "Europe/Lisbon");
    const fall = nextFires(lisbon, new Date("2026-10-24T12:00:00Z"), 3);
    // 25 Oct: 01:30 happens twice (WEST, then WET); it fires once, at the first.
    expect(isoList(fall)).toEqual(["2026-10-25T00:30:00.000Z", "2026-10-26T01:30:00.000Z", "2026-10-27T01:30:00.000Z"]);
  });

  it("fires an hourly job 23 times on the spring-forward day and 25 on the fall-back day, never twice at one instant", () => {
    const c = cronOf("0 * * * *", "Europe/Lisbon");
    const spring = firesBetween(c, new Date("2026-03-28T23:59:00Z"), new Date("2026-03-29T22:59:00Z"));
    expect(spring.count).toBe(23);
    const fall = firesBetween(c, new Date("2026-10-24T22:59:00Z"), new Date("2026-10-25T23:59:00Z"));
    expect(fall.count).toBe(25);
    expect(new Set(isoList(fall.times)).size).toBe(25);
  });
});

describe("cron validation and preview", () => {
  it("names the field at fault", () => {
    expect(parseCron("0 9 * * * *", "UTC")).toMatchObject({ ok: false, issues: [{ path: "cron", message: expect.stringMatching(/expected 5 fields/) }] });
    expect(parseCron("61 9 * * *", "UTC")).toMatchObject({ ok: false, issues: [{ path: "cron", message: expect.stringMatching(/minute/) }] });
    expect(parseCron("0 9 * * *", "Europe/Atlantis")).toMatchObject({ ok: false, issues: [{ path: "timezone" }] });
    expect(parseCron("0 9 31 2 *", "UTC")).toMatchObject({ ok: false, issues: [{ path: "cron", message: "never fires" }] });
    expect(parseCron("", "UTC")).toMatchObject({ ok: false, issues: [{ path: "cron" }] });
  });

  it("reads common shapes in English and previews the next fire", () => {
    expect(describeCron("0 9 * * 1")).toBe("every Monday at 09:00");
    expect(describeCron("* * * * *")).toBe("every minute");
    expect(describeCron("*/15 * * * *")).toBe("every 15 minutes");
    expect(describeCron("5 * * * *")).toBe("at minute 5 of every hour");
    expect(describeCron("30 8 * * 1-5")).toBe("at 08:30 on weekdays");
    expect(describeCron("0 9,17 * * *")).toBe("every day at 09:00, 17:00");
    expect(describeCron("0 0 1 * *")).toBe("at 00:00 on day 1 of the month");
    expect(describeCron("0 0 L * *")).toBe('cron "0 0 L * *"');
    const p = previewCron("0 9 * * 1", "Europe/Lisbon", new Date("2026-12-02T04:00:00Z"));
    expect(p).toMatchObject({ ok: true, text: "every Monday at 09:00 Europe/Lisbon; next: 7 Dec 09:00" });
  });
});
