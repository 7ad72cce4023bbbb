import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { main } from ".";

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { log: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

const dir = mkdtempSync(path.join(tmpdir(), "planvas-cli-"));
const file = (name: string, content: string) => {
  const p = path.join(dir, name);
  writeFileSync(p, content);
  return p;
};

describe("planvas CLI", () => {
  it("plans a goal as JSON with the offline model", async () => {
    const r = await run("plan", "Research AI trends and write a LinkedIn carousel", "--json");
    expect(r.code).toBe(0);
    const plan = JSON.parse(r.out) as { steps: { toolName: string }[] };
    expect(plan.steps.map((s) => s.toolName)).toEqual(["web_search", "generate_outline", "format_post", "generate_image"]);
  });

  it("prints a readable plan naming the model", async () => {
    const r = await run("plan", "Draft a newsletter about our Q3 product updates");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Offline model/);
    expect(r.out).toMatch(/1\. format_post {2}\[approval\]/);
  });

  it("prints what it could not plan, on stdout for people and on stderr beside --json", async () => {
    const goal = "Write a LinkedIn post about our hiring push and schedule it in Google Calendar";
    const r = await run("plan", goal);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/format_post/);
    expect(r.out).toMatch(/^not planned: schedule it in Google Calendar — no tool for that/m);
    const j = await run("plan", goal, "--json");
    expect(JSON.parse(j.out)).toMatchObject({ steps: [{ toolName: "format_post" }] });
    expect(j.err).toMatch(/^not planned: schedule it in Google Calendar/);
  });

  it("refuses a goal with nothing to plan, saying what a plannable goal looks like", async () => {
    const r = await run("plan", "hello");
    expect(r.code).toBe(1);
    expect(r.out).toBe("");
    expect(r.err).toMatch(/^planvas: nothing to plan in “hello”/);
    expect(r.err).toMatch(/goal: has nothing a tool can do; say what to research, read, write, make or send/);
  });

  it("validates files: 0 when valid, 1 naming the path when not", async () => {
    const good = file("good.json", JSON.stringify({ title: "T", steps: [{ stepIndex: 0, toolName: "summarize", description: "s", requiresApproval: false }] }));
    expect(await run("validate", good)).toMatchObject({ code: 0 });
    const bad = file("bad.json", JSON.stringify({ title: "T", steps: [{ stepIndex: 0, toolName: "web_serch", description: "s", requiresApproval: false }] }));
    const r = await run("validate", bad);
    expect(r.code).toBe(1);
    expect(r.err).toContain('steps[0].toolName: unknown tool "web_serch" (did you mean "web_search"?)');
    expect((await run("validate", path.join(dir, "missing.json"))).code).toBe(1);
    expect((await run("validate", file("broken.json", "{"))).err).toMatch(/malformed JSON/);
  });

  it("lists the tools", async () => {
    const r = await run("tools", "--json");
    expect((JSON.parse(r.out) as { name: string }[]).map((t) => t.name)).toContain("http_request");
  });

  it("answers usage errors with exit code 2", async () => {
    expect((await run()).code).toBe(2);
    expect((await run("frobnicate")).code).toBe(2);
    expect((await run("plan")).code).toBe(2);
    expect((await run("validate")).code).toBe(2);
    expect((await run("tools", "--nope")).code).toBe(2);
  });
});

describe("planvas validate checks static inputs", () => {
  it("names the input path", async () => {
    const bad = file(
      "inputs.json",
      JSON.stringify({
        title: "T",
        steps: [{ stepIndex: 0, toolName: "format_post", description: "p", requiresApproval: true, input: { platform: "myspace" } }],
      }),
    );
    const r = await run("validate", bad);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/steps\[0\]\.input\.platform: /);
  });
});
