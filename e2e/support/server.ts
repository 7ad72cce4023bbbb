import { spawn, type ChildProcess } from "node:child_process";
import { createServer, type Server } from "node:http";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";

/** A production Planvas server of its own (its own data directory), to kill and restart. */
export class AppProcess {
  private child: ChildProcess | undefined;
  /** The owner's API token and session cookie on this server (set up on its first start). */
  token = "";
  sessionCookie = "";
  readonly dataDir = mkdtempSync(path.join(tmpdir(), "planvas-crash-"));
  constructor(
    readonly port: number,
    private readonly env: Record<string, string> = {},
  ) {}

  get url() {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.child = spawn("./node_modules/.bin/next", ["start", "-p", String(this.port), "-H", "127.0.0.1"], {
      env: { ...process.env, PLANVAS_DATA_DIR: this.dataDir, DATABASE_URL: "", PORT: String(this.port), ...this.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.child.stdout?.resume();
    this.child.stderr?.resume();
    const end = Date.now() + 60_000;
    while (Date.now() < end) {
      try {
        const res = await fetch(`${this.url}/api/health`);
        if (res.ok) return await this.setUp();
      } catch {
        // not up yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`the server on port ${this.port} did not start`);
  }

  /** Creates the owner account on the first start (the same /api/setup a person uses). */
  private async setUp(): Promise<void> {
    if (this.token) return;
    const res = await fetch(`${this.url}/api/setup`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "owner@planvas.test", password: "e2e owner password", name: "E2E owner" }),
    });
    if (res.status !== 201) throw new Error(`setup on port ${this.port} answered ${res.status}: ${await res.text()}`);
    this.token = ((await res.json()) as { token: string }).token;
    this.sessionCookie = res.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
  }

  /** Signs a browser context in as the owner of this server. */
  async signIn(context: { addCookies(cookies: { name: string; value: string; url: string }[]): Promise<void> }): Promise<void> {
    await context.addCookies(
      this.sessionCookie.split("; ").map((pair) => {
        const eq = pair.indexOf("=");
        return { name: pair.slice(0, eq), value: pair.slice(eq + 1), url: this.url };
      }),
    );
  }

  /** SIGKILL: no shutdown hooks, no flushing — a crash. */
  async kill(): Promise<void> {
    const c = this.child;
    if (!c || c.exitCode !== null) return;
    const exited = new Promise((r) => c.once("exit", r));
    c.kill("SIGKILL");
    await exited;
  }

  async api<T>(p: string, init?: RequestInit): Promise<{ status: number; body: T }> {
    const res = await fetch(`${this.url}${p}`, {
      ...init,
      headers: { "content-type": "application/json", ...(this.token ? { authorization: `Bearer ${this.token}` } : {}), ...init?.headers },
    });
    return { status: res.status, body: (await res.json().catch(() => ({}))) as T };
  }
}

/** A local HTTP endpoint that counts the requests it receives (a side-effect counter); `/slow/*` answers late. */
export class SideEffectCounter {
  readonly counts = new Map<string, number>();
  private server: Server | undefined;
  port = 0;
  slowMs = 4_000;
  private waiters: { key: string; n: number; resolve: () => void }[] = [];

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const key = req.url ?? "/";
      this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
      for (const w of this.waiters.filter((w) => (this.counts.get(w.key) ?? 0) >= w.n)) w.resolve();
      const reply = () => {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ ok: true, key, count: this.counts.get(key) }));
      };
      if (key.startsWith("/slow")) setTimeout(reply, this.slowMs);
      else reply();
    });
    await new Promise<void>((r) => this.server!.listen(0, "127.0.0.1", () => r()));
    this.port = (this.server!.address() as AddressInfo).port;
  }

  url(p: string) {
    return `http://127.0.0.1:${this.port}${p}`;
  }

  count(p: string) {
    return this.counts.get(p) ?? 0;
  }

  reached(key: string, n = 1): Promise<void> {
    if (this.count(key) >= n) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ key, n, resolve }));
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((r) => this.server?.close(r));
  }
}
