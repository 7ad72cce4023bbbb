import type { ModelMessage } from "ai";
import { envelopes } from "../../ai/envelope";

/** The words on a hero image. */
export interface HeroText {
  /** The image's subject; empty when nothing says what it is. */
  title: string;
  /** A short label above the title (the deliverable, the outline's heading); null when there is none. */
  kicker: string | null;
  subtitle: string | null;
}

/** What the run so far says about the topic: the goal and the outline's first heading. */
export interface RunContext {
  goal: string | null;
  heading: string | null;
}

// Machine blocks whose payload is data, not words for a picture (lib/ai/envelope.ts).
const DATA_BLOCKS = /<(plan|step|task|revision|material)>[\s\S]*?<\/\1>/gi;
const ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'", "#39": "'", nbsp: " " };

/** Plain words: no markup (tags, escaped tags, half tags), no markdown marks, one space between words. */
export function plain(s: string): string {
  let text = s;
  // Decode twice: "&amp;lt;" is an escaped "&lt;".
  for (let i = 0; i < 2; i++) text = text.replace(/&(lt|gt|amp|quot|apos|#39|nbsp);/gi, (_, e: string) => ENTITIES[e.toLowerCase()]!);
  return text
    .replace(DATA_BLOCKS, " ")
    .replace(/<\/?[a-z][\w-]*(?:\s+[\w-]+="[^"<>]*")*\s*\/?>?/gi, " ")
    .replace(/[<>{}[\]|\\]+/g, " ")
    .replace(/[*_`#~]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}
const clean = plain;

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

// A clause that says how the image should look, not what it shows: never words on the picture.
const STYLE_WORDS =
  /\b(?:style[sd]?|stylish|editorial|illustrat(?:ion|ed|ive)|minimal(?:ist|istic)?|bold|photo(?:graph(?:ic|y)?|realistic)?|cinematic|aesthetic|vibe|look|palette|colou?r(?:s|ful|ed)?|pastel|tones?|hues?|gradient|lighting|light|shadows?|composition|negative space|white space|flat|vector|3d|isometric|watercolou?r|render(?:ed|ing)?|high contrast|contrast|saturated|vivid|vibrant|muted|moody|clean|sleek|modern|retro|vintage|geometric|abstract|depth of field|bokeh|lens|shot|close-up|4k|8k|hd|hi-res|resolution|magazine|poster|landscape|portrait|square|wide|tall|format|aspect|ratio|layout|typography|font|text|headline|title|logo)\b/i;
// A clause that names the deliverable the image belongs to ("LinkedIn carousel cover", "for a post about …").
const FORMAT_WORDS = /\b(?:cover|hero|banner|header|thumbnail|image|picture|visual|graphic|artwork|slide|carousel|post|thread|article|newsletter|blog)\b/i;
const FOR_DELIVERABLE =
  /^(?:for|on|in)?\s*(?:an?|the|this|that|our|my)?\s*(?:(?:linkedin|instagram|x|twitter|facebook|tiktok|youtube|blog|newsletter|social(?: media)?|company|weekly|monthly)\s+)*(?:carousel|post|article|thread|newsletter|deck|presentation|story|reel|video|campaign|blog post|slides?)\s+(?:about|on|for|covering|explaining|titled|called)\s+/i;
const PLATFORM = /\b(linkedin|instagram|x|twitter|facebook|tiktok|youtube|blog|newsletter)\b/i;
const DELIVERABLE = /\b(carousel|post|article|thread|newsletter|deck|presentation|report|summary|brief|blog post|video|reel|story|email)s?\b/i;
const PLATFORM_NAMES: Record<string, string> = {
  linkedin: "LinkedIn",
  instagram: "Instagram",
  x: "X",
  twitter: "X",
  facebook: "Facebook",
  tiktok: "TikTok",
  youtube: "YouTube",
  blog: "Blog",
  newsletter: "Newsletter",
};

const ONLY_STOPWORDS = /^(?:(?:the|a|an|this|that|these|our|my|your|its|of|for|about|on|and|with|to|in)(?:\s+|$))+$/i;

/** The clauses of a text that describe the subject: style and format instructions left out. */
function subjectClauses(text: string): string[] {
  return text
    .split(/\s*[,;]\s*|(?<=[.!?:])\s+|\s+[–—-]\s+|\s+\|\s+/)
    .map((c) => c.replace(/[.!?;:]+$/, "").trim())
    .map((c) =>
      c
        .replace(FOR_DELIVERABLE, "")
        .replace(/\s+(?:(?:hero|cover|header|banner|feature)\s+)?(?:image|picture|illustration|graphic|cover|banner|visual|artwork)s?$/i, "")
        .replace(/\s*\b(?:in|with)\s+(?:the|a|an)?\s*(?:style|manner|spirit|look)\s+of\b.*$/i, "")
        .replace(/\s*\b(?:in|with)\s+(?:an?\s+)?(?:[\w-]+\s+){0,3}(?:style|look|aesthetic|palette|colou?rs)$/i, "")
        .trim(),
    )
    .map((c) =>
      FORMAT_WORDS.test(c) && c.split(" ").length <= 5
        ? c
            .replace(new RegExp(`${PLATFORM.source}|${FORMAT_WORDS.source}`, "gi"), " ")
            .replace(/\s+/g, " ")
            .trim()
        : c,
    )
    .filter((c) => c && !ONLY_STOPWORDS.test(c) && !STYLE_WORDS.test(c) && !(FORMAT_WORDS.test(c) && (INSTRUCTION.test(c) || /^(?:for|as|on)\b/i.test(c))));
}

/** What a goal asks to make ("LinkedIn carousel") and what it is about ("AI trends"). */
export function goalParts(goal: string | null): { deliverable: string | null; topic: string | null } {
  if (!goal) return { deliverable: null, topic: null };
  const platform = PLATFORM.exec(goal)?.[1];
  const kind = DELIVERABLE.exec(goal)?.[1];
  const deliverable = kind
    ? `${platform && platform.toLowerCase() !== kind.toLowerCase() ? `${PLATFORM_NAMES[platform.toLowerCase()]} ` : ""}${kind.toLowerCase()}`
    : null;
  const about = /\b(?:about|on|covering|regarding)\s+(.+?)(?:[.,;!?]|\s+(?:and|then|for|with)\s|$)/i.exec(goal)?.[1];
  const verb =
    /^(?:please\s+)?(?:research|find|gather|look up|investigate|study|summari[sz]e|explain|write|draft|create|make|plan|outline)\s+(?:the\s+|some\s+|about\s+)?(.+?)(?:\s+(?:and|then)\s|[.,;!?]|$)/i.exec(
      goal,
    )?.[1];
  const raw = about ?? (verb && !DELIVERABLE.test(verb) ? verb : null);
  const topic = raw
    ? raw
        .replace(/^(?:an?|the)\s+/i, "")
        .replace(TRAILING_STOPWORDS, "")
        .trim()
    : null;
  return { deliverable: deliverable ? capitalize(deliverable) : null, topic: topic || null };
}

/** Headline, kicker and subtitle: an explicit title wins, then the prompt's subject, then the run's topic. */
export function heroText(input: { prompt: string; style: string; title?: string }, ctx: RunContext): HeroText {
  const goal = ctx.goal ? plain(ctx.goal) : null;
  const heading = ctx.heading ? plain(ctx.heading) || null : null;
  const { deliverable, topic } = goalParts(goal);
  const prompt = plain(input.prompt).replace(INSTRUCTION, "");
  const clauses = subjectClauses(prompt)
    .map((c) => c.replace(INSTRUCTION, "").trim())
    .filter((c) => c && !REFERENTIAL.test(c));
  const explicit = input.title ? plain(input.title) || null : null;
  const fromPrompt = clauses[0] ? headlineFromPrompt(clauses[0]) : null;
  const title = explicit ?? fromPrompt ?? heading ?? (topic ? capitalize(clip(topic, 64)) : null) ?? "";
  const lower = title.toLowerCase();
  const fresh = (s: string | null | undefined): s is string =>
    !!s && !!s.trim() && !lower.includes(s.toLowerCase()) && !s.toLowerCase().startsWith(lower) && !STYLE_WORDS.test(s);
  const kicker = [deliverable, heading, topic && capitalize(topic)].find((s) => fresh(s) && s.length <= 40) ?? null;
  // The prompt's other describing clauses read as the standfirst; the title's own clause is left out.
  const rest = clauses
    .map((c) => (c.toLowerCase().startsWith(lower) ? c.slice(title.length).replace(/^[\s,;:.–—-]+/, "") : c))
    .filter((c) => fresh(c) && c.includes(" "));
  const candidates = [rest.length ? capitalize(rest.join(", ")) : null, heading];
  const subtitle = candidates.find((s) => fresh(s) && s !== kicker) ?? null;
  return { title: clip(title, 90), kicker, subtitle: subtitle ? clip(subtitle, 120) : null };
}
