// npm run bench:templates — making a plan from a 500-step template and validating it: the parameter
// typing against the tools' schemas, the values' checks, interpolation, binding, then the same
// validation a saved plan gets (validatePlan + checkPlan). p50 / p95 over rounds, after a warm-up.
import os from "node:os";
import { checkPlan } from "../lib/plan/check";
import type { Plan, PlanStep } from "../lib/plan/schema";
import { validatePlan } from "../lib/plan/validate";
import { instantiate, templateParamSchema } from "../lib/templates/params";

const STEPS = Number(process.env.BENCH_STEPS ?? 500);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 40);

// A chain of research → outline → post blocks, every block reading {{topic}} and one bound count.
const steps: PlanStep[] = [];
for (let i = 0; i < STEPS; i++) {
  const kind = i % 3;
  const id = `s${i}`;
  const dependsOn = i ? [`s${i - 1}`] : [];
  if (kind === 0)
    steps.push({
      stepIndex: i,
      id,
      toolName: "web_search",
      description: `Search {{topic}} angle ${i}`,
      requiresApproval: false,
      input: { query: `{{topic}} ${i}` },
      dependsOn,
    });
  else if (kind === 1)
    steps.push({
      stepIndex: i,
      id,
      toolName: "generate_outline",
      description: "Outline {{topic}}",
      requiresApproval: false,
      input: { topic: "{{topic}}", sections: 5, format: "slides" },
      dependsOn,
    });
  else
    steps.push({
      stepIndex: i,
      id,
      toolName: "format_post",
      description: "Write about {{topic}}",
      requiresApproval: true,
      input: { platform: "linkedin", format: "carousel" },
      dependsOn,
    });
}
const plan: Plan = { title: "{{topic}} at scale", steps };
const params = [
  templateParamSchema.parse({ name: "topic", label: "Topic" }),
  templateParamSchema.parse({
    name: "slides",
    label: "Slides",
    bindings: steps
      .filter((s) => s.toolName === "generate_outline")
      .map((s) => ({ stepId: s.id, path: ["sections"] }))
      .slice(0, 50),
  }),
  templateParamSchema.parse({
    name: "platform",
    label: "Platform",
    bindings: steps
      .filter((s) => s.toolName === "format_post")
      .map((s) => ({ stepId: s.id, path: ["platform"] }))
      .slice(0, 50),
  }),
];

function once(): number {
  const t0 = performance.now();
  const made = instantiate(plan, params, { topic: "remote work", slides: 8, platform: "x" });
  if (made.problems.length) throw new Error(JSON.stringify(made.problems.slice(0, 3)));
  const v = validatePlan(made.plan);
  if (!v.ok) throw new Error(JSON.stringify(v.issues.slice(0, 3)));
  checkPlan(v.plan);
  return performance.now() - t0;
}

for (let i = 0; i < 5; i++) once();
const times = Array.from({ length: ROUNDS }, once).sort((a, b) => a - b);
const pct = (p: number) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))]!;
console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "?"}, Node ${process.version}, load ${os.loadavg()[0]!.toFixed(2)}`);
console.log(
  `instantiate + validate a ${STEPS}-step template (3 parameters, 100 bindings), ${ROUNDS} rounds: p50 ${pct(50).toFixed(1)} ms, p95 ${pct(95).toFixed(1)} ms`,
);
