// The offline model's writing: extractive. Every sentence it produces comes from the material in
// the conversation (search results, fetched pages, earlier summaries and outlines, knowledge-base
// passages); it only adds structure (headings, numbering, hashtags made of the topic's words).
import { capitalize, countWords, keywords, limitChars, limitWords, rankSentences, sentences, titleCase } from "./text";
import type { OutlineTask, PostTask, SummarizeTask, TaskEnvelope } from "../envelope";
import type { ToolOutputSeen } from "./prompt";

export type { OutlineTask, PostTask, SummarizeTask } from "../envelope";
/** What a writing tool asks for: the payload of its <task> envelope. */
export type WritingTask = TaskEnvelope;

export interface Outline {
  title: string;
  sections: { heading: string; points: string[] }[];
}

/** "Hook slide: …", "Step 2: …" — labelled instructions read badly as statements of fact. */
const LABELLED = /^[^.!?]{0,40}:\s/;

const pick = (material: string[], focus: string, n: number) => {
  const ranked = rankSentences(material, focus);
  const plain = ranked.filter((r) => !LABELLED.test(r.text));
  return (plain.length >= Math.min(n, 3) ? plain : ranked).slice(0, n);
};

/** Sentences back in the order they appeared, so extracted prose still reads in sequence. */
const inOrder = (xs: { text: string; order: number }[]) => [...xs].sort((a, b) => a.order - b.order).map((x) => x.text);

export function writeSummary(task: SummarizeTask, material: string[], goal: string): { summary: string; points: string[] } {
  const focus = task.focus || goal;
  const maxWords = task.maxWords ?? 200;
  const ranked = pick(material, focus, 40);
  const chosen: typeof ranked = [];
  let used = 0;
  for (const s of ranked) {
    const n = countWords(s.text);
    if (used + n > maxWords && chosen.length > 0) continue;
    chosen.push(s);
    used += n;
    if (used >= maxWords * 0.9) break;
  }
  const summary = limitWords(inOrder(chosen).join(" "), maxWords);
  const points = ranked.slice(0, 5).map((s) => limitChars(s.text, 200));
  return { summary: summary || "The material gathered so far contains no text to summarize.", points };
}

const TRAILING =
  /\s+(?:a|an|the|and|or|but|so|that|to|of|in|on|for|with|by|as|is|are|was|were|be|it|its|their|your|our|this|these|those|can|will|should|now)$/i;

/** A short heading from a sentence: its first clause, at most seven words, never ending mid-phrase. */
function headingFrom(sentence: string, topicWords: Set<string>): string {
  const clauseText = sentence
    .split(/[,;:—–(]| - /)[0]!
    .replace(/[.!?]+$/, "")
    .trim();
  let head = clauseText.split(/\s+/).slice(0, 7).join(" ");
  // Prefer the clause's own key phrase over a generic opening ("It is", "There are").
  if (/^(it|there|this|that|these|they|we|you)\b/i.test(head)) {
    const keys = keywords(clauseText)
      .filter((k) => !topicWords.has(k))
      .slice(0, 4);
    if (keys.length >= 2) head = keys.join(" ");
  }
  while (TRAILING.test(head)) head = head.replace(TRAILING, "");
  return titleCase(head.trim());
}

/** Groups material into `sections` parts: each seeded by a strong sentence, filled with its neighbours in meaning. */
export function writeOutline(task: OutlineTask, material: string[], goal: string): Outline {
  const ranked = pick(material, task.topic || goal, 60);
  const n = Math.max(1, Math.min(task.sections, 20));
  const seeds = ranked.slice(0, n);
  const rest = ranked.slice(n);
  const topicWords = new Set(keywords(task.topic));
  const sections = inOrder(seeds).map((seed) => {
    const seedKeys = new Set(keywords(seed).filter((k) => !topicWords.has(k)));
    const related = rest
      .map((r) => ({ r, overlap: keywords(r.text).filter((k) => seedKeys.has(k)).length }))
      .filter((x) => x.overlap >= 2)
      .sort((a, b) => b.overlap - a.overlap)
      .slice(0, 2)
      .map((x) => x.r.text);
    return { heading: headingFrom(seed, topicWords), points: [seed, ...related].map((p) => limitChars(p, 220)) };
  });
  return { title: titleCase(task.topic), sections };
}

function latestOutline(outputs: ToolOutputSeen[]): Outline | undefined {
  for (let i = outputs.length - 1; i >= 0; i--) {
    const o = outputs[i]!.output as Partial<Outline> | undefined;
    if (o && Array.isArray(o.sections) && o.sections.length) return o as Outline;
  }
  return undefined;
}

function latestSummary(outputs: ToolOutputSeen[]): string | undefined {
  for (let i = outputs.length - 1; i >= 0; i--) {
    const o = outputs[i]!.output as { summary?: unknown } | undefined;
    if (o && typeof o.summary === "string") return o.summary;
  }
  return undefined;
}

/** Hashtags made of the topic's own words: the whole topic camel-cased when short, then its longer words. */
function hashtags(topic: string, max: number): string[] {
  const tokens = topic
    .replace(/[^A-Za-z0-9\s]/g, " ")
    .split(/\s+/)
    .filter(Boolean);
  const meaningful = tokens.filter((t) => !/^(the|a|an|our|my|your|of|for|and|to|in|on|with|about)$/i.test(t));
  const camel = (ws: string[]) => `#${ws.map((w) => (/^[A-Z0-9]+$/.test(w) ? w : w.charAt(0).toUpperCase() + w.slice(1).toLowerCase())).join("")}`;
  const tags = new Set<string>();
  if (meaningful.length >= 1 && meaningful.length <= 3) tags.add(camel(meaningful));
  for (const w of meaningful) if (w.length > 3 && !/^\d+$/.test(w)) tags.add(camel([w]));
  return [...tags].slice(0, max);
}

export interface PostDraft {
  text: string;
  slides: { title: string; body: string }[] | null;
  posts: string[] | null;
  hashtags: string[] | null;
}

export function writePost(task: PostTask, material: string[], outputs: ToolOutputSeen[], goal: string): PostDraft {
  const topic = task.topic || goal;
  const outline =
    latestOutline(outputs) ??
    (task.format === "carousel" || task.format === "article" ? writeOutline({ kind: "outline", topic, sections: 5 }, material, goal) : undefined);
  const summary = latestSummary(outputs);
  const ranked = pick(summary ? [summary, ...material] : material, topic, 12);
  const lead = ranked[0]?.text ?? (summary ? sentences(summary)[0] : undefined) ?? capitalize(topic);
  const title = titleCase(limitChars(outline?.title ?? topic, 80));

  if (task.format === "carousel" && outline) {
    // The cover slide opens with a sentence the other slides do not already carry.
    const used = new Set(outline.sections.flatMap((s) => s.points.map((p) => p.slice(0, 60))));
    const cover = ranked.find((r) => !used.has(r.text.slice(0, 60)))?.text ?? lead;
    const slides = [
      { title, body: limitChars(cover, 240) },
      ...outline.sections.map((s) => ({ title: s.heading, body: limitChars(s.points.slice(0, 2).join(" "), 240) })),
    ].slice(0, task.maxSlides);
    const caption = `${limitChars(cover, 400)}\n\n${slides.length - 1} takeaways in the carousel:\n${slides
      .slice(1)
      .map((s, i) => `${i + 1}. ${s.title}`)
      .join("\n")}`;
    const tags = hashtags(topic, 3);
    return { text: limitChars(`${caption}\n\n${tags.join(" ")}`.trim(), task.maxChars), slides, posts: null, hashtags: tags };
  }

  if (task.format === "thread") {
    const parts = [lead, ...ranked.slice(1, 6).map((r) => r.text)].filter(Boolean);
    const n = parts.length;
    const posts = parts.map((p, i) => {
      const suffix = ` ${i + 1}/${n}`;
      return `${limitChars(p, task.maxChars - suffix.length)}${suffix}`;
    });
    return { text: posts.join("\n\n"), slides: null, posts, hashtags: null };
  }

  if (task.format === "article" && outline) {
    // The introduction says something the sections do not repeat.
    const used = new Set(outline.sections.flatMap((s) => s.points.map((p) => p.slice(0, 60))));
    const fresh = ranked.filter((r) => !used.has(r.text.slice(0, 60)));
    const intro = inOrder(fresh.slice(0, 2)).join(" ");
    const body = outline.sections.map((s) => `## ${s.heading}\n\n${s.points.join(" ")}`).join("\n\n");
    const text = `# ${title}\n\n${intro ? `${intro}\n\n` : ""}${body}`;
    return { text: limitChars(text, task.maxChars), slides: null, posts: null, hashtags: null };
  }

  // A single post: the strongest sentences that fit, plus the topic's hashtags where they belong.
  const tags = task.platform === "instagram" ? hashtags(topic, 5) : task.platform === "linkedin" ? hashtags(topic, 3) : [];
  const opener = task.tone === "personal" ? "My take: " : "";
  const budget = task.maxChars - (tags.length ? tags.join(" ").length + 2 : 0) - opener.length;
  const chosen: string[] = [];
  for (const r of ranked) {
    const next = [...chosen, r.text].join(" ");
    if (next.length > budget) continue;
    chosen.push(r.text);
    if (chosen.length >= (task.platform === "x" ? 2 : 4)) break;
  }
  const core = chosen.length ? chosen.join(" ") : limitChars(lead, budget);
  const text = `${opener}${core}${tags.length ? `\n\n${tags.join(" ")}` : ""}`;
  return { text, slides: null, posts: null, hashtags: tags.length ? tags : null };
}
