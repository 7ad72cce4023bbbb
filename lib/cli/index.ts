import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { describeModels, modelSettings } from "../ai/config";
import { planToJson } from "../plan/export";
import { validatePlanText } from "../plan/validate";

// Commands load what they need when they run: `validate` should not pay for the AI SDK and tools.

// Exit codes: 0 ok, 1 invalid input (the message names the path), 2 usage.
const USAGE = `usage: planvas <command> [options]

commands:
  plan "<goal>" [--json]     plan a goal with the configured model (offline by default)
  validate <plan.json>       check a plan file; errors name the JSON path
  tools [--json]             list the tools a plan can use
`;

type Out = { log: (s: string) => void; err: (s: string) => void };
const std: Out = { log: (s) => process.stdout.write(`${s}\n`), err: (s) => process.stderr.write(`${s}\n`) };

class UsageError extends Error {}

async function plan(args: string[], out: Out): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { json: { type: "boolean", default: false } }, allowPositionals: true });
  const goal = positionals.join(" ").trim();
  if (!goal) throw new UsageError('plan needs a goal: planvas plan "Research AI trends and write a LinkedIn carousel"');
  const [{ createModels }, { planGoal, PlanningError }] = await Promise.all([import("../ai/models"), import("../planner")]);
  const models = createModels();
  try {
    const { plan, warnings } = await planGoal(goal, { model: models.planner });
    if (values.json) {
      out.log(planToJson(plan).trimEnd());
      return 0;
    }
    out.log(`${plan.title}  (${describeModels(models.settings)})`);
    for (const s of plan.steps) {
      out.log(`  ${s.stepIndex}. ${s.toolName}${s.requiresApproval ? "  [approval]" : ""} — ${s.description}`);
      if (Object.keys(s.input).length) out.log(`     ${JSON.stringify(s.input)}`);
    }
    for (const w of warnings) out.err(`warning: ${w.path}: ${w.message}`);
    return 0;
  } catch (e) {
    if (e instanceof PlanningError) {
      out.err(`planvas: ${e.message}`);
      for (const i of e.issues) out.err(`  ${i.path}: ${i.message}`);
      return 1;
    }
    throw e;
  }
}

function validate(args: string[], out: Out): number {
  const { positionals } = parseArgs({ args, allowPositionals: true });
  const file = positionals[0];
  if (!file || positionals.length > 1) throw new UsageError("validate needs exactly one file: planvas validate plan.json");
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    out.err(`planvas: cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    return 1;
  }
  const r = validatePlanText(text);
  if (!r.ok) {
    out.err(`${file}: invalid plan`);
    for (const i of r.issues) out.err(`  ${i.path}: ${i.message}`);
    return 1;
  }
  out.log(`${file}: valid plan "${r.plan.title}" with ${r.plan.steps.length} step${r.plan.steps.length === 1 ? "" : "s"}`);
  for (const w of r.warnings) out.err(`  warning: ${w.path}: ${w.message}`);
  return 0;
}

async function tools(args: string[], out: Out): Promise<number> {
  const { values } = parseArgs({ args, options: { json: { type: "boolean", default: false } } });
  const { toolDefinitions } = await import("../tools/registry");
  if (values.json) {
    out.log(JSON.stringify(toolDefinitions.map(({ name, title, description, publishes }) => ({ name, title, description, publishes })), null, 2));
    return 0;
  }
  const width = Math.max(...toolDefinitions.map((t) => t.name.length));
  for (const t of toolDefinitions) out.log(`${t.name.padEnd(width)}  ${t.publishes ? "publishes  " : "           "}${t.description}`);
  out.log(`\nmodels: ${describeModels(modelSettings())}`);
  return 0;
}

export async function main(argv: string[], out: Out = std): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case "plan":
        return await plan(rest, out);
      case "validate":
        return validate(rest, out);
      case "tools":
        return await tools(rest, out);
      case undefined:
      case "help":
      case "--help":
      case "-h":
        out.log(USAGE.trimEnd());
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (e) {
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      out.err(`planvas: ${(e as Error).message}\n\n${USAGE}`);
      return 2;
    }
    out.err(`planvas: ${(e as Error).message}`);
    return 1;
  }
}
