// npm run eval:planner — the offline planner over the generalization eval (tuned and held-out
// goals), pass rates per category. `--failures` lists every failed goal and why; `--set tuned`
// or `--set held-out` runs one set only.
import { parseArgs } from "node:util";
import { createOfflineModel } from "../lib/ai/offline/model";
import { byCategory, EVAL_SETS, formatFailures, formatTable, loadEvalSet, runEval, type CategoryScore } from "../lib/planner/eval/run";

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
