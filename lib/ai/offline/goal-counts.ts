// Counts in a goal, in digits or words: "a 4-part course", "ten tips", "a dozen ideas",
// "in under 150 words", "8 recent articles". Each kind of count lands on its own tool input.

const NUMBER_WORDS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  dozen: 12,
};

const NUM = `(\\d{1,3}|${Object.keys(NUMBER_WORDS).join("|")}|half a dozen|a dozen|a couple of|a couple)`;

function value(token: string): number {
  const t = token.toLowerCase();
  if (/^\d+$/.test(t)) return Number(t);
  if (t === "half a dozen") return 6;
  if (t.startsWith("a couple")) return 2;
  return NUMBER_WORDS[t.replace(/^a /, "")] ?? NaN;
}

/** What a section count counts: slides, parts, tips… ("five-year" or "200 business cards" are not). */
const UNITS =
  "slides?|sections?|parts?|points?|tips|items?|ideas?|steps?|tweets?|posts?|ways|reasons?|lessons?|questions?|chapters?|modules?|mistakes?|examples?|facts?|myths?|habits?|rules?|takeaways?|headings?|bullets?|trends?|tools?|strategies|strategy|hacks?|tricks?|principles?|pillars?|stages?|episodes?";

const SECTION_RES = [
  new RegExp(`\\b${NUM}[- ](?:[a-z]+[- ]){0,2}?(?:${UNITS})\\b`, "i"),
  new RegExp(`\\bin ${NUM} (?:${UNITS})\\b`, "i"),
  new RegExp(`\\b(?:of|with) ${NUM} (?:${UNITS})\\b`, "i"),
  new RegExp(`\\b${NUM} of them\\b`, "i"),
  new RegExp(`\\b(?:top|best) ${NUM}\\b`, "i"),
];

const clamp = (n: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, n));

/** How many sections (slides, parts, tips) the goal asks for, if it says. */
export function detectCount(goal: string): number | undefined {
  const text = goal.replace(/\bhttps?:\/\/\S+/gi, " ");
  for (const re of SECTION_RES) {
    const m = re.exec(text);
    if (!m) continue;
    // "in 150 words" and "a 100-word summary" are length limits, not sections.
    if (/^\s*words?\b/i.test(text.slice(m.index + m[0].length))) continue;
    const n = value(m[1]!);
    if (Number.isFinite(n) && n >= 1) return clamp(n, 1, 20);
  }
  return undefined;
}

/** A length limit in words: "in under 150 words", "a 100-word summary". */
export function wordLimit(goal: string): number | undefined {
  const m = new RegExp(`\\b${NUM}[- ]words?\\b`, "i").exec(goal.replace(/\bhttps?:\/\/\S+/gi, " "));
  const n = m ? value(m[1]!) : NaN;
  return Number.isFinite(n) ? clamp(n, 20, 1000) : undefined;
}

/** How many sources to gather: "8 recent articles", "the top 5 stories", "ten sources". */
export function resultCount(goal: string): number | undefined {
  const m = new RegExp(
    `\\b(?:top )?${NUM} (?:(?:recent|latest|new|good|reliable|relevant|top|key|news)\\s+)*(?:articles?|sources?|results?|links?|papers?|stories|studies|reports?|headlines?|news items?|references?)\\b`,
    "i",
  ).exec(goal.replace(/\bhttps?:\/\/\S+/gi, " "));
  const n = m ? value(m[1]!) : NaN;
  return Number.isFinite(n) ? clamp(n, 1, 20) : undefined;
}
