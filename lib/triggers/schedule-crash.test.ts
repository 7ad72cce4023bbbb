import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

// The tick under SIGKILL, with real processes on one PGlite data directory (opened by one process
// at a time, as the server does): a process is killed after the claim committed, or after the run
// was created but before the fire was recorded; the next tick (a new process) neither starts a
// second run nor leaves the time unfired.
const CHILD = path.join(import.meta.dirname, "testing", "tick-child.ts");
const dirs: string[] = [];

function child(dataDir: string, phase: string, now: string, opts: { killOn?: string } = {}): Promise<Record<string, unknown>> {
  const p = spawn(process.execPath, ["--import", "tsx", CHILD, dataDir, phase, now], {
    cwd: path.resolve(import.meta.dirname, "..", ".."),
    env: process.env,
    stdio: ["pipe", "pipe", "pipe"],
  });
  let err = "";
  p.stderr.setEncoding("utf8").on("data", (d: string) => (err += d));
  return new Promise((resolve, reject) => {
    let out = "";
    let report: Record<string, unknown> | null = null;
    p.stdout.setEncoding("utf8").on("data", (d: string) => {
      out += d;
      for (let i = out.indexOf("\n"); i >= 0; i = out.indexOf("\n")) {
        const line = out.slice(0, i);
        out = out.slice(i + 1);
        try {
          report = JSON.parse(line) as Record<string, unknown>;
        } catch {
          continue;
        }
        if (opts.killOn && report.type === opts.killOn) p.kill("SIGKILL");
      }
    });
    p.once("exit", (code, signal) => {
      if (report && (code === 0 || signal === "SIGKILL")) resolve(report);
      else reject(new Error(`${phase} exited with ${code ?? signal}:\n${err}`));
    });
  });
}

describe("the schedule tick under SIGKILL", () => {
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });
  const fresh = async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "planvas-tick-crash-"));
    dirs.push(dir);
    const setup = await child(dir, "setup", "2026-12-02T10:00:30Z");
    return { dir, scheduleId: setup.scheduleId as string };
  };

  it("killed after the claim committed: the next tick starts the pending fire once", async () => {
    const { dir, scheduleId } = await fresh();
    const claimed = await child(dir, "claim-hang", "2026-12-02T10:01:01Z", { killOn: "claimed" });
    expect(claimed.fires).toEqual([{ scheduleId, scheduledAt: "2026-12-02T10:01:00.000Z" }]);
    const tick = await child(dir, "tick", "2026-12-02T10:01:20Z");
    expect(tick.history).toEqual([{ at: "2026-12-02T10:01:00.000Z", status: "started", runId: expect.any(String) }]);
    expect(tick.runs).toEqual([(tick.history as { runId: string }[])[0]!.runId]);
  }, 120_000);

  it("killed after the run was created but before the fire was recorded: the next tick records that run, starting no second one", async () => {
    const { dir } = await fresh();
    const fired = await child(dir, "fire-hang", "2026-12-02T10:01:01Z", { killOn: "fired" });
    const runId = (fired.result as { runId: string }).runId;
    expect(fired.result).toMatchObject({ status: "started", replayed: false });
    // The next tick also decides 10:02: one run for each minute, none for 10:01 twice.
    const tick = await child(dir, "tick", "2026-12-02T10:02:01Z");
    expect(tick.history).toEqual([
      { at: "2026-12-02T10:02:00.000Z", status: "started", runId: expect.any(String) },
      { at: "2026-12-02T10:01:00.000Z", status: "started", runId },
    ]);
    expect(tick.runs).toHaveLength(2);
    expect(tick.runs).toContain(runId);
  }, 120_000);
});
