import { describe, expect, it } from "vitest";
import { readableTimes } from "./readable-times";

describe("readableTimes", () => {
  it("turns ISO timestamps in a message into a date and time in the given zone", () => {
    expect(readableTimes("step format_post was already decided (approve) at 2026-12-01T19:20:03.512Z", "UTC")).toBe(
      "step format_post was already decided (approve) at Dec 1, 2026, 7:20 PM",
    );
    expect(readableTimes("from 2026-12-01T19:20Z to 2026-12-02T08:05:00+01:00", "Europe/Berlin")).toBe("from Dec 1, 2026, 8:20 PM to Dec 2, 2026, 8:05 AM");
  });

  it("leaves everything else alone", () => {
    expect(readableTimes("version 2026-12 of plan 12:30", "UTC")).toBe("version 2026-12 of plan 12:30");
  });
});
