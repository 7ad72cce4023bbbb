// Small text utilities for the offline model: it writes only from material it was given, so all
// it needs is to split, score and pick sentences.

const STOP = new Set(
  "a an the and or but if then else of to in on at by for with from into onto about as is are was were be been being it its this that these those i me my we our you your they them their he she his her not no so do does did done can could should would will shall may might must have has had how what which who whom whose why when where there here than too very just also more most some any each every all both few many much other such only own same up down out over under again further once per via vs etc".split(
    " ",
  ),
);

export function words(text: string): string[] {
  return text.toLowerCase().match(/[a-z0-9][a-z0-9'’-]*/g) ?? [];
}

export function keywords(text: string): string[] {
  return [...new Set(words(text).filter((w) => w.length > 1 && !STOP.has(w)))];
}

const LIST_ITEM = /^\s*(?:[-*•+]|\d+[.)])\s+/;

/** A sentence and the heading of the section it stands under, if the text has headings. */
export interface Sentence {
  text: string;
  heading?: string;
  /** The heading is the document's title (the sentence is from its introduction). */
  underTitle?: true;
  /** The sentence is a list item: often a fragment that needs its heading to read well. */
  item?: true;
}

/** A markdown heading as a phrase: numbering and emphasis dropped ("## 1. Agents run campaigns" → "Agents run campaigns"). */
function headingText(line: string): string {
  return line
    .replace(/^#{1,6}\s+/, "")
    .replace(/^(?:\d+[.)]|step \d+:?)\s+/i, "")
    .replace(/[*_`]+/g, "")
    .replace(/[.:]+$/, "")
    .trim();
}

/**
 * Splits prose into sentences, each with the heading it stands under. Soft-wrapped lines are joined
 * first (markdown wraps paragraphs), list items stay separate units, and headings are not sentences:
 * they are titles, kept as each sentence's `heading`.
 */
export function sectionSentences(text: string): Sentence[] {
  const units: Sentence[] = [];
  let current = "";
  let heading: string | undefined;
  // Sentences before the first section stand under the document's title.
  let title: string | undefined;
  let inItem = false;
  const flush = () => {
    const h = heading ?? title;
    if (current.trim())
      units.push({ text: current.trim(), ...(h ? { heading: h } : {}), ...(!heading && title ? { underTitle: true } : {}), ...(inItem ? { item: true } : {}) });
    inItem = false;
    current = "";
  };
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (/^#{2,6}\s/.test(line)) {
      flush();
      heading = headingText(line) || undefined;
      continue;
    }
    if (/^#\s/.test(line)) {
      flush();
      title ??= headingText(line) || undefined;
      continue;
    }
    // A rule or a wholly emphasised line is an aside (a caption, a disclaimer).
    // A blockquote is a quoted example, not a statement of the text.
    if (!line || /^>/.test(line) || /^[-*_]{3,}$/.test(line) || /^([*_])[^*_].*\1$/.test(line) || /^\|/.test(line)) {
      flush();
      continue;
    }
    if (LIST_ITEM.test(line)) {
      flush();
      inItem = true;
      current = line.replace(LIST_ITEM, "");
    } else current = current ? `${current} ${line}` : line;
  }
  flush();
  const out: Sentence[] = [];
  for (const unit of units) {
    const clean = unit.text
      .replace(/[*_`]+/g, "")
      .replace(/\s+/g, " ")
      .trim();
    for (const s of clean.split(/(?<=[.!?])\s+(?=[A-Z0-9“"(])/)) {
      const t = s.trim();
      if (t) out.push({ ...unit, text: t });
    }
  }
  return out;
}

export function sentences(text: string): string[] {
  return sectionSentences(text).map((s) => s.text);
}

export function countWords(text: string): number {
  return text.trim() ? text.trim().split(/\s+/).length : 0;
}

/** Cuts to at most `max` words, ending on a sentence boundary when one is close. */
export function limitWords(text: string, max: number): string {
  const parts = text.trim().split(/\s+/);
  if (parts.length <= max) return text.trim();
  const cut = parts.slice(0, max).join(" ");
  const end = Math.max(cut.lastIndexOf(". "), cut.lastIndexOf("! "), cut.lastIndexOf("? "));
  return end > cut.length * 0.6 ? cut.slice(0, end + 1) : `${cut.replace(/[,;:]$/, "")}…`;
}

export function limitChars(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.-]+$/, "")}…`;
}

const SMALL = new Set(["a", "an", "and", "as", "at", "but", "by", "for", "in", "of", "on", "or", "the", "to", "vs", "with"]);

export function titleCase(text: string): string {
  return text
    .split(/\s+/)
    .map((w, i) => {
      if (/[A-Z]/.test(w.slice(1)) || /^[A-Z0-9]{2,}$/.test(w)) return w; // keep acronyms and brand casing (AI, LinkedIn)
      const lower = w.toLowerCase();
      if (i > 0 && SMALL.has(lower)) return lower;
      return lower.charAt(0).toUpperCase() + lower.slice(1);
    })
    .join(" ");
}

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Deterministic 32-bit hash (FNV-1a), for stable ids and choices. */
export function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export interface Scored {
  text: string;
  score: number;
  order: number;
  /** The heading of the section the sentence comes from. */
  heading?: string;
  underTitle?: true;
  item?: true;
}

/** How much a text is about the focus: focus keywords per 100 words, capped. */
function relevance(text: string, focus: Set<string>): number {
  if (!focus.size) return 1;
  const ws = words(text);
  if (!ws.length) return 0;
  const hits = ws.filter((w) => focus.has(w)).length;
  return Math.min(1, (hits / ws.length) * 25);
}

/**
 * Ranks sentences by how many of the focus keywords they share (weighted by rarity across the
 * material) and by how much their source is about the focus, preferring informative lengths;
 * duplicates are dropped.
 */
export function rankSentences(material: string[], focus: string, keep: (s: Sentence) => boolean = () => true): Scored[] {
  const focusWords = new Set(keywords(focus));
  const all: (Sentence & { docScore: number })[] = [];
  for (const m of material) {
    const docScore = 0.25 + relevance(m, focusWords);
    for (const s of sectionSentences(m)) if (countWords(s.text) >= 5 && countWords(s.text) <= 60 && keep(s)) all.push({ ...s, docScore });
  }
  const df = new Map<string, number>();
  for (const s of all) for (const w of new Set(keywords(s.text))) df.set(w, (df.get(w) ?? 0) + 1);
  const seen = new Set<string>();
  const scored: Scored[] = [];
  all.forEach(({ text, docScore, ...where }, order) => {
    const ks = keywords(text);
    const key = ks.slice(0, 8).join(" ");
    if (seen.has(key)) return;
    seen.add(key);
    let score = 0;
    for (const w of ks) {
      const idf = Math.log(1 + all.length / (df.get(w) ?? 1));
      score += focusWords.has(w) ? 3 * idf : 0.15 * idf;
    }
    score /= Math.sqrt(Math.max(countWords(text), 8)); // do not reward length for its own sake
    if (/[.!?]$/.test(text)) score *= 1.1; // a complete sentence reads better than a fragment
    if (/^[^.!?]{0,40}:\s/.test(text)) score *= 0.6; // "Hook slide: …" is an instruction label, not a statement
    scored.push({ text, score: (score + 0.05) * docScore, order, ...where });
  });
  return scored.sort((a, b) => b.score - a.score || a.order - b.order);
}
