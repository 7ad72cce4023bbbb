// The offline model's plan editor: reads an instruction about an existing plan ("add a step that
// translates the post into Spanish before publishing", "remove the image step", "make the post an X
// thread", "require approval for the outline") and answers with the whole plan after the change and
// a summary of what it did — and says plainly what it could not map to a change.
//
// What is tool-specific — the words that name a tool, how it makes a new step, which inputs a
// change sets — is each tool's offline behaviour (lib/tools/<name>/offline.ts); this file is the
// generic part, and the publish rule is the catalog's.
import { stepHasSideEffects, stepPublishes } from "../../tools/catalog";
import { getToolDefinition, toolDefinitions } from "../../tools/registry";
import type { OfflineToolBehaviour } from "./behaviour";
import type { EditablePlan, EditStep } from "./types";
import { detectCount } from "./plan-goal";
import { capitalize, limitChars } from "./text";

export type { EditablePlan, EditStep } from "./types";

export interface EditAnswer {
  summary: string;
  title: string;
  steps: EditStep[];
}

const stepLabel = (s: EditStep) => `“${limitChars(s.description, 60)}” (${s.id})`;

function uniqueId(base: string, taken: Set<string>): string {
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}_${n}`;
  taken.add(id);
  return id;
}

const offlineOf = (toolName: string): OfflineToolBehaviour | undefined => getToolDefinition(toolName)?.offline;
const publishesAtAll = (toolName: string) => !!getToolDefinition(toolName)?.publishes;

/** Which tool a phrase is about ("the image step" → generate_image), by the first alias it uses. */
function toolOfPhrase(phrase: string): string | undefined {
  const p = phrase.toLowerCase();
  let best: { tool: string; at: number } | undefined;
  for (const { name: tool, offline } of toolDefinitions) {
    const m = offline?.aliases?.exec(p);
    if (m && (!best || m.index < best.at)) best = { tool, at: m.index };
  }
  return best?.tool;
}

/** The step a phrase names: an id, "step 2", "the last step", a tool ("the search"), or words of its description. */
function findStep(plan: EditablePlan, phrase: string): EditStep | undefined {
  const p = phrase
    .toLowerCase()
    .replace(/["“”'`]/g, "")
    .replace(/^(?:the|a|an|that|this|our|my)\s+/, "")
    .replace(/\s+(?:step|node|one)s?$/, "")
    .trim();
  if (!p) return undefined;
  const byId = plan.steps.find((s) => s.id.toLowerCase() === p || s.toolName === p.replace(/\s+/g, "_"));
  if (byId) return byId;
  const n = /^(?:step\s*#?|#)(\d+)$/.exec(p);
  if (n) return plan.steps[Number(n[1])] ?? plan.steps[Number(n[1]) - 1];
  if (/^(?:last|final)$/.test(p)) return plan.steps.at(-1);
  if (/^first$/.test(p)) return plan.steps[0];
  const tool = toolOfPhrase(p);
  if (tool) {
    const matches = plan.steps.filter((s) => s.toolName === tool);
    if (matches.length) return matches[0];
  }
  const words = p.split(/\W+/).filter((w) => w.length > 3);
  let best: { step: EditStep; score: number } | undefined;
  for (const s of plan.steps) {
    const d = s.description.toLowerCase();
    const score = words.filter((w) => d.includes(w)).length;
    if (score > 0 && (!best || score > best.score)) best = { step: s, score };
  }
  return best?.step;
}

/** What the plan is about, from the inputs its steps already have. */
function planTopic(plan: EditablePlan): string {
  for (const key of ["topic", "focus", "query", "prompt"]) {
    for (const s of plan.steps) {
      const v = s.input[key];
      if (typeof v === "string" && v.trim()) return v.trim();
    }
  }
  return plan.title;
}

/** "translates the post" → "Translate the post": a relative clause as a step description. */
function imperative(phrase: string): string {
  const [first = "", ...rest] = phrase.trim().split(/\s+/);
  let verb = first;
  if (/(ches|shes|sses|xes|zes)$/i.test(verb)) verb = verb.slice(0, -2);
  else if (/[^aeiou]ies$/i.test(verb)) verb = `${verb.slice(0, -3)}y`;
  else if (/[^su]s$/i.test(verb)) verb = verb.slice(0, -1);
  return capitalize([verb, ...rest].join(" "));
}

/** Splits "remove the image step and make the post an X thread" into its commands. */
function commands(instruction: string): string[] {
  return instruction
    .replace(/\s+/g, " ")
    .split(
      /\s*(?:;|\.(?:\s|$)|\n|,?\s+(?:and\s+)?then\s+|,?\s+and\s+(?=(?:also\s+)?(?:add|insert|remove|delete|drop|make|turn|change|convert|switch|set|require|gate|rename|use|put|include|append|don'?t|do not|stop)\b))\s*/i,
    )
    .map((c) =>
      c
        .trim()
        .replace(/^(?:please|also|can you|could you|i want you to|i'd like you to)\s+/i, "")
        .replace(/[.!?]+$/, ""),
    )
    .filter(Boolean);
}

interface Ctx {
  plan: EditablePlan;
  taken: Set<string>;
  done: string[];
  failed: string[];
}

function replaceStep(ctx: Ctx, id: string, fn: (s: EditStep) => EditStep) {
  ctx.plan = { ...ctx.plan, steps: ctx.plan.steps.map((s) => (s.id === id ? fn(s) : s)) };
}

function removeStep(ctx: Ctx, phrase: string, command: string): boolean {
  const step = findStep(ctx.plan, phrase);
  if (!step) {
    ctx.failed.push(`“${command}”: no step is called “${phrase}” — name one of ${stepNames(ctx)}`);
    return true;
  }
  const children = ctx.plan.steps.filter((s) => s.dependsOn.includes(step.id));
  ctx.plan = {
    ...ctx.plan,
    steps: ctx.plan.steps
      .filter((s) => s.id !== step.id)
      .map((s) => (s.dependsOn.includes(step.id) ? { ...s, dependsOn: [...new Set(s.dependsOn.flatMap((d) => (d === step.id ? step.dependsOn : [d])))] } : s)),
  };
  const relinked =
    children.length && step.dependsOn.length
      ? `; ${children.map((c) => c.id).join(", ")} now ${children.length === 1 ? "depends" : "depend"} on ${step.dependsOn.join(", ")}`
      : "";
  ctx.done.push(`Removed ${stepLabel(step)}${relinked}.`);
  return true;
}

/** A new step for "what" ("translates the post into Spanish", "a summary"), mapped to the closest tool. */
function newStep(ctx: Ctx, what: string, near: EditStep | undefined): EditStep | undefined {
  const w = what.toLowerCase();
  const clause = /^(?:(?:a|an|another|one more|new)\s+)?(?:step\s+)?(?:that|which|to)\s+(.+)$/i.exec(what);
  const description = clause ? imperative(clause[1]!) : capitalize(what.replace(/^(?:a|an|another|one more|new)\s+/i, "").replace(/^step\s+/i, ""));
  const req = { what, w, description, topic: planTopic(ctx.plan), count: detectCount(w), near, plan: ctx.plan };
  const toolName = toolDefinitions.find((t) => t.offline?.claims?.(req))?.name ?? toolOfPhrase(w);
  const made = toolName ? offlineOf(toolName)?.newStep?.(req) : undefined;
  if (!toolName || !made) return undefined;
  return {
    id: uniqueId(toolName, ctx.taken),
    toolName,
    description: limitChars(made.description, 300),
    requiresApproval: stepPublishes(toolName, made.input),
    input: made.input,
    dependsOn: [],
  };
}

function addStep(ctx: Ctx, rest: string, command: string): boolean {
  const m =
    /^(.*?)\s+(before|after|right after|right before|following|ahead of)\s+(.+)$/i.exec(rest) ??
    /^(.*?)\s+(at the (?:end|start|beginning)|first|last)$/i.exec(rest);
  const what = (m ? m[1]! : rest).trim();
  const rel = (m?.[2] ?? "").toLowerCase();
  const where = (m?.[3] ?? "").trim();
  const publishing = /^(?:it(?:'s| is)?\s+)?(?:publish(?:ing|ed)?|post(?:ing|ed)|going out|it goes out|sending|delivery|sent)$/i.test(
    where.replace(/^(?:the\s+)?/, ""),
  );
  let anchor: EditStep | undefined;
  let before: EditStep | undefined;
  if (publishing && /before|ahead/.test(rel)) {
    // Before publishing: ahead of the delivery (a webhook), else right after the copy is written.
    before = ctx.plan.steps.find((s) => stepHasSideEffects(s.toolName, s.input));
    if (!before) anchor = ctx.plan.steps.filter((s) => offlineOf(s.toolName)?.writesFinalCopy).at(-1);
  } else if (where && !/at the|first|last/.test(rel)) {
    const target = findStep(ctx.plan, where);
    if (!target) {
      ctx.failed.push(`“${command}”: no step is called “${where}” — name one of ${stepNames(ctx)}`);
      return true;
    }
    if (/before|ahead/.test(rel)) before = target;
    else anchor = target;
  }
  const step = newStep(ctx, what, anchor ?? before);
  if (!step) {
    ctx.failed.push(`“${command}”: no tool does “${what}” — ask for one of ${toolDefinitions.map((t) => t.title).join(", ")}`);
    return true;
  }
  let place: string;
  const steps = [...ctx.plan.steps];
  if (before) {
    step.dependsOn = [...before.dependsOn];
    const i = steps.findIndex((s) => s.id === before!.id);
    steps.splice(i, 0, step);
    ctx.plan = { ...ctx.plan, steps: steps.map((s) => (s.id === before!.id ? { ...s, dependsOn: [step.id] } : s)) };
    place = `before ${stepLabel(before)}`;
  } else if (/at the (?:start|beginning)|first/.test(rel)) {
    steps.unshift(step);
    ctx.plan = { ...ctx.plan, steps: steps.map((s) => (s !== step && s.dependsOn.length === 0 ? { ...s, dependsOn: [step.id] } : s)) };
    place = "at the start";
  } else {
    const used = new Set(ctx.plan.steps.flatMap((s) => s.dependsOn));
    const target = anchor ?? ctx.plan.steps.filter((s) => !used.has(s.id)).at(-1);
    if (target) {
      step.dependsOn = [target.id];
      const i = steps.findIndex((s) => s.id === target.id);
      steps.splice(i + 1, 0, step);
      ctx.plan = {
        ...ctx.plan,
        steps: steps.map((s) =>
          s !== step && s.dependsOn.includes(target.id) && anchor ? { ...s, dependsOn: s.dependsOn.map((d) => (d === target.id ? step.id : d)) } : s,
        ),
      };
      place = `after ${stepLabel(target)}${publishing ? ", before it is published" : ""}`;
    } else {
      ctx.plan = { ...ctx.plan, steps: [...steps, step] };
      place = "as the first step";
    }
  }
  ctx.done.push(
    `Added ${offlineOf(step.toolName)?.word ?? step.toolName} step “${step.description}” (${step.toolName}, id ${step.id}) ${place}${step.requiresApproval ? "; it publishes, so it needs approval" : ""}.`,
  );
  return true;
}

function changeStep(ctx: Ctx, phrase: string, spec: string, command: string): boolean {
  const step = findStep(ctx.plan, phrase);
  if (!step) {
    ctx.failed.push(`“${command}”: no step is called “${phrase}” — name one of ${stepNames(ctx)}`);
    return true;
  }
  const input = { ...step.input };
  const changes: string[] = [];
  const set = (key: string, value: unknown) => {
    if (value === undefined || input[key] === value) return;
    changes.push(`${key} ${input[key] === undefined ? "set to" : `${String(input[key])} →`} ${String(value)}`);
    input[key] = value;
  };
  for (const [key, value] of offlineOf(step.toolName)?.change?.(spec, input) ?? []) set(key, value);
  if (!changes.length) {
    ctx.failed.push(
      `“${command}”: “${spec}” sets none of ${step.id}’s inputs — say which of ${Object.keys(step.input).join(", ") || "its inputs"} to change, and to what`,
    );
    return true;
  }
  const description = offlineOf(step.toolName)?.describe?.(input, step.description) ?? step.description;
  const publishes = stepPublishes(step.toolName, input);
  replaceStep(ctx, step.id, (x) => ({ ...x, input, description, requiresApproval: x.requiresApproval || publishes }));
  ctx.done.push(`Changed ${stepLabel(step)}: ${changes.join(", ")}.`);
  return true;
}

function setApproval(ctx: Ctx, phrase: string, on: boolean, command: string): boolean {
  const all = /^(?:all|every|each)\b/.test(phrase.toLowerCase());
  const targets = all
    ? ctx.plan.steps.filter((s) => (/publish/.test(phrase) ? publishesAtAll(s.toolName) : true))
    : [findStep(ctx.plan, phrase)].filter((s): s is EditStep => !!s);
  if (!targets.length) {
    ctx.failed.push(`“${command}”: no step is called “${phrase}” — name one of ${stepNames(ctx)}`);
    return true;
  }
  const changed = targets.filter((t) => t.requiresApproval !== on);
  for (const t of changed) replaceStep(ctx, t.id, (x) => ({ ...x, requiresApproval: on }));
  if (changed.length)
    ctx.done.push(
      `${on ? "Approval is now required for" : "Approval is no longer required for"} ${changed.map(stepLabel).join(", ")}${!on && changed.some((t) => publishesAtAll(t.toolName)) ? " (it publishes: its output goes out unreviewed)" : ""}.`,
    );
  else ctx.done.push(`${targets.map(stepLabel).join(", ")} already ${on ? "required" : "did not require"} approval; nothing to change.`);
  return true;
}

function applyCommand(ctx: Ctx, command: string): boolean {
  let m: RegExpExecArray | null;
  if (
    (m = /^(?:don'?t|do not|no longer|stop)\s+(?:require|requiring|need|needing)\s+(?:an?\s+)?approval\s+(?:for|on|before)\s+(.+)$/i.exec(command)) ||
    (m = /^(?:remove|drop|skip|turn off|disable)\s+(?:the\s+)?approval\s+(?:gate\s+)?(?:for|on|from|of)\s+(.+)$/i.exec(command))
  )
    return setApproval(ctx, m[1]!, false, command);
  if (
    (m = /^(?:require|add|need|turn on|enable)\s+(?:an?\s+)?(?:human\s+)?approval\s+(?:gate\s+)?(?:for|on|before|to)\s+(.+)$/i.exec(command)) ||
    (m = /^gate\s+(.+)$/i.exec(command)) ||
    (m = /^(.+?)\s+(?:should|must)\s+(?:require|need)\s+approval$/i.exec(command))
  )
    return setApproval(ctx, m[1]!, true, command);
  if ((m = /^(?:remove|delete|drop|get rid of|take out|cut|skip)\s+(.+)$/i.exec(command))) return removeStep(ctx, m[1]!, command);
  if ((m = /^(?:add|insert|include|append|put in|put)\s+(.+)$/i.exec(command))) return addStep(ctx, m[1]!, command);
  if ((m = /^(?:rename|call)\s+(?:the\s+)?plan\s+(?:to\s+)?["“]?(.+?)["”]?$/i.exec(command))) {
    ctx.plan = { ...ctx.plan, title: limitChars(m[1]!.trim(), 200) };
    ctx.done.push(`Renamed the plan to “${ctx.plan.title}”.`);
    return true;
  }
  if ((m = /^(?:make|turn|change|convert|switch|set)\s+(?:the\s+)?(.+?)\s+(?:into|to|an?|as|so it is|so that it is)\s+(.+)$/i.exec(command)))
    return changeStep(ctx, m[1]!, m[2]!, command);
  if ((m = /^(?:make|turn)\s+(?:the\s+)?(\w+)\s+(.+)$/i.exec(command))) return changeStep(ctx, m[1]!, m[2]!, command);
  return false;
}

/** The steps an instruction can name, for a message that says what would have worked. */
function stepNames(ctx: Ctx): string {
  const ids = ctx.plan.steps.map((s) => `“${s.id}”`);
  return ids.length > 6 ? `${ids.slice(0, 6).join(", ")}, …` : ids.join(", ") || "the plan's steps (it has none yet)";
}

/** The plan after the instruction, with a summary of each change made and of what could not be mapped. */
export function editFromInstruction(plan: EditablePlan, instruction: string): EditAnswer {
  const ctx: Ctx = {
    plan: { title: plan.title, steps: plan.steps.map((s) => ({ ...s, input: { ...s.input }, dependsOn: [...s.dependsOn] })) },
    taken: new Set(plan.steps.map((s) => s.id)),
    done: [],
    failed: [],
  };
  for (const command of commands(instruction)) {
    if (!applyCommand(ctx, command)) ctx.failed.push(`“${command}” does not say what to do to which step`);
  }
  const help =
    "Say what to do to which step, for example: “add a step that … before/after …”, “remove the … step”, “make the post an X thread”, “require approval for …”.";
  const failed = ctx.failed.length ? `Not done: ${ctx.failed.join("; ")}. ${help}` : "";
  const summary = ctx.done.length
    ? `${ctx.done.join(" ")}${failed ? ` ${failed}` : ""}`
    : `No change made. ${failed || `“${instruction}” does not say what to do to which step. ${help}`}`;
  return { summary, title: ctx.plan.title, steps: ctx.plan.steps };
}
