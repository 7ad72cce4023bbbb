// The offline model's writing: extractive. Every sentence it produces comes from the material in
// the conversation (search results, fetched pages, earlier summaries and outlines, knowledge-base
// passages); it only adds structure (headings, numbering, hashtags made of the subject's words).
// What it cannot do — translate, change the voice — it says in `notes`, never pretends.
import { lengthTarget } from "../../tools/format_post/limits";
import { CONFIGURE_MODEL, type FeedbackRequest } from "./feedback";
import { isAboutItself, isImperative, isMetaText, isWritingSubject, namesFormat } from "./meta";
import { capitalize, countWords, keywords, limitChars, limitWords, rankSentences, sentences, titleCase, words, type Scored, type Sentence } from "./text";
import type { OutlineTask, PostTask, SummarizeTask, TaskEnvelope } from "../envelope";
import type { ToolOutputSeen } from "./prompt";

export type { OutlineTask, PostTask, SummarizeTask } from "../envelope";
/** What a writing tool asks for: the payload of its <task> envelope. */
export type WritingTask = TaskEnvelope;

export interface Outline {
  title: string;
  sections: { heading: string; points: string[] }[];
}

/** What a revision asks of the writer: the reviewers' feedback so far, and the versions they rejected. */
export interface WriteOptions {
  feedback?: FeedbackRequest[];
  /** Sentences (their first 50 characters) of the rejected versions: avoided when another angle is asked for. */
  rejected?: Set<string>;
}

/** The feedback of every revision so far, as one request: lengths multiply, points add up. */
interface Wanted {
  scale: number;
  drop: string[];
  only: string[];
  angle: boolean;
  rejected: Set<string>;
}

function wanted(opts: WriteOptions): Wanted {
  let scale = 1;
  const w: Wanted = { scale, drop: [], only: [], angle: false, rejected: opts.rejected ?? new Set() };
  for (const f of opts.feedback ?? []) {
    if (f.shorter) scale *= 0.6;
    if (f.longer) scale *= 1.6;
    w.drop.push(...f.drop);
    w.only.push(...f.only);
    w.angle ||= f.angle;
  }
  w.scale = scale;
  return w;
}

/** Words that name the deliverable, the platform or the work on it — never the subject. */
const FORMAT_WORD =
  /^(?:linkedin|instagram|x|twitter|facebook|tiktok|youtube|blog|blogs|newsletters?|carousels?|posts?|threads?|tweets?|articles?|slides?|decks?|captions?|hashtags?|copy|content|draft|final|version|image|hero|cover|translated|translation|translate|tone|written|write|writing|research|create|make|summary|outline|series|into|english|spanish|french|german|italian|portuguese|dutch|japanese|chinese|korean|arabic|hindi|polish|swedish)$/i;
/** Words too generic to be a hashtag on their own. */
const GENERIC =
  /^(?:trends?|tips?|news|ideas?|guide|best|practices?|things|ways|overview|outlook|updates?|insights?|lessons|facts|basics|introduction|intro|stories|story|debate|what|actually|helps?|how|why|new|latest|top|key|important|today|now|market|\d{1,4})$/i;
const STOPWORD = /^(?:the|a|an|our|my|your|its|of|for|and|or|to|in|on|at|with|about|from|by|vs|that|this|these|those|is|are|what|which)$/i;

/**
 * What a topic is about, without the work around it: "Research AI trends and write a LinkedIn
 * carousel" → "AI trends"; "AI trends, translated into Spanish" → "AI trends".
 */
export function subjectOf(text: string): string {
  let s = text
    .replace(/,?\s*\b(?:translated|written)\s+(?:in|into)\s+[A-Za-z]+\b.*$/i, "")
    .replace(/[.!?]+$/, "")
    .trim();
  const verb = /^(?:research|find|look up|search for|explore|write|create|draft|make|prepare|summari[sz]e|compose|produce|plan|turn)\b/i;
  const about = /\b(?:about|covering|regarding|on the topic of)\s+(.+)$/i.exec(s);
  if (about && verb.test(s)) s = about[1]!;
  else
    s = s
      .replace(/^(?:research|find|look up|search for|explore|write|create|draft|make|prepare|summari[sz]e|compose|produce)\s+(?:(?:about|on)\s+)?/i, "")
      .replace(/\s+(?:and|then)\s+(?:write|create|draft|make|turn|post|publish|summari[sz]e|prepare|outline)\b.*$/i, "");
  // A deliverable left at either end ("a LinkedIn carousel on AI" → "AI").
  s = s.replace(/^(?:(?:an?|the)\s+)?(?:(?:linkedin|instagram|x|blog|newsletter)\s+)?(?:carousel|post|thread|article|newsletter)\s+(?:about|on)\s+/i, "");
  return s.trim() || text.trim();
}

/** The subject of a step: its topic's, or the goal's when the topic says nothing ("how"). */
export function subjectFor(topic: string | null | undefined, goal: string): string {
  const own = topic ? subjectOf(topic) : "";
  return keywords(own).length ? own : subjectOf(goal || own);
}

/** The subject's own words, for ranking: format words would pull in guides about the format. */
const focusOf = (subject: string) =>
  subject
    .split(/\s+/)
    .filter((w) => !FORMAT_WORD.test(w.replace(/[^\w-]/g, "")))
    .join(" ") || subject;

/**
 * Hashtags from the subject's key terms: acronyms alone (#AI), runs of subject words as one tag
 * (#RemoteWork, #FourDayWorkWeek), never format, platform or generic words (#Carousel, #Trends).
 */
export function hashtags(subject: string, max: number): string[] {
  const tokens = subject
    .replace(/[^A-Za-z0-9\s-]/g, " ")
    .split(/\s+/)
    .filter(Boolean);
  const cap = (w: string) =>
    /^[A-Z0-9]{2,}$/.test(w)
      ? w
      : w
          .split("-")
          .map((p) => p.charAt(0).toUpperCase() + p.slice(1).toLowerCase())
          .join("");
  const tags: string[] = [];
  let run: string[] = [];
  const flush = () => {
    const joined = run.map(cap).join("");
    if (run.length >= 3 && joined.length <= 18) tags.push(`#${joined}`);
    else if (run.length >= 2) tags.push(`#${run.slice(0, 2).map(cap).join("")}`, ...run.slice(2).map((w) => `#${cap(w)}`));
    else if (run.length === 1) tags.push(`#${cap(run[0]!)}`);
    run = [];
  };
  for (const t of tokens) {
    if (STOPWORD.test(t) || FORMAT_WORD.test(t) || GENERIC.test(t)) {
      flush();
      continue;
    }
    if (/^[A-Z][A-Z0-9]{1,5}s?$/.test(t)) {
      flush();
      tags.push(`#${t.replace(/s$/, "")}`);
      continue;
    }
    if (t.length <= 2 || /^\d+$/.test(t)) {
      flush();
      continue;
    }
    run.push(t);
  }
  flush();
  // "AI trends" alone gives one tag: the subject as one tag joins it.
  const meaningful = tokens.filter((t) => !STOPWORD.test(t) && !FORMAT_WORD.test(t) && !/^\d+$/.test(t));
  if (tags.length < 2 && meaningful.length >= 2 && meaningful.length <= 3 && meaningful.map(cap).join("").length <= 20)
    tags.push(`#${meaningful.map(cap).join("")}`);
  const seen = new Set<string>();
  return tags.filter((t) => !seen.has(t.toLowerCase()) && seen.add(t.toLowerCase())).slice(0, max);
}

/** Sentences of the material that may go into content, ranked for the subject. */
function pick(material: string[], subject: string, w: Wanted, n: number): Scored[] {
  const writing = isWritingSubject(subject);
  const dropKeys = w.drop.map((d) => keywords(d)).filter((k) => k.length);
  const onlyKeys = w.only.map((d) => keywords(d)).filter((k) => k.length);
  const mentions = (s: Sentence, keys: string[][]) => {
    const ws = new Set(words(`${s.heading ?? ""} ${s.text}`));
    return keys.some((k) => k.every((x) => ws.has(x) || ws.has(`${x}s`) || ws.has(x.replace(/s$/, ""))));
  };
  const base = (s: Sentence) =>
    !isMetaText(s.text, { subjectIsWriting: writing }) && !mentions(s, dropKeys) && !(w.angle && w.rejected.has(s.text.slice(0, 50)));
  const focus = [focusOf(subject), ...w.only].join(" ");
  const about = material.filter((m) => !isAboutItself(sentences(m)));
  let ranked = rankSentences(about, focus, (s) => base(s) && (!onlyKeys.length || mentions(s, onlyKeys)));
  if (onlyKeys.length && ranked.length < 2) ranked = rankSentences(about, focus, base);
  const plain = ranked.filter((r) => !LABELLED.test(r.text));
  return (plain.length >= Math.min(n, 3) ? plain : ranked).slice(0, n);
}

/** "Hook slide: …", "Step 2: …" — labelled instructions read badly as statements of fact. */
const LABELLED = /^[^.!?]{0,40}:\s/;

/** Sentences back in the order they appeared, so extracted prose still reads in sequence. */
const inOrder = <T extends { order: number }>(xs: T[]) => [...xs].sort((a, b) => a.order - b.order);
const texts = (xs: { text: string; order: number }[]) => inOrder(xs).map((x) => x.text);

export function writeSummary(task: SummarizeTask, material: string[], goal: string, opts: WriteOptions = {}): { summary: string; points: string[] } {
  const w = wanted(opts);
  const subject = subjectFor(task.focus, goal);
  const maxWords = Math.max(20, Math.round((task.maxWords ?? 200) * w.scale));
  const ranked = pick(material, subject, w, 40);
  const chosen: Scored[] = [];
  let used = 0;
  for (const s of ranked) {
    const n = countWords(s.text);
    if (used + n > maxWords && chosen.length > 0) continue;
    chosen.push(s);
    used += n;
    if (used >= maxWords * 0.9) break;
  }
  const summary = limitWords(texts(chosen).join(" "), maxWords);
  const points = ranked.slice(0, Math.max(2, Math.min(5, Math.round(5 * w.scale)))).map((s) => limitChars(s.text, 200));
  return { summary: summary || "The material gathered so far contains no text to summarize.", points };
}

/** Words after which a heading would stop mid-phrase. */
const TRAILING_WORD =
  /^(?:a|an|the|and|or|but|so|that|to|of|in|on|for|with|by|as|is|are|was|were|be|it|its|their|your|our|this|these|those|can|will|should|now|than|from|at|into|more|most|less)$/i;
const SUBORDINATE = /^(?:with|when|while|as|if|because|although|though|since|after|before|for|in|on|by|once|unless|until|despite|without|thanks)$/i;
const VERBISH = new Set(
  "is are was were has have had can could will would should may might must do does did keep keeps make makes remain remains become becomes mean means give gives take takes need needs use uses report reports rank ranks depend depends spent spend spends invest invests ask asks estimate estimates still often already turn turns bring brings push pushes grow grows lead leads drive drives help helps cut cuts now power powers sell sells treat treats".split(
    " ",
  ),
);

/**
 * A heading from a sentence, always a whole phrase: the sentence itself when short, else its main
 * clause when short, else its subject (the words before the verb) — never a cut after seven words.
 */
export function headingFrom(sentence: string): string {
  const clauses = sentence
    .replace(/[.!?]+$/, "")
    .split(/\s*(?:[,;:—–(]|\s-\s)\s*/)
    .map((c) => c.replace(/\)$/, "").trim())
    .filter(Boolean);
  // "With third-party cookies fading, brands invest …": the main clause, not the opening aside.
  const main = clauses.find((c, i) => !(i === 0 && clauses.length > 1 && SUBORDINATE.test(c.split(/\s+/)[0]!))) ?? clauses[0] ?? sentence;
  const ws = main.split(/\s+/);
  if (ws.length <= 8) return capitalize(main);
  const v = ws.findIndex((x, k) => k > 0 && (VERBISH.has(x.toLowerCase()) || (/^[a-z]{4,}ed$/.test(x) && k > 1)));
  if (v >= 2 && v <= 7) return capitalize(ws.slice(0, v).join(" "));
  const head = ws.slice(0, 8);
  while (head.length > 2 && TRAILING_WORD.test(head.at(-1)!)) head.pop();
  return capitalize(head.join(" "));
}

/** A section heading of the material that also works as a heading in the content. */
function usableHeading(h: string | undefined, writing: boolean): h is string {
  if (!h || h.split(/\s+/).length > 10) return false;
  if (/^(?:how to|what to do|before you|common mistakes|about these|removing the samples|adding your own)/i.test(h)) return false;
  // An imperative heading is fine ("Protect focus time"); one about the format is not ("Design", "Copy").
  return (
    writing || (!namesFormat(h) && !/^(?:structure|design|copy|style|publishing|the (?:hook|body)|subject lines.*|grow and keep subscribers|measure)$/i.test(h))
  );
}

interface Section {
  heading: string;
  points: string[];
}

/**
 * Groups the material into `n` sections: the author's own section headings where the material has
 * them (whole phrases by construction), each with its strongest sentences; a sentence without a
 * heading makes its own section, headed by a phrase of it, with its neighbours in meaning.
 */
function sectionsFrom(ranked: Scored[], n: number, perSection: number, writing: boolean, withIntro = true, minScore = 0): Section[] {
  const groups: { heading?: string; items: Scored[]; first: number }[] = [];
  const byKey = new Map<string, (typeof groups)[number]>();
  for (const r of ranked) {
    if ((!withIntro && r.underTitle) || r.score < minScore) continue;
    const h = usableHeading(r.heading, writing) ? r.heading : undefined;
    const key = h ? h.toLowerCase() : `\u0000${r.order}`;
    let g = byKey.get(key);
    if (!g) {
      g = { ...(h ? { heading: h } : {}), items: [], first: r.order };
      byKey.set(key, g);
      groups.push(g);
    }
    g.items.push(r);
    g.first = Math.min(g.first, r.order);
  }
  const chosen = groups.slice(0, Math.max(1, n));
  const used = new Set(chosen.flatMap((g) => g.items.slice(0, perSection).map((r) => r.text)));
  const headings = new Set<string>();
  return inOrder(chosen.map((g) => ({ ...g, order: g.first })))
    .map((g) => {
      let items = g.items.slice(0, perSection);
      if (!g.heading && items.length < perSection) {
        const seedKeys = new Set(keywords(items[0]!.text));
        const related = ranked
          .filter((r) => !used.has(r.text))
          .map((r) => ({ r, overlap: keywords(r.text).filter((k) => seedKeys.has(k)).length }))
          .filter((x) => x.overlap >= 2)
          .sort((a, b) => b.overlap - a.overlap)
          .slice(0, perSection - items.length)
          .map((x) => x.r);
        for (const r of related) used.add(r.text);
        items = [...items, ...related];
      }
      const heading = capitalize(g.heading ?? headingFrom(items[0]!.text));
      // A short sentence that became the heading is not repeated as the section's first point.
      const points = texts(items).filter((p, i, all) => !(all.length > 1 && p.replace(/[.!?]+$/, "").toLowerCase() === heading.toLowerCase()));
      return { heading, points: points.map((p) => limitChars(p, 260)) };
    })
    .filter((s) => !headings.has(s.heading.toLowerCase()) && headings.add(s.heading.toLowerCase()));
}

/** Groups material into `sections` parts, in the order the material tells them. */
export function writeOutline(task: OutlineTask, material: string[], goal: string, opts: WriteOptions = {}): Outline {
  const w = wanted(opts);
  const subject = subjectFor(task.topic, goal);
  const n = Math.max(1, Math.min(task.sections, 20));
  const perSection = Math.max(1, Math.min(4, Math.round((task.format === "article" || task.format === "newsletter" ? 3 : 2) * w.scale)));
  const ranked = pick(material, subject, w, 80);
  return { title: titleCase(subject), sections: sectionsFrom(ranked, n, perSection, isWritingSubject(subject)) };
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

export interface PostDraft {
  text: string;
  slides: { title: string; body: string }[] | null;
  posts: string[] | null;
  hashtags: string[] | null;
  notes: string[] | null;
}

/** The earlier post a translation step is meant to translate. */
function latestPost(outputs: ToolOutputSeen[]): PostDraft | undefined {
  for (let i = outputs.length - 1; i >= 0; i--) {
    const o = outputs[i]!.output as Partial<PostDraft> | undefined;
    if (outputs[i]!.toolName === "format_post" && o && typeof o.text === "string")
      return { text: o.text, slides: o.slides ?? null, posts: o.posts ?? null, hashtags: o.hashtags ?? null, notes: null };
  }
  return undefined;
}

const LANGUAGE = /\b(?:translated|written)\s+(?:in|into)\s+([A-Z][a-z]+|[a-z]+)\b/i;
/** Voices extractive text has anyway: the material's own, plain and informative. */
const PLAIN_TONE = /^(?:professional|neutral|informative|natural|clear|plain|factual|objective|concise|default|standard)$/i;

/** Whole sentences that fit in `max` characters; the first cut at a word boundary when none fits. */
function fitSentences(parts: string[], max: number, sep = " "): string {
  const out: string[] = [];
  for (const p of parts) if ([...out, p].join(sep).length <= max) out.push(p);
  return out.length ? out.join(sep) : limitChars(parts[0] ?? "", max);
}

/** The sentences a previous version used, to keep an intro from repeating its sections. */
const firstWords = (xs: string[]) => new Set(xs.map((x) => x.slice(0, 60)));

export function writePost(task: PostTask, material: string[], outputs: ToolOutputSeen[], goal: string, opts: WriteOptions = {}): PostDraft {
  const w = wanted(opts);
  const notes: string[] = [];
  const subject = subjectFor(task.topic, goal);
  const writing = isWritingSubject(subject);
  const language = LANGUAGE.exec(`${task.topic ?? ""} ${task.tone ?? ""}`)?.[1];
  const tone = (task.tone ?? "")
    .replace(/,?\s*written\s+in\s+\w+/i, "")
    .replace(/^natural$/i, "")
    .trim();

  if (language && !/^english$/i.test(language)) {
    notes.push(`The offline model cannot translate: the text below is in English, not ${capitalize(language)}. ${CONFIGURE_MODEL}`);
    // Translating means the same post in another language: the honest offline answer is the post as it was.
    const source = latestPost(outputs);
    if (source) return { ...source, notes };
  }
  if (tone && !PLAIN_TONE.test(tone) && !/^personal$/i.test(tone))
    notes.push(`The offline model cannot write in a ${tone} tone: it quotes the material's sentences as they are written. ${CONFIGURE_MODEL}`);

  const target = lengthTarget(task.platform, task.format);
  const scaled = (n: number, min = 1) => Math.max(min, Math.round(n * w.scale));
  const maxChars = Math.min(task.maxChars, w.scale < 1 ? Math.round(task.maxChars * w.scale) : task.maxChars);
  const summary = latestSummary(outputs);
  const ranked = pick(summary ? [summary, ...material] : material, subject, w, 40);
  // An opening states something; advice ("Decide which steps …") belongs further down.
  const statements = ranked.filter((r) => !isImperative(r.text) && !/^[^.!?]{0,40}\s[—–]\s/.test(r.text));
  const lead = (statements[0] ?? ranked[0])?.text ?? (summary ? sentences(summary)[0] : undefined) ?? capitalize(subject);
  const title = titleCase(limitChars(subject, 80));
  const isArticle = task.format === "article" || ((task.platform === "blog" || task.platform === "newsletter") && task.format === "post");

  // An outline from an earlier step, minus the points the reviewer asked to drop.
  const given = latestOutline(outputs);
  const dropKeys = w.drop.map((d) => keywords(d)).filter((k) => k.length);
  const keepPoint = (p: string) => !isMetaText(p, { subjectIsWriting: writing }) && !dropKeys.some((k) => k.every((x) => keywords(p).includes(x)));
  const outlineSections = given?.sections
    .map((s) => ({ heading: s.heading, points: s.points.filter(keepPoint) }))
    .filter((s) => s.points.length && usableHeading(s.heading, writing));

  if (task.format === "carousel") {
    const maxSections = Math.min(task.maxSlides - 1, scaled(target.parts[1], 3));
    let sections = (outlineSections?.length ? outlineSections : sectionsFrom(ranked, maxSections, target.sentences[1], writing)).slice(0, maxSections);
    const used = firstWords(sections.flatMap((s) => s.points));
    // The cover says something on the subject the slides do not; when the slides use every strong
    // sentence, the strongest opens the cover and leaves its slide (if the slide keeps another).
    const strong = (r: Scored) => r.score >= (statements[0]?.score ?? 0) * 0.5;
    let cover = statements.find((r) => strong(r) && !used.has(r.text.slice(0, 60)))?.text;
    if (!cover && statements[0]) {
      const top = statements[0].text.slice(0, 60);
      cover = statements[0].text;
      sections = sections.map((s) => (s.points.length > 1 ? { ...s, points: s.points.filter((p) => p.slice(0, 60) !== top) } : s));
    }
    cover ??= lead;
    const bodyMax = w.scale < 1 ? 160 : 240;
    const slides = [
      { title, body: fitSentences([cover], bodyMax) },
      ...sections.map((s) => ({ title: s.heading, body: fitSentences(s.points.slice(0, scaled(target.sentences[1])), bodyMax) })),
    ].slice(0, task.maxSlides);
    const tags = hashtags(subject, 3);
    const list = slides.slice(1).map((s, i) => `${i + 1}. ${s.title}`);
    const caption = `${limitChars(cover, 400)}${list.length ? `\n\n${list.length} takeaways in the carousel:\n${list.join("\n")}` : ""}`;
    return {
      text: limitChars(`${caption}${tags.length ? `\n\n${tags.join(" ")}` : ""}`.trim(), maxChars),
      slides,
      posts: null,
      hashtags: tags,
      notes: notes.length ? notes : null,
    };
  }

  if (task.format === "thread") {
    const n = Math.min(scaled(target.parts[1], 3), ranked.length || 1);
    const readable = (r: Scored) =>
      r.item && r.heading && countWords(r.text) < 14 ? `${r.heading}: ${r.text.charAt(0).toLowerCase()}${r.text.slice(1)}` : r.text;
    // One item of a list per post at most: three posts opening "Models companies use:" read as a list, not a thread.
    const listed = new Set<string>();
    const rest = ranked.filter((r) => r.text !== lead && !(r.item && r.heading && (listed.has(r.heading) || !listed.add(r.heading))));
    const parts = [lead, ...texts(rest.slice(0, n - 1).map((r) => ({ ...r, text: readable(r) })))].filter(Boolean);
    const posts = parts.map((p, i) => {
      const suffix = ` ${i + 1}/${parts.length}`;
      return `${limitChars(p, task.maxChars - suffix.length)}${suffix}`;
    });
    if (posts.length < target.parts[0]) notes.push(`The material had enough for ${posts.length} posts; a thread usually has ${target.parts[0]} or more.`);
    return { text: posts.join("\n\n"), slides: null, posts, hashtags: null, notes: notes.length ? notes : null };
  }

  if (isArticle) {
    const n = scaled(target.parts[1], 2);
    const per = scaled(target.sentences[1], 1);
    // Sections from the outline when there is one, each filled up with more of the material under the same heading.
    const more = pick(summary ? [summary, ...material] : material, subject, w, 160);
    // Sections about the subject only: a group whose best sentence scores far below the best is off-topic.
    const own = sectionsFrom(more, n * 2, per, writing, false, (more[0]?.score ?? 0) * 0.15);
    const followed = outlineSections?.length
      ? outlineSections.slice(0, n).map((s) => {
          const same = own.find((o) => o.heading.toLowerCase() === s.heading.toLowerCase());
          const points = [...s.points, ...(same?.points ?? []).filter((p) => !s.points.includes(p))];
          return { heading: s.heading, points: points.slice(0, Math.max(per, s.points.length)) };
        })
      : own.slice(0, n);
    // A section headed by the subject itself ("AI marketing trends in 2026" under "# AI Marketing
    // Trends") is the introduction; sections of the material the outline left out fill the article up.
    const subjectKeys = keywords(focusOf(subject));
    const isIntro = (s: Section) => subjectKeys.length > 0 && subjectKeys.every((k) => keywords(s.heading).includes(k));
    const introSection = followed.find(isIntro);
    const sections = followed.filter((s) => s !== introSection);
    const headings = new Set(followed.map((s) => s.heading.toLowerCase()));
    const taken = firstWords([...followed.flatMap((s) => s.points)]);
    for (const o of own) {
      const points = o.points.filter((p) => !taken.has(p.slice(0, 60)));
      if (sections.length >= n || !points.length || headings.has(o.heading.toLowerCase()) || isIntro(o)) continue;
      // A section of its own only under the material's own heading: a sentence alone is no section.
      if (points.length < 2 && !more.some((r) => r.heading === o.heading && !r.underTitle)) continue;
      sections.push({ heading: o.heading, points });
      for (const p of points) taken.add(p.slice(0, 60));
    }
    const used = firstWords(sections.flatMap((s) => s.points));
    const fresh = more.filter((r) => !used.has(r.text.slice(0, 60)) && !isImperative(r.text) && r.score >= (more[0]?.score ?? 0) * 0.4);
    const intro = introSection?.points.length
      ? introSection.points
      : texts([...fresh.filter((r) => r.underTitle), ...fresh.filter((r) => !r.underTitle)].slice(0, scaled(3)));
    const body = sections.map((s) => `## ${s.heading}\n\n${s.points.join(" ")}`).join("\n\n");
    const text = limitChars(`# ${title}\n\n${intro.length ? `${intro.join(" ")}\n\n` : ""}${body}`, maxChars);
    const count = countWords(text);
    if (count < target.minWords * Math.min(1, w.scale))
      notes.push(
        `The material holds only enough for about ${count} words on “${subject}” (a ${task.platform} article usually has ${target.minWords} or more). Add documents to the knowledge base, or a search or fetch step, to give it more to draw on.`,
      );
    return { text, slides: null, posts: null, hashtags: null, notes: notes.length ? notes : null };
  }

  // A single post: a few whole sentences in short paragraphs, the subject's hashtags where they belong.
  const tags = task.platform === "instagram" ? hashtags(subject, 5) : task.platform === "linkedin" ? hashtags(subject, 3) : [];
  const opener = /^personal$/i.test(tone) ? "My take: " : "";
  const budget = Math.min(maxChars, Math.round(target.maxWords * 6.5 * Math.max(w.scale, 1))) - (tags.length ? tags.join(" ").length + 2 : 0) - opener.length;
  const want = scaled(target.sentences[1]);
  const chosen: Scored[] = [];
  for (const r of ranked) {
    if ([...chosen.map((c) => c.text), r.text].join("\n\n").length > budget) continue;
    chosen.push(r);
    if (chosen.length >= want) break;
  }
  // The strongest sentence opens; the rest follow in the material's order, two to a paragraph.
  const opening = chosen.find((c) => !isImperative(c.text)) ?? chosen[0];
  const [first, ...rest] = opening ? [opening, ...chosen.filter((c) => c !== opening)] : [];
  const ordered = first ? [first.text, ...texts(rest)] : [];
  const paragraphs = ordered.length ? [ordered[0]!] : [];
  for (let i = 1; i < ordered.length; i += 2) paragraphs.push(ordered.slice(i, i + 2).join(" "));
  const core = paragraphs.length ? paragraphs.join(task.platform === "x" ? " " : "\n\n") : limitChars(lead, budget);
  const text = `${opener}${core}${tags.length ? `\n\n${tags.join(" ")}` : ""}`;
  return { text, slides: null, posts: null, hashtags: tags.length ? tags : null, notes: notes.length ? notes : null };
}
