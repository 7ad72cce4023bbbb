import type { ModelMessage } from "ai";
import { envelopes } from "../../ai/envelope";

/** The words on a hero image. */
export interface HeroText {
  title: string;
  kicker: string;
  subtitle: string | null;
}

/** What the run so far says about the topic: the goal and the outline's first heading. */
export interface RunContext {
  goal: string | null;
  heading: string | null;
}

const clean = (s: string) =>
  s
    .replace(/[*_`#>]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();

function clip(s: string, max: number): string {
  if (s.length <= max) return s;
  const cut = s.slice(0, max - 1);
  return `${cut.slice(0, cut.lastIndexOf(" ") > max / 2 ? cut.lastIndexOf(" ") : cut.length).replace(/[\s,;:.–—-]+$/, "")}…`;
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

// "Generate a bold hero image of …", "Create an illustration for …": the instruction, not the subject.
const INSTRUCTION =
  /^(?:please\s+)?(?:generate|create|make|design|draw|render|produce|paint|illustrate|give me|i need|i want)?\s*(?:an?|the|one)?\s*(?:[\w-]+\s+){0,3}?(?:(?:image|picture|illustration|photo(?:graph)?|visual|graphic|artwork|banner|poster|header|cover|hero|thumbnail)s?\b\s*)+(?:of|for|about|showing|depicting|featuring|on|that shows|illustrating|with|matching|in the style of)?\s*/i;
// What is left when a prompt only points at content made elsewhere in the run.
const REFERENTIAL =
  /^(?:(?:the|this|that|our|my)\s+)?(?:(?:carousel|post|article|outline|story|thread|plan|content|copy|blog|newsletter|deck|slides?|above)\s*)*(?:theme|topic|content|subject|copy|outline|message|post|carousel)?$/i;
const TRAILING_STOPWORDS = /(?:\s+(?:and|or|with|the|of|for|in|on|a|an|to|at|by|from|about|that|which|who|will|how|is|are))+$/i;

function subjectOf(prompt: string): string {
  const first = clean(prompt).split(/(?<=[.!?;:])\s+|\s+[–—-]\s+|\n/)[0] ?? "";
  return first
    .replace(/[.!?;:]+$/, "")
    .replace(INSTRUCTION, "")
    .trim();
}

/** A short headline from the prompt's subject; null when the prompt only refers to other content. */
export function headlineFromPrompt(prompt: string): string | null {
  const subject = subjectOf(prompt);
  if (!subject || REFERENTIAL.test(subject)) return null;
  const clause = subject.split(/,\s*/)[0]!;
  const words = (clause.includes(" ") ? clause : subject).split(" ");
  const head = words.length > 8 ? words.slice(0, 7).join(" ").replace(TRAILING_STOPWORDS, "") : words.join(" ");
  return capitalize(clip(head.replace(/[,\s]+$/, ""), 64));
}

function textOf(message: ModelMessage): { text: string; toolName?: string; json?: unknown }[] {
  if (typeof message.content === "string") return [{ text: message.content }];
  return message.content.flatMap((part) => {
    if (part.type === "text") return [{ text: part.text }];
    if (part.type !== "tool-result") return [];
    const out = part.output;
    if (out.type === "text") return [{ text: out.value, toolName: part.toolName }];
    if (out.type === "json") return [{ text: JSON.stringify(out.value), toolName: part.toolName, json: out.value }];
    return [];
  });
}

function headingIn(entry: { text: string; json?: unknown }): string | null {
  const json = entry.json as
    { title?: unknown; sections?: { heading?: unknown; title?: unknown }[]; slides?: { heading?: unknown; title?: unknown }[] } | undefined;
  if (json && typeof json === "object") {
    const first = json.slides?.[0] ?? json.sections?.[0];
    for (const v of [json.title, first?.heading, first?.title]) if (typeof v === "string" && v.trim()) return clean(v);
  }
  const md = /^\s{0,3}#{1,3}\s+(.+)$/m.exec(entry.text);
  return md ? clean(md[1]!) : null;
}

/** The goal (first user message) and the first heading of the latest outline in the run history. */
export function runContext(history: readonly ModelMessage[]): RunContext {
  const firstUser = history.find((m) => m.role === "user");
  // A run's history opens with the goal's envelope (lib/ai/envelope.ts); read its payload, not the tags.
  const text = firstUser
    ? textOf(firstUser)
        .map((e) => e.text)
        .join(" ")
    : "";
  const goal = firstUser ? clean(envelopes.goal.parse(text) ?? text) || null : null;
  let heading: string | null = null;
  for (const entry of history.flatMap(textOf).reverse()) {
    if (entry.toolName !== "generate_outline") continue;
    heading = headingIn(entry);
    if (heading) break;
  }
  return { goal, heading };
}

const KICKERS: Record<string, string> = { editorial: "Feature", illustration: "Illustrated", minimal: "Notes", bold: "Spotlight", photo: "In focus" };

/** The prompt without its instruction ("Create an image of …"); null when it only refers to other content. */
function described(prompt: string): string | null {
  const text = clean(prompt)
    .replace(INSTRUCTION, "")
    .replace(/[.!?;:]+$/, "");
  return text && !REFERENTIAL.test(text) ? capitalize(text) : null;
}

/** Headline, kicker and subtitle: an explicit title wins, then the prompt's subject, then the run's topic. */
export function heroText(input: { prompt: string; style: string; title?: string }, ctx: RunContext): HeroText {
  const explicit = input.title?.trim() ? clean(input.title) : null;
  const title =
    explicit ?? headlineFromPrompt(input.prompt) ?? ctx.heading ?? (ctx.goal ? clip(ctx.goal, 64) : null) ?? capitalize(clip(clean(input.prompt), 64));
  const lower = title.toLowerCase();
  const fresh = (s: string | null): s is string => !!s && !lower.startsWith(s.toLowerCase()) && !s.toLowerCase().startsWith(lower);
  const label = (s: string | null) => s?.split(/[:;.!?]\s|\s[–—-]\s/)[0] ?? null;
  const kicker = [ctx.heading, label(ctx.goal)].find(fresh) ?? KICKERS[input.style] ?? "Feature";
  // A title cut from the prompt's first clause: the rest of the prompt reads as the standfirst.
  const full = described(input.prompt);
  const after = full?.toLowerCase().startsWith(lower) ? full.slice(title.length) : null;
  const rest = after === null ? full : /^\s*[,;:.–—-]/.test(after) ? capitalize(after.replace(/^[\s,;:.–—-]+/, "")) : full;
  const goal = ctx.goal?.startsWith(kicker) ? capitalize(ctx.goal.slice(kicker.length).replace(/^[\s:;.!?–—-]+/, "")) : ctx.goal;
  const subtitle = [rest, goal].find((s) => fresh(s) && s.includes(" ")) ?? null;
  return { title, kicker: clip(kicker, 40), subtitle: subtitle ? clip(subtitle, 120) : null };
}
