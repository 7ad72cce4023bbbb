// npm run bench:planner — offline planning latency over the shared eval goals, and the executor's
// own overhead per step (agent + model + history handling, excluding the tool's work).
import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { ModelMessage } from "ai";
import { z } from "zod";
import { createOfflineModel } from "../lib/ai/offline/model";
import { executeStep } from "../lib/executor";
import { planGoal } from "../lib/planner";
import { goalMessage } from "../lib/planner/prompt";
import { MemoryAssets, MemoryKnowledge } from "../lib/tools/testing";
import type { ToolDefinition } from "../lib/tools/types";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 30);
const goals: { goal: string }[] = JSON.parse(readFileSync(path.resolve("lib", "planner", "fixtures", "planner-goals.json"), "utf8"));

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
const ms = (n: number) => `${n.toFixed(2)} ms`;

const model = createOfflineModel();
for (const g of goals) await planGoal(g.goal, { model }); // warm up (JIT, module init)

const planning: number[] = [];
for (let r = 0; r < ROUNDS; r++) {
  for (const g of goals) {
    const t0 = performance.now();
    await planGoal(g.goal, { model });
    planning.push(performance.now() - t0);
  }
}

// A tool that does nothing, so what remains is the executor's own cost.
const noop: ToolDefinition<{ text: string }, { text: string }> = {
  name: "noop",
  title: "No-op",
  description: "Returns its input.",
  icon: "search",
  publishes: false,
  inputSchema: z.object({ text: z.string() }),
  outputSchema: z.object({ text: z.string() }),
  execute: async ({ text }) => ({ text }),
};
const context = {
  assets: new MemoryAssets(),
  knowledge: new MemoryKnowledge([]),
  log: () => {},
  models: { text: model },
  settings: { allowPrivateUrls: false },
};
const history: ModelMessage[] = [{ role: "user", content: goalMessage("benchmark") }];
const overhead: number[] = [];
for (let i = 0; i < ROUNDS * 20; i++) {
  const t0 = performance.now();
  const r = await executeStep({ id: `s${i}`, toolName: "noop", description: "echo", input: { text: "x" } }, history.slice(0, 1 + (i % 10) * 2), {
    model,
    context,
    resolveTool: () => noop,
  });
  overhead.push(performance.now() - t0 - r.timing.toolMs);
  if (history.length < 21) history.push(...r.messages);
}

const cpu = os.cpus()[0]?.model ?? "unknown CPU";
console.log(`machine: ${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.versions.node}`);
console.log(
  `offline planning over ${goals.length} eval goals × ${ROUNDS} rounds (n=${planning.length}): p50 ${ms(pct(planning, 50))}, p95 ${ms(pct(planning, 95))}, max ${ms(Math.max(...planning))}`,
);
console.log(`executor overhead per step, offline model, no-op tool (n=${overhead.length}): p50 ${ms(pct(overhead, 50))}, p95 ${ms(pct(overhead, 95))}`);
