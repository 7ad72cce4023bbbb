// Starts runner-child.ts in a child process (node + tsx) and follows its reports. Test and
// benchmark support only.
import { spawn } from "node:child_process";
import path from "node:path";

export interface RunnerProcess {
  pid: number;
  /** The run the child leased and is blocked in, mid-step. */
  blocked: Promise<{ runId: string }>;
  /** SIGKILL; resolves once the process is gone. */
  kill(): Promise<void>;
  /** What the child wrote to stderr so far (its runner's log), for failure messages. */
  stderr(): string;
}

const CHILD = path.join(import.meta.dirname, "runner-child.ts");

export function startRunnerProcess(databaseUrl: string, opts: { key?: string } = {}): RunnerProcess {
  const child = spawn(process.execPath, ["--import", "tsx", CHILD], {
    cwd: path.resolve(import.meta.dirname, "..", "..", ".."),
    env: { ...process.env, PLANVAS_CHILD_DATABASE_URL: databaseUrl, ...(opts.key ? { PLANVAS_CHILD_KEY: opts.key } : {}) },
    stdio: ["pipe", "pipe", "pipe"], // the child exits when its stdin closes: it never outlives this process
  });
  let err = "";
  child.stderr.setEncoding("utf8").on("data", (d: string) => (err += d));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const blocked = new Promise<{ runId: string }>((resolve, reject) => {
    let out = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => {
      out += d;
      for (let i = out.indexOf("\n"); i >= 0; i = out.indexOf("\n")) {
        const line = out.slice(0, i);
        out = out.slice(i + 1);
        try {
          const msg = JSON.parse(line) as { type?: string; runId?: string };
          if (msg.type === "blocked" && msg.runId) resolve({ runId: msg.runId });
        } catch {
          // not a report
        }
      }
    });
    void exited.then(() => reject(new Error(`the runner process exited before leasing a run:\n${err}`)));
  });
  blocked.catch(() => {}); // observed by whoever awaits it
  return {
    pid: child.pid!,
    blocked,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await exited;
    },
    stderr: () => err,
  };
}
