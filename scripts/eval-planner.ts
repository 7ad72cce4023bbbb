// npm run eval:planner — the offline planner over the generalization eval (the tuned set, and the
// held-out and blind sets written not to be tuned on), pass rates per category, then the shared
// eval (planner-goals.json) under the same checks. `--failures` lists every failed goal and why; `--set tuned`
// or `--set held-out` runs one set only.
import { parseArgs } from "node:util";
import { createOfflineModel } from "../lib/ai/offline/model";
import { byCategory, EVAL_SETS, formatFailures, formatTable, loadEvalSet, loadVisibleSet, runEval, type CategoryScore } from "../lib/planner/eval/run";

const { values } = parseArgs({ options: { failures: { type: "boolean", default: false }, set: { type: "string" } } });
const names = (values.set ? [values.set] : Object.keys(EVAL_SETS)) as (keyof typeof EVAL_SETS)[];
const model = createOfflineModel();
const table: Record<string, CategoryScore[]> = {};
for (const name of names) {
  if (!(name in EVAL_SETS)) throw new Error(`--set must be one of ${Object.keys(EVAL_SETS).join(", ")}`);
  const results = await runEval(loadEvalSet(name), model);
  table[name] = byCategory(results);
  if (values.failures) console.log(`${name}:\n${formatFailures(results) || "  (no failures)"}\n`);
}
console.log(formatTable(table));
if (!values.set) {
  const visible = await runEval(loadVisibleSet(), model);
  const passed = visible.filter((r) => r.problems.length === 0).length;
  console.log(`\nshared eval (planner-goals.json, with the checks above): ${passed}/${visible.length}`);
  if (values.failures) console.log(formatFailures(visible));
}
