// What the engine benchmarks run (scripts/bench-engine.ts, scripts/bench-peers.planvas.ts): a no-op
// tool in the place of "summarize", and chains of n steps of it, so what is measured is
// orchestration: state writes, run events, SDK calls and the executor's forced tool call.
import { z } from "zod";
import type { Plan } from "../lib/plan/schema";
import { validatePlan } from "../lib/plan/validate";
import type { AnyTool } from "../lib/tools/registry";

export const noopTool: AnyTool = {
  name: "summarize",
  title: "No-op",
  description: "Returns at once.",
  icon: "search",
  publishes: false,
  inputSchema: z.object({ n: z.number() }),
  outputSchema: z.object({ n: z.number() }),
  execute: async ({ n }: { n: number }) => ({ n }),
};

/** A plan of `n` no-op steps, one after another. */
export function noopChain(n: number): Plan {
  const v = validatePlan({
    title: `bench ${n}`,
    steps: Array.from({ length: n }, (_, i) => ({
      stepIndex: i,
      toolName: "summarize",
      description: `no-op ${i}`,
      requiresApproval: false,
      input: { n: i },
    })),
  });
  if (!v.ok) throw new Error("invalid bench plan");
  return v.plan;
}
