import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { describeModels, modelSettings } from "../ai/config";
import { isUuid } from "../ids";
import { isTerminal } from "../runs/status";
import { planToJson } from "../plan/export";
import { documentInputIssues } from "../plan/check";
import { validatePlanText } from "../plan/validate";

// Commands load what they need when they run: `validate` should not pay for the AI SDK and tools.

// Exit codes: 0 ok, 1 invalid input (the message names the path), 2 usage.
const USAGE = `usage: planvas <command> [options]

commands:
  plan "<goal>" [--json]     plan a goal with the configured model (offline by default)
  validate <plan.json>       check a plan file; errors name the JSON path
  tools [--json]             list the tools a plan can use
  run <plan.json|planId> [--follow] [--url URL]
                             start a run on a running Planvas server (default http://127.0.0.1:3000,
                             or PLANVAS_URL); --follow prints each step's status until the run ends
  decide <runId> <stepId> approve|reject [--feedback "..."] [--edit output.json] [--url URL]
                             decide on a step awaiting approval
  setup --email E --password P [--name N] [--url URL]
                             create the owner account of a fresh installation; prints an API token
                             (set PLANVAS_TOKEN to it: run, decide, template and schedule send it)
  template list|show <id>    the server's templates (starters included); show lists the parameters
  template use|run <id> [--param key=value ...] [--version N] [--follow]
                             make a plan from a template and save it (run: and start a run)
  webhook list [--template ID | --plan ID] | show <id>
  webhook create --template ID|--plan ID [--version N] [--name N] [--param k=v ...] [--map param=$.path ...]
  webhook rotate <id> [--grace SECONDS] | delete <id>
                             signed webhooks that start runs; create and rotate print the secret once
  schedule create (--plan ID | --template ID) --cron "0 9 * * 1" [--tz Europe/Lisbon] [--version N]
                  [--param key=value ...] [--name N] [--overlap skip|queue|allow] [--max-failures N]
  schedule list [--json] | pause <id> | resume <id>
                             run a plan or template on a cron schedule (as you); see the README
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
    const { plan, warnings, notPlanned } = await planGoal(goal, { model: models.planner });
    const unplanned = notPlanned.map((p) => `not planned: ${p.part} — ${p.reason}`);
    if (values.json) {
      // stdout stays a plan file; what was left out goes to stderr.
      out.log(planToJson(plan).trimEnd());
      for (const line of unplanned) out.err(line);
      return 0;
    }
    out.log(`${plan.title}  (${describeModels(models.settings)})`);
    for (const s of plan.steps) {
      out.log(`  ${s.stepIndex}. ${s.toolName}${s.requiresApproval ? "  [approval]" : ""} — ${s.description}`);
      if (Object.keys(s.input).length) out.log(`     ${JSON.stringify(s.input)}`);
    }
    for (const line of unplanned) out.log(line);
    for (const w of warnings) out.err(`warning: ${w.path}: ${w.message}`);
    return 0;
  } catch (e) {
    if (e instanceof PlanningError) {
      out.err(`planvas: ${e.message}`);
      for (const i of e.issues) out.err(`  ${i.path}: ${i.message}`);
      for (const p of e.notPlanned) out.err(`  not planned: ${p.part} — ${p.reason}`);
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
  const inputs = r.ok ? documentInputIssues(JSON.parse(text)) : [];
  if (!r.ok || inputs.length) {
    out.err(`${file}: invalid plan`);
    for (const i of r.ok ? inputs : r.issues) out.err(`  ${i.path}: ${i.message}`);
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
    out.log(
      JSON.stringify(
        toolDefinitions.map(({ name, title, description, publishes }) => ({ name, title, description, publishes })),
        null,
        2,
      ),
    );
    return 0;
  }
  const width = Math.max(...toolDefinitions.map((t) => t.name.length));
  for (const t of toolDefinitions) out.log(`${t.name.padEnd(width)}  ${t.publishes ? "publishes  " : "           "}${t.description}`);
  out.log(`\nmodels: ${describeModels(modelSettings())}`);
  return 0;
}

interface RunJson {
  id: string;
  status: string;
  error: string | null;
  steps: { id: string; toolName: string; status: string; contentHash: string | null; output: unknown; error: string | null; revision: number }[];
}

async function api<T>(base: string, path: string, init?: RequestInit): Promise<{ status: number; body: T }> {
  let res: Response;
  try {
    const token = process.env.PLANVAS_TOKEN?.trim();
    res = await fetch(new URL(path, base), {
      ...init,
      headers: { "content-type": "application/json", accept: "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}), ...init?.headers },
    });
  } catch (e) {
    throw new Error(`cannot reach Planvas at ${base} (${(e as Error).message}); start it with "npm run dev" or pass --url`);
  }
  return { status: res.status, body: (await res.json().catch(() => ({}))) as T };
}

async function run(args: string[], out: Out): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { follow: { type: "boolean", default: false }, url: { type: "string" } },
    allowPositionals: true,
  });
  const target = positionals[0];
  if (!target || positionals.length > 1) throw new UsageError("run needs a plan file or a plan id: planvas run plan.json --follow");
  const base = values.url ?? process.env.PLANVAS_URL ?? "http://127.0.0.1:3000";
  let planId = target;
  if (!isUuid(target)) {
    let text: string;
    try {
      text = readFileSync(target, "utf8");
    } catch (e) {
      out.err(`planvas: cannot read ${target}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      return 1;
    }
    const checked = validatePlanText(text);
    if (!checked.ok) {
      out.err(`${target}: invalid plan`);
      for (const i of checked.issues) out.err(`  ${i.path}: ${i.message}`);
      return 1;
    }
    const created = await api<{ id?: string; error?: string }>(base, "/api/plans", { method: "POST", body: JSON.stringify(checked.plan) });
    if (created.status !== 201 || !created.body.id) {
      out.err(`planvas: could not save the plan: ${created.body.error ?? `HTTP ${created.status}`}`);
      return 1;
    }
    planId = created.body.id;
    out.log(`saved plan ${planId}`);
  }
  // One Idempotency-Key for this command: retrying after a lost connection never starts a second run.
  const key = randomUUID();
  const start = () =>
    api<{ runId?: string; error?: string }>(base, "/api/runs", { method: "POST", headers: { "idempotency-key": key }, body: JSON.stringify({ planId }) });
  const started = await start().catch(async () => {
    await new Promise((r) => setTimeout(r, 1000));
    return start();
  });
  if ((started.status !== 201 && started.status !== 200) || !started.body.runId) {
    out.err(`planvas: the run did not start: ${started.body.error ?? `HTTP ${started.status}`}`);
    return 1;
  }
  const runId = started.body.runId;
  out.log(`run ${runId} started — ${new URL(`/runs/${runId}`, base)}`);
  if (!values.follow) return 0;
  const seen = new Map<string, string>();
  for (;;) {
    const { status, body } = await api<RunJson>(base, `/api/runs/${runId}`);
    if (status !== 200) {
      out.err(`planvas: lost the run (HTTP ${status})`);
      return 1;
    }
    for (const s of body.steps) {
      const key = `${s.status}:${s.revision}`;
      if (seen.get(s.id) === key) continue;
      seen.set(s.id, key);
      out.log(`  ${s.status.padEnd(17)} ${s.id}${s.revision ? ` (revision ${s.revision})` : ""}${s.error && s.status === "failed" ? ` — ${s.error}` : ""}`);
      if (s.status === "awaiting_approval")
        out.log(`    decide: planvas decide ${runId} ${s.id} approve   (or reject --feedback "...", or open the run in the browser)`);
    }
    if (isTerminal(body.status)) {
      out.log(`run ${body.status}${body.error ? `: ${body.error}` : ""}`);
      return body.status === "succeeded" ? 0 : 1;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function decide(args: string[], out: Out): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { feedback: { type: "string" }, edit: { type: "string" }, url: { type: "string" } },
    allowPositionals: true,
  });
  const [runId, stepId, verb] = positionals;
  if (!runId || !stepId || (verb !== "approve" && verb !== "reject")) throw new UsageError("decide needs a run id, a step id and approve|reject");
  const base = values.url ?? process.env.PLANVAS_URL ?? "http://127.0.0.1:3000";
  const current = await api<RunJson & { error?: string }>(base, `/api/runs/${runId}`);
  if (current.status !== 200) {
    out.err(`planvas: ${current.body.error ?? `HTTP ${current.status}`}`);
    return 1;
  }
  const step = current.body.steps.find((s) => s.id === stepId);
  if (!step) {
    out.err(`planvas: run ${runId} has no step "${stepId}"`);
    return 1;
  }
  let output: unknown;
  if (values.edit) {
    try {
      output = JSON.parse(readFileSync(values.edit, "utf8"));
    } catch (e) {
      out.err(`planvas: cannot read the edited output from ${values.edit}: ${(e as Error).message}`);
      return 1;
    }
  }
  const decision = verb === "reject" ? "reject" : output !== undefined ? "edit" : "approve";
  const res = await api<{ error?: string; issues?: { path: string; message: string }[] }>(
    base,
    `/api/runs/${runId}/steps/${encodeURIComponent(stepId)}/decision`,
    {
      method: "POST",
      body: JSON.stringify({
        decision,
        contentHash: step.contentHash,
        ...(output !== undefined ? { output } : {}),
        ...(values.feedback ? { feedback: values.feedback } : {}),
      }),
    },
  );
  if (res.status === 202) {
    out.log(`${decision} recorded for ${stepId}`);
    return 0;
  }
  out.err(`planvas: ${res.body.error ?? `HTTP ${res.status}`}`);
  for (const i of res.body.issues ?? []) out.err(`  ${i.path}: ${i.message}`);
  return 1;
}

async function setup(args: string[], out: Out): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { email: { type: "string" }, password: { type: "string" }, name: { type: "string" }, url: { type: "string" } },
  });
  if (!values.email || !values.password) throw new UsageError("setup needs --email and --password: planvas setup --email you@example.com --password '…'");
  const base = values.url ?? process.env.PLANVAS_URL ?? "http://127.0.0.1:3000";
  const res = await api<{ token?: string; error?: string; issues?: { path: string; message: string }[] }>(base, "/api/setup", {
    method: "POST",
    body: JSON.stringify({ email: values.email, password: values.password, name: values.name ?? values.email.split("@")[0] }),
  });
  if (res.status !== 201 || !res.body.token) {
    out.err(`planvas: setup failed: ${res.body.error ?? `HTTP ${res.status}`}`);
    for (const i of res.body.issues ?? []) out.err(`  ${i.path}: ${i.message}`);
    return 1;
  }
  out.log(`owner account created for ${values.email}; sign in at ${new URL("/login", base)}`);
  out.log(`API token (shown once): ${res.body.token}`);
  out.log(`export PLANVAS_TOKEN=${res.body.token}`);
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
      case "run":
        return await run(rest, out);
      case "decide":
        return await decide(rest, out);
      case "setup":
        return await setup(rest, out);
      case "template": {
        const { values } = parseArgs({ args: rest, options: { url: { type: "string" } }, allowPositionals: true, strict: false });
        const base = (typeof values.url === "string" ? values.url : undefined) ?? process.env.PLANVAS_URL ?? "http://127.0.0.1:3000";
        const { template } = await import("./template");
        return await template(
          rest,
          out,
          (path, init) => api(base, path, init),
          (planId, follow) => run([planId, ...(follow ? ["--follow"] : []), "--url", base], out),
        );
      }
      case "webhook": {
        const { values } = parseArgs({ args: rest, options: { url: { type: "string" } }, allowPositionals: true, strict: false });
        const base = (typeof values.url === "string" ? values.url : undefined) ?? process.env.PLANVAS_URL ?? "http://127.0.0.1:3000";
        const { webhook } = await import("./webhook");
        return await webhook(rest, out, (path, init) => api(base, path, init));
      }
      case "schedule": {
        const { values } = parseArgs({ args: rest, options: { url: { type: "string" } }, allowPositionals: true, strict: false });
        const base = (typeof values.url === "string" ? values.url : undefined) ?? process.env.PLANVAS_URL ?? "http://127.0.0.1:3000";
        const { schedule } = await import("./schedule");
        return await schedule(rest, out, (path, init) => api(base, path, init));
      }
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
    if (
      e instanceof UsageError ||
      (e as Error).name === "TemplateUsageError" ||
      (e as Error).name === "WebhookUsageError" ||
      (e as Error).name === "ScheduleUsageError" ||
      (e as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")
    ) {
      out.err(`planvas: ${(e as Error).message}\n\n${USAGE}`);
      return 2;
    }
    out.err(`planvas: ${(e as Error).message}`);
    return 1;
  }
}
