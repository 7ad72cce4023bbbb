// The offline model's plan editor: reads an instruction about an existing plan ("add a step that
// translates the post into Spanish before publishing", "remove the image step", "make the post an X
// thread", "require approval for the outline") and answers with the whole plan after the change and
// a summary of what it did — and says plainly what it could not map to a change.
import { detectCount, detectPlatform, findUrls, host, PLATFORM_LABEL, type Format, type Platform } from "./plan-goal";
import { capitalize, limitChars } from "./text";

export interface EditStep {
  id: string;
  toolName: string;
  description: string;
  requiresApproval: boolean;
  input: Record<string, unknown>;
  dependsOn: string[];
}

export interface EditablePlan {
  title: string;
  steps: EditStep[];
}

export interface EditAnswer {
  summary: string;
  title: string;
  steps: EditStep[];
}

const PUBLISHES = new Set(["format_post", "generate_image", "http_request"]);
const TOOL_WORD: Record<string, string> = {
  web_search: "search",
  fetch_url: "page fetch",
  summarize: "summary",
  generate_outline: "outline",
  format_post: "post",
  generate_image: "image",
  http_request: "HTTP request",
};
const LANGUAGES = ["spanish", "french", "german", "italian", "portuguese", "dutch", "japanese", "chinese", "korean", "arabic", "hindi", "polish", "swedish", "english"];
const ALIASES: [RegExp, string][] = [
  [/\b(web ?search|search(?:es|ing)?|research|look ?up|query)\b/, "web_search"],
  [/\b(fetch|page|url|scrape|download|read(?:ing)?)\b/, "fetch_url"],
  [/\b(summary|summari[sz](?:e|ation)|digest|recap|tl;?dr|key points|takeaways)\b/, "summarize"],
  [/\b(outline|structure|sections|slide plan)\b/, "generate_outline"],
  [/\b(image|picture|photo|hero|banner|visual|illustration|graphic|thumbnail|cover)\b/, "generate_image"],
  [/\b(webhook|http|request|api|endpoint|notification|slack|ping|call)\b/, "http_request"],
  [/\b(post|copy|carousel|thread|tweet|article|newsletter|caption|blog|text|writing|draft)\b/, "format_post"],
];

const stepLabel = (s: EditStep) => `“${limitChars(s.description, 60)}” (${s.id})`;

function uniqueId(base: string, taken: Set<string>): string {
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}_${n}`;
  taken.add(id);
  return id;
}

/** Which tool a phrase is about ("the image step" → generate_image), by the first alias it uses. */
function toolOfPhrase(phrase: string): string | undefined {
  const p = phrase.toLowerCase();
  let best: { tool: string; at: number } | undefined;
  for (const [re, tool] of ALIASES) {
    const m = re.exec(p);
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

function detectFormatWord(text: string): Format | undefined {
  if (/\bcarousel\b|\bslides?\b/.test(text)) return "carousel";
  if (/\bthread\b/.test(text)) return "thread";
  if (/\barticle\b|\blong[- ]form\b|\bblog post\b/.test(text)) return "article";
  if (/\bpost\b|\btweet\b/.test(text)) return "post";
  return undefined;
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

function postDescription(input: Record<string, unknown>, fallback: string): string {
  const platform = input.platform as Platform | undefined;
  const format = (input.format as string | undefined) ?? "post";
  if (!platform) return fallback;
  return `Write the final ${PLATFORM_LABEL[platform]} ${format}${typeof input.topic === "string" ? ` about ${input.topic}` : ""}`;
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
    .split(/\s*(?:;|\.(?:\s|$)|\n|,?\s+(?:and\s+)?then\s+|,?\s+and\s+(?=(?:also\s+)?(?:add|insert|remove|delete|drop|make|turn|change|convert|switch|set|require|gate|rename|use|put|include|append|don'?t|do not|stop)\b))\s*/i)
    .map((c) => c.trim().replace(/^(?:please|also|can you|could you|i want you to|i'd like you to)\s+/i, "").replace(/[.!?]+$/, ""))
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
    ctx.failed.push(`“${command}”: no step matches “${phrase}”`);
    return true;
  }
  const children = ctx.plan.steps.filter((s) => s.dependsOn.includes(step.id));
  ctx.plan = {
    ...ctx.plan,
    steps: ctx.plan.steps
      .filter((s) => s.id !== step.id)
      .map((s) => (s.dependsOn.includes(step.id) ? { ...s, dependsOn: [...new Set(s.dependsOn.flatMap((d) => (d === step.id ? step.dependsOn : [d])))] } : s)),
  };
  const relinked = children.length && step.dependsOn.length ? `; ${children.map((c) => c.id).join(", ")} now ${children.length === 1 ? "depends" : "depend"} on ${step.dependsOn.join(", ")}` : "";
  ctx.done.push(`Removed ${stepLabel(step)}${relinked}.`);
  return true;
}

/** A new step for "what" ("translates the post into Spanish", "a summary"), mapped to the closest tool. */
function newStep(ctx: Ctx, what: string, near: EditStep | undefined): EditStep | undefined {
  const w = what.toLowerCase();
  const topic = planTopic(ctx.plan);
  const language = LANGUAGES.find((l) => new RegExp(`\\b(?:in|into|to)\\s+${l}\\b`).test(w) || new RegExp(`\\b${l}\\b`).test(w) && /translat/.test(w));
  const clause = /^(?:(?:a|an|another|one more|new)\s+)?(?:step\s+)?(?:that|which|to)\s+(.+)$/i.exec(what);
  const description = clause ? imperative(clause[1]!) : capitalize(what.replace(/^(?:a|an|another|one more|new)\s+/i, "").replace(/^step\s+/i, ""));
  const post = ctx.plan.steps.filter((s) => s.toolName === "format_post").at(-1);
  const base = (toolName: string, input: Record<string, unknown>, desc = description): EditStep => ({
    id: uniqueId(toolName, ctx.taken),
    toolName,
    description: limitChars(desc, 300),
    requiresApproval: PUBLISHES.has(toolName) && !(toolName === "http_request" && input.method === "GET"),
    input,
    dependsOn: [],
  });
  if (/translat/.test(w) || language) {
    const lang = capitalize(language ?? "the target language");
    const src = near?.toolName === "format_post" ? near : post;
    const input: Record<string, unknown> = { ...(src ? { platform: src.input.platform, format: src.input.format } : { platform: "blog", format: "article" }) };
    input.topic = limitChars(`${(src?.input.topic as string | undefined) ?? topic}, translated into ${lang}`, 300);
    input.tone = limitChars(`${(src?.input.tone as string | undefined) ?? "natural"}, written in ${lang}`, 60);
    for (const k of Object.keys(input)) if (input[k] === undefined) delete input[k];
    return base("format_post", input, /translat/.test(w) ? description : `Translate the post into ${lang}`);
  }
  const tool = toolOfPhrase(w);
  const count = detectCount(w);
  switch (tool) {
    case "summarize":
      return base("summarize", { focus: limitChars(topic, 300), maxWords: /\b(short|brief|quick)\b/.test(w) ? 120 : 200 }, /summar/i.test(description) && description.split(" ").length > 1 ? description : `Summarize the findings on ${topic}`);
    case "generate_outline":
      return base("generate_outline", { topic: limitChars(topic, 300), sections: count ?? 5, format: /\bslides?\b|carousel/.test(w) ? "slides" : "bullets" }, description.split(" ").length > 1 ? description : `Structure an outline about ${topic}`);
    case "web_search": {
      const q = /(?:search(?: the web)?|research|look up|find)\s+(?:for\s+)?(.+)/i.exec(what)?.[1]?.trim() || topic;
      return base("web_search", { query: limitChars(q, 400), maxResults: 5 }, `Search for ${q}`);
    }
    case "fetch_url": {
      const url = findUrls(what)[0];
      return base("fetch_url", url ? { url } : {}, url ? `Read the page at ${url}` : description);
    }
    case "generate_image": {
      const square = /\bsquare\b|instagram/.test(w);
      return base("generate_image", { prompt: limitChars(`${capitalize(topic)} — hero image, clean editorial style`, 1000), style: "editorial", size: square ? "1024x1024" : "1536x1024" }, description.split(" ").length > 2 ? description : `Generate a hero image about ${topic}`);
    }
    case "http_request": {
      const url = findUrls(what)[0];
      const send = /\b(send|post|notify|deliver|push|publish|webhook)\b/.test(w);
      return base("http_request", { method: send ? "POST" : "GET", ...(url ? { url } : {}) }, url ? `${send ? "Send the result to" : "Call"} ${host(url)}` : description);
    }
    case "format_post": {
      const platform = detectPlatform(w) ?? (post?.input.platform as Platform | undefined) ?? "blog";
      const format = detectFormatWord(w) ?? (platform === "x" ? "post" : (post?.input.format as Format | undefined) ?? "post");
      return base("format_post", { platform, format, topic: limitChars(topic, 300) }, description.split(" ").length > 2 ? description : `Write the final ${PLATFORM_LABEL[platform]} ${format} about ${topic}`);
    }
    default:
      return undefined;
  }
}

function addStep(ctx: Ctx, rest: string, command: string): boolean {
  const m = /^(.*?)\s+(before|after|right after|right before|following|ahead of)\s+(.+)$/i.exec(rest) ?? /^(.*?)\s+(at the (?:end|start|beginning)|first|last)$/i.exec(rest);
  const what = (m ? m[1]! : rest).trim();
  const rel = (m?.[2] ?? "").toLowerCase();
  const where = (m?.[3] ?? "").trim();
  const publishing = /^(?:it(?:'s| is)?\s+)?(?:publish(?:ing|ed)?|post(?:ing|ed)|going out|it goes out|sending|delivery|sent)$/i.test(where.replace(/^(?:the\s+)?/, ""));
  let anchor: EditStep | undefined;
  let before: EditStep | undefined;
  if (publishing && /before|ahead/.test(rel)) {
    // Before publishing: ahead of the delivery (a webhook), else right after the copy is written.
    before = ctx.plan.steps.find((s) => s.toolName === "http_request" && s.input.method !== "GET");
    if (!before) anchor = ctx.plan.steps.filter((s) => s.toolName === "format_post").at(-1);
  } else if (where && !/at the|first|last/.test(rel)) {
    const target = findStep(ctx.plan, where);
    if (!target) {
      ctx.failed.push(`“${command}”: no step matches “${where}”`);
      return true;
    }
    if (/before|ahead/.test(rel)) before = target;
    else anchor = target;
  }
  const step = newStep(ctx, what, anchor ?? before);
  if (!step) {
    ctx.failed.push(`“${command}”: “${what}” does not map to any tool (web search, fetch URL, summarize, outline, post, image, HTTP request)`);
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
      ctx.plan = { ...ctx.plan, steps: steps.map((s) => (s !== step && s.dependsOn.includes(target.id) && anchor ? { ...s, dependsOn: s.dependsOn.map((d) => (d === target.id ? step.id : d)) } : s)) };
      place = `after ${stepLabel(target)}${publishing ? ", before it is published" : ""}`;
    } else {
      ctx.plan = { ...ctx.plan, steps: [...steps, step] };
      place = "as the first step";
    }
  }
  ctx.done.push(`Added ${TOOL_WORD[step.toolName] ?? step.toolName} step “${step.description}” (${step.toolName}, id ${step.id}) ${place}${step.requiresApproval ? "; it publishes, so it needs approval" : ""}.`);
  return true;
}

function changeStep(ctx: Ctx, phrase: string, spec: string, command: string): boolean {
  const step = findStep(ctx.plan, phrase);
  if (!step) {
    ctx.failed.push(`“${command}”: no step matches “${phrase}”`);
    return true;
  }
  const s = spec.toLowerCase();
  const input = { ...step.input };
  const changes: string[] = [];
  const set = (key: string, value: unknown) => {
    if (value === undefined || input[key] === value) return;
    changes.push(`${key} ${input[key] === undefined ? "set to" : `${String(input[key])} →`} ${String(value)}`);
    input[key] = value;
  };
  if (step.toolName === "format_post") {
    set("platform", detectPlatform(s));
    set("format", detectFormatWord(s));
    const tone = /\b(professional|personal|friendly|playful|formal|casual|funny|inspiring|confident)\b/.exec(s)?.[1];
    set("tone", tone);
  } else if (step.toolName === "generate_outline") {
    set("sections", detectCount(s) ?? (/\b(\d{1,2})\b/.exec(s) ? Number(/\b(\d{1,2})\b/.exec(s)![1]) : undefined));
    set("format", /\bslides?\b|carousel/.test(s) ? "slides" : /\bcompar/.test(s) ? "comparison" : /\bbullets?\b/.test(s) ? "bullets" : undefined);
  } else if (step.toolName === "summarize") {
    const words = /\b(\d{2,4})\s+words?\b/.exec(s);
    const cur = (input.maxWords as number | undefined) ?? 200;
    set("maxWords", words ? Number(words[1]) : /\bshorter|brief|concise\b/.test(s) ? Math.max(20, Math.round(cur * 0.6)) : /\blonger|detailed\b/.test(s) ? Math.min(1000, Math.round(cur * 1.5)) : undefined);
  } else if (step.toolName === "generate_image") {
    set("style", /\b(editorial|illustration|minimal|bold|photo)\b/.exec(s)?.[1]);
    set("size", /\bsquare\b/.test(s) ? "1024x1024" : /\bportrait|tall\b/.test(s) ? "1024x1536" : /\blandscape|wide\b/.test(s) ? "1536x1024" : undefined);
  } else if (step.toolName === "web_search") {
    const n = /\b(\d{1,2})\s+results?\b/.exec(s);
    if (n) set("maxResults", Number(n[1]));
  } else if (step.toolName === "http_request") {
    set("method", /\b(GET|POST|PUT|PATCH|DELETE)\b/i.exec(spec)?.[1]?.toUpperCase());
    set("url", findUrls(spec)[0]);
  }
  if (!changes.length) {
    ctx.failed.push(`“${command}”: nothing in “${spec}” maps to an input of ${step.toolName}`);
    return true;
  }
  const description = step.toolName === "format_post" ? postDescription(input, step.description) : step.description;
  const publishes = PUBLISHES.has(step.toolName) && !(step.toolName === "http_request" && (input.method ?? "GET") === "GET");
  replaceStep(ctx, step.id, (x) => ({ ...x, input, description, requiresApproval: x.requiresApproval || publishes }));
  ctx.done.push(`Changed ${stepLabel(step)}: ${changes.join(", ")}.`);
  return true;
}

function setApproval(ctx: Ctx, phrase: string, on: boolean, command: string): boolean {
  const all = /^(?:all|every|each)\b/.test(phrase.toLowerCase());
  const targets = all
    ? ctx.plan.steps.filter((s) => (/publish/.test(phrase) ? PUBLISHES.has(s.toolName) : true))
    : [findStep(ctx.plan, phrase)].filter((s): s is EditStep => !!s);
  if (!targets.length) {
    ctx.failed.push(`“${command}”: no step matches “${phrase}”`);
    return true;
  }
  const changed = targets.filter((t) => t.requiresApproval !== on);
  for (const t of changed) replaceStep(ctx, t.id, (x) => ({ ...x, requiresApproval: on }));
  if (changed.length) ctx.done.push(`${on ? "Approval is now required for" : "Approval is no longer required for"} ${changed.map(stepLabel).join(", ")}${!on && changed.some((t) => PUBLISHES.has(t.toolName)) ? " (it publishes: its output goes out unreviewed)" : ""}.`);
  else ctx.done.push(`${targets.map(stepLabel).join(", ")} already ${on ? "required" : "did not require"} approval; nothing to change.`);
  return true;
}

function applyCommand(ctx: Ctx, command: string): boolean {
  let m: RegExpExecArray | null;
  if ((m = /^(?:don'?t|do not|no longer|stop)\s+(?:require|requiring|need|needing)\s+(?:an?\s+)?approval\s+(?:for|on|before)\s+(.+)$/i.exec(command)) || (m = /^(?:remove|drop|skip|turn off|disable)\s+(?:the\s+)?approval\s+(?:gate\s+)?(?:for|on|from|of)\s+(.+)$/i.exec(command)))
    return setApproval(ctx, m[1]!, false, command);
  if ((m = /^(?:require|add|need|turn on|enable)\s+(?:an?\s+)?(?:human\s+)?approval\s+(?:gate\s+)?(?:for|on|before|to)\s+(.+)$/i.exec(command)) || (m = /^gate\s+(.+)$/i.exec(command)) || (m = /^(.+?)\s+(?:should|must)\s+(?:require|need)\s+approval$/i.exec(command)))
    return setApproval(ctx, m[1]!, true, command);
  if ((m = /^(?:remove|delete|drop|get rid of|take out|cut|skip)\s+(.+)$/i.exec(command))) return removeStep(ctx, m[1]!, command);
  if ((m = /^(?:add|insert|include|append|put in|put)\s+(.+)$/i.exec(command))) return addStep(ctx, m[1]!, command);
  if ((m = /^(?:rename|call)\s+(?:the\s+)?plan\s+(?:to\s+)?["“]?(.+?)["”]?$/i.exec(command))) {
    ctx.plan = { ...ctx.plan, title: limitChars(m[1]!.trim(), 200) };
    ctx.done.push(`Renamed the plan to “${ctx.plan.title}”.`);
    return true;
  }
  if ((m = /^(?:make|turn|change|convert|switch|set)\s+(?:the\s+)?(.+?)\s+(?:into|to|an?|as|so it is|so that it is)\s+(.+)$/i.exec(command))) return changeStep(ctx, m[1]!, m[2]!, command);
  if ((m = /^(?:make|turn)\s+(?:the\s+)?(\w+)\s+(.+)$/i.exec(command))) return changeStep(ctx, m[1]!, m[2]!, command);
  return false;
}

/** The plan after the instruction, with a summary of each change made and of what could not be mapped. */
export function editFromInstruction(plan: EditablePlan, instruction: string): EditAnswer {
  const ctx: Ctx = { plan: { title: plan.title, steps: plan.steps.map((s) => ({ ...s, input: { ...s.input }, dependsOn: [...s.dependsOn] })) }, taken: new Set(plan.steps.map((s) => s.id)), done: [], failed: [] };
  for (const command of commands(instruction)) {
    if (!applyCommand(ctx, command)) ctx.failed.push(`“${command}” does not say what to change`);
  }
  const help = "Try: “add a step that … before/after …”, “remove the … step”, “make the post an X thread”, “require approval for …”.";
  const failed = ctx.failed.length ? `Could not map ${ctx.failed.join("; ")}. ${help}` : "";
  const summary = ctx.done.length ? `${ctx.done.join(" ")}${failed ? ` ${failed}` : ""}` : `No change made. ${failed || `Could not map “${instruction}” to a change in this plan. ${help}`}`;
  return { summary, title: ctx.plan.title, steps: ctx.plan.steps };
}
