import { z } from "zod";

// The generalization eval's fixture format, checked on load so a typo in a fixture fails loudly
// instead of silently passing. Each goal carries the properties a right plan must have; the
// categories are what the per-category pass rates are reported by.

export const EVAL_CATEGORIES = [
  "platforms",
  "urls",
  "verbs",
  "counts",
  "research",
  "no-research",
  "unmappable",
  "paraphrase",
  "subjects",
  "refuse",
  "visible",
] as const;

/** A URL's role: read (fetch_url, or http_request GET), or the HTTP method it is called with ("PUT|PATCH": either). */
const urlRole = z.string().regex(/^(read|(GET|POST|PUT|PATCH|DELETE)(\|(GET|POST|PUT|PATCH|DELETE))*)$/);

export const evalGoalSchema = z
  .object({
    id: z.string(),
    category: z.enum(EVAL_CATEGORIES),
    goal: z.string().min(1),
    /** The exact tool sequence. */
    tools: z.array(z.string()).optional(),
    /** Tools that must appear in this order (others may come between). */
    includes: z.array(z.string()).optional(),
    /** Tools that must not appear. */
    excludes: z.array(z.string()).optional(),
    /** Some step of the tool has at least these inputs. */
    inputs: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
    /** Some step of the tool mentions every one of these words in its inputs. */
    terms: z.record(z.string(), z.array(z.string())).optional(),
    urls: z.record(z.string(), urlRole).optional(),
    /** The parts that must be reported as not planned, each given by words its text contains; absent = none. */
    notPlanned: z.array(z.array(z.string()).min(1)).optional(),
    /** The planner must refuse the goal (nothing plannable), naming `goal`. */
    refuse: z.boolean().optional(),
  })
  .strict();

export type EvalGoal = z.infer<typeof evalGoalSchema>;

/**
 * The shared eval (planner-goals.json: goal, tools in order, inputs, terms) in this format, category
 * "visible", so one scorer — with its checks every plan must pass — reports on it too.
 */
export function fromSharedEval(json: unknown): EvalGoal[] {
  const shared = z
    .array(z.object({ goal: z.string(), tools: z.array(z.string()), inputs: evalGoalSchema.shape.inputs, terms: evalGoalSchema.shape.terms }))
    .parse(json);
  return shared.map((g, i) => ({
    id: `v${String(i + 1).padStart(2, "0")}`,
    category: "visible",
    goal: g.goal,
    includes: g.tools,
    inputs: g.inputs,
    terms: g.terms,
  }));
}

export function parseEvalGoals(json: unknown): EvalGoal[] {
  const goals = z.array(evalGoalSchema).parse(json);
  const ids = new Set<string>();
  for (const g of goals) {
    if (ids.has(g.id)) throw new Error(`duplicate eval goal id ${g.id}`);
    ids.add(g.id);
  }
  return goals;
}
