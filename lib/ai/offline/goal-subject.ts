// What a goal is about. A subject runs to the end of its clause — lists ("Notion, Obsidian and
// Logseq") and quoted titles stay whole — minus the trailing words that say where or how the
// result goes ("for our blog", "with a hero image", "in 80 words").
import type { Clause } from "./goal-parse";

const URL_RE = /\bhttps?:\/\/[^\s<>"')]+/gi;

/** The first quoted phrase: "…", “…”, or '…' that is not an apostrophe. */
export function quotedPhrase(text: string): string | undefined {
  const m = /"([^"]{2,})"|“([^”]{2,})”|(?<![\w])'([^']{2,}?)'(?![\w])/.exec(text);
  return (m?.[1] ?? m?.[2] ?? m?.[3])?.trim();
}

const TRAILING = [
  /\s+with (?:a|an|one|some)\s+(?:[\w-]+\s+){0,2}(?:image|picture|photo|visual|illustration|graphic|banner|cover)s?\b.*$/i,
  /\s+(?:and|with) (?:my|our) (?:take|opinion|view)s?\b.*$/i,
  /\s+with my take\b.*$/i,
  /\s+as (?:a|an)\s+(?:[\w-]+\s+){0,2}(?:list|thread|carousel|post|article|outline|digest|summary|newsletter|tweet)\b.*$/i,
  /\s+in (?:under |about |around |at most |less than |fewer than )?\S+[- ]words?\b.*$/i,
  /\s+in (?:a|an|one|our|the)\s+(?:[\w-]+\s+){0,2}(?:blog post|post|thread|article|newsletter|carousel|tweet|outline|report|digest)\b.*$/i,
  /\s+(?:for|on|to) (?:our|the|my|your|a)\s+(?:[\w-]+\s+){0,2}(?:blog|newsletter|subscribers|website|site|followers|audience|feed|page|account|channel|header|homepage|readers|list)\b.*$/i,
  /\s+(?:on|for|to) (?:linkedin|x|twitter|instagram|insta|ig)\b.*$/i,
  /,?\s*(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve) of them\b.*$/i,
  /\s+in (?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve) (?:sections?|parts?|slides?|points?)\b.*$/i,
  /\s+(?:for me|for us|please|today|now|asap)$/i,
  /\s+(?:into|to|in|onto) (?:our|the|my|a|an)\s+(?:[\w-]+\s+){0,2}(?:database|db|crm|base|sheet|spreadsheet|calendar|drive|folder|table|inbox|board|workspace)\b.*$/i,
];

export function trimTail(text: string): string {
  let t = text.replace(URL_RE, " ").replace(/\s+/g, " ").trim();
  for (let changed = true; changed;) {
    changed = false;
    for (const re of TRAILING) {
      const next = t.replace(re, "").trim();
      if (next !== t && next.length >= 2) {
        t = next;
        changed = true;
      }
    }
  }
  return t.replace(/[\s,;:.!?-]+$/, "").replace(/\s+(?:at|from|in|on|of|to|for|and|with)$/i, "");
}

/** Leading articles and "the latest news on" framing, for a topic to write about. */
export function cleanTopic(text: string): string {
  return text
    .replace(/^(?:about|on|regarding|covering|of)\s+/i, "")
    .replace(/^(?:the|a|an|some)\s+/i, "")
    .replace(/\s+(?:for me|for us|please)$/i, "")
    .trim();
}

/** The thing a research framing is about: "this week's top stories in space exploration" → "space exploration". */
export function coreTopic(text: string): string {
  return cleanTopic(
    text
      .replace(/^(?:what(?:'s| is) new (?:in|with)|what(?:'s| is| are)(?: the)?|how (?:does|do|did|is|are))\s+/i, "")
      .replace(
        /^(?:(?:the|this week's|today's|this year's|this month's|some|a few)\s+)?(?:(?:latest|recent|current|newest|biggest|top|main|key|major|emerging|big|new)\s+)*(?:news|stories|developments|updates|headlines|coverage|trends|articles|research|reports|studies|data|facts|info|information|changes|innovations|advances|breakthroughs)\s+(?:on|in|about|around|regarding|for|of)\s+/i,
        "",
      ),
  );
}

// Words that introduce what the content is about, most specific first.
const MARKERS =
  /\b(?:on the topic of|titled|called|named|about|regarding|covering|comparing|explaining|explain|celebrating|thanking|inviting|congratulating|welcoming|recognizing|recognising|honou?ring|highlighting|promoting|showcasing|teasing|reminding|encouraging|urging|wishing|introducing|announcing|launching|describing|walks? through|walking through|rundown of|overview of|history of|guide to|tips (?:for|on|about)|ideas (?:for|on|about)|ways to|reasons (?:to|why)|lessons (?:from|on)|on)\s+/i;

const GREETING_MARKER =
  /^(?:celebrating|thanking|inviting|congratulating|welcoming|recognizing|recognising|honou?ring|highlighting|promoting|showcasing|teasing|reminding|encouraging|urging|wishing)$/;

const NOT_A_SUBJECT =
  /^(?:it|this|that|them|these|those|x|linkedin|instagram|twitter|the (?:findings|results|summary|page|article|response)|the key findings|key findings|saturday|sunday|monday|tuesday|wednesday|thursday|friday)$/i;

/** The subject a clause names after its topic marker, if it names one. */
export function subjectOf(clause: Clause): string | undefined {
  const quoted = quotedPhrase(clause.text);
  if (quoted) return quoted;
  const text = clause.text.replace(URL_RE, " ");
  for (let from = 0; from < text.length;) {
    const rest = text.slice(from);
    const m = MARKERS.exec(rest);
    if (!m) return undefined;
    const marker = m[0].trim().toLowerCase();
    const after = rest.slice(m.index + m[0].length);
    // "on LinkedIn", "on Saturday": a place or a day, not a topic; look further.
    if (
      marker === "on" &&
      /^(?:linkedin|x|twitter|instagram|insta|our blog|the blog|saturday|sunday|monday|tuesday|wednesday|thursday|friday)\b/i.test(after)
    ) {
      from += m.index + m[0].length;
      continue;
    }
    let t = trimTail(after);
    // Keep the framing that carries meaning: "history of X", "tips for X", "ways to X".
    if (/^(?:history of|tips|ideas|ways to|reasons|lessons|guide to)/.test(marker)) t = `${marker} ${t}`;
    // What the post does is its topic: "congratulating Priya on her promotion".
    if (GREETING_MARKER.test(marker)) t = `${marker} ${t}`;
    t = cleanTopic(t);
    if (t && !NOT_A_SUBJECT.test(t)) return t;
    from += m.index + m[0].length;
  }
  return undefined;
}

const RESEARCH_VERB =
  /\b(?:research(?:ing)?|find(?: out)?|look(?:ing)? up|look(?:ing)? into|search(?:ing)?(?: the web)?(?: for)?|investigat(?:e|ing)|gather(?:ing)?(?: info(?:rmation)? (?:on|about))?|explor(?:e|ing)|dig(?:ging)? (?:into|up)|discover|skim(?:ming)?|scan(?:ning)?|survey(?:ing)?|browse|collect(?:ing)?|compar(?:e|ing))\s+/i;

/** What to search for in a research clause: the research verb's object, or the clause's subject. */
export function researchQuery(clause: Clause): string | undefined {
  const quoted = quotedPhrase(clause.text);
  const text = clause.text.replace(URL_RE, " ");
  const m = RESEARCH_VERB.exec(text);
  let q: string | undefined;
  if (m) {
    q = trimTail(text.slice(m.index + m[0].length))
      .replace(/^(?:for|on|about|into)\s+/i, "")
      .replace(/^results\s+(?:about|on|for)\s+/i, "")
      .replace(
        /^(?:the\s+)?(?:top\s+)?(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve|a few|some)\s+(?:(?:recent|latest|new|good|top)\s+)*(?:articles|sources|results|links|papers|stories|studies|reports)\s+(?:on|about|from|covering)\s+/i,
        "",
      )
      .replace(/^(?:what|how) (?:(?:\w+ ){0,2})(?:say|says|are saying|is saying|think|thinks|write|feel)\s+(?:about|of|on)\s+(.+)$/i, (_, x: string) =>
        /critic|review/i.test(text) ? `${x} reviews` : `${x} opinions`,
      )
      .replace(/^what (?:are|is)\s+/i, "");
    q = cleanTopic(q);
  }
  if (!q || q.length < 2) q = subjectOf(clause) ?? (quoted || undefined);
  if (!q) q = cleanTopic(trimTail(clause.verb ? text.replace(/^[A-Za-z-]+\s+/, "") : text));
  return q && q.length >= 2 ? q : undefined;
}
