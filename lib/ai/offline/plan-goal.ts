// The offline model's planner: reads a goal the way a careful person would and proposes the tool
// steps. The goal is split into clauses (goal-parse); each clause asks for research, a page or an
// API to read, a summary, an outline, a post, an image or a request to send (URLs by their role,
// goal-urls), or for something no tool does (goal-unmapped), which is reported, not dropped.
// Steps come in the order work flows: gather, summarize, outline, write, illustrate, deliver.
// It knows nothing about the eval goals; it works from phrasing patterns.
import { nothingToDo } from "./goal-chatter";
import { detectCount, resultCount, wordLimit } from "./goal-counts";
import { clausesOf, MAPPED_VERBS, UNMAPPED_VERBS, type Clause } from "./goal-parse";
import { detectFormat, detectPlatform, detectTone, imageSize, imageStyle, PLATFORM_LABEL, type Format, type Platform } from "./goal-platform";
import { cleanTopic, coreTopic, quotedPhrase, researchQuery, subjectOf, trimTail } from "./goal-subject";
import { RESEARCH_VERBS, unmappedParts } from "./goal-unmapped";
import { host, pageName, urlRoles, type UrlRole } from "./goal-urls";
import { capitalize, limitChars, titleCase } from "./text";

export { detectCount } from "./goal-counts";
export { detectFormatWord, detectPlatform, PLATFORM_LABEL, type Format, type Platform } from "./goal-platform";
export { findUrls, host } from "./goal-urls";

export interface PlannedStep {
  toolName: string;
  description: string;
  requiresApproval: boolean;
  input: Record<string, unknown>;
}

export interface PlannedGoal {
  title: string;
  steps: PlannedStep[];
  /** Parts of the goal no step does, with why; all of the goal when there is nothing to plan. */
  notPlanned: { part: string; reason: string }[];
}

const URL_RE = /\bhttps?:\/\/[^\s<>"')]+/gi;

/** Facts the goal does not contain: comparisons, news, trends, history, "what is". */
const NEEDS_FACTS =
  /\b(?:(?:has|have|had) (?:changed|evolved|grown|shifted|developed)|since (?:19|20)\d\d|over the (?:past|last) (?:\w+ )?(?:years?|decades?|months?)|evolution of|right now|these days|last year|in (?:19|20)\d\d|compar(?:e|es|ed|ing|ison)|vs\.?|versus|latest|recent|current|newest|news|headlines?|top stories|trending|trends?|history of|rundown of|what(?:'s| is| are)\b|developments|state of|statistics|stats|reviews|critics|people (?:say|think)|opinions|coverage|this week's|today's|this year|competitors|alternatives to|benchmarks?|market (?:size|share|trends))\b/;
const SUMMARY =
  /\bsummar(?:y|ies|ize|ise|ized|ised|izing|ising)\b|\bdigest\b|\btl;?dr\b|\brecaps?\b|\bkey (?:points|takeaways)\b|\bgist\b|\brundown\b|\bboil(?:ed|ing)? (?:\w+ )?down\b|\bcondense\b|\bsum (?:\w+ )?up\b|\bdistil+\b|\bcliff ?notes\b|\bbriefing\b/;
const OUTLINE_WORD = /\boutlines?\b|\bstructure\b|\bagenda\b|\bsyllabus\b|\btable of contents\b|\bcurriculum\b/;
const LIST_WORD = /\bbullet(?:ed)? (?:list|points)\b|\bchecklist of\b|\blist (?:of )?(?:\d+|[a-z]+ )?(?:ideas|tips|ways|reasons|steps|questions)\b/;
const COUNTED_ITEMS = /\b(?:tips|ideas|ways|reasons|lessons|mistakes|steps|questions|facts|myths|habits|rules|takeaways|tricks|hacks|strategies|principles)\b/;
const IMAGE_NOUN =
  /\b(?:images?|pictures?|photos?|photographs?|illustrations?|graphics?|visuals?|artwork|cover art|thumbnails?|banners?|posters?|logos?|icons?|hero|wallpapers?|drawings?)\b/;
const WRITING_NOUN =
  /\b(?:posts?|tweets?|threads?|articles?|newsletters?|carousels?|captions?|essays?|show notes|copy|announcements?|slides?|press release|blog|story|stories|piece|write-?up|linkedin|instagram)\b/;
const WRITE_VERBS = new Set(["write", "draft", "compose", "pen", "craft", "explain"]);
const MAKE_VERBS = new Set([
  "create",
  "make",
  "produce",
  "prepare",
  "put",
  "generate",
  "give",
  "come",
  "turn",
  "design",
  "plan",
  "publish",
  "post",
  "share",
  "tweet",
  "announce",
]);

interface Wants {
  research: { query: string; count?: number }[];
  summarize: boolean;
  outline: boolean;
  outlineOnly: boolean;
  listShape: boolean;
  writes: { platform: Platform; format: Format; clause: number }[];
  image: boolean;
  imageSubject?: string;
  needsFacts: boolean;
}

const stripUrls = (s: string) => s.replace(URL_RE, " ");
const firstIndex = (re: RegExp, s: string) => {
  const m = re.exec(s);
  return m ? m.index : Infinity;
};

/** The subject of an image the clause is mainly about: "an illustration of a fox reading a book" → "a fox reading a book". */
function imageSubjectOf(clause: Clause): string | undefined {
  const text = stripUrls(clause.text);
  const m = new RegExp(IMAGE_NOUN.source, "i").exec(text);
  if (!m) return undefined;
  const rest = text.slice(m.index + m[0].length).replace(/^\s+(?:image|picture|photo)\b/i, "");
  const about = /\babout\s+(.+)$/i.exec(rest);
  const of = /^\s*(?:of|showing|depicting|featuring|with|for)\s+(.+)$/i.exec(rest);
  const t = cleanTopic(trimTail((about ?? of)?.[1] ?? ""));
  return t.length >= 3 ? t : undefined;
}

function analyse(clauses: Clause[], roles: UrlRole[], unmapped: Set<number>): { wants: Wants; produced: boolean[] } {
  const wants: Wants = { research: [], summarize: false, outline: false, outlineOnly: false, listShape: false, writes: [], image: false, needsFacts: false };
  const produced = clauses.map(() => false);
  clauses.forEach((c, i) => {
    const lower = stripUrls(c.lower).replace(/\b(?:our|my|their|your)\s+(?:latest|recent|current|newest|new)\b/g, "our");
    const reads = roles.some((r) => r.clause === i && r.role === "read");
    const calls = roles.some((r) => r.clause === i);
    const mark = () => (produced[i] = true);
    if (calls) mark();

    const platform = detectPlatform(lower, stripUrls(c.text));
    // Nouns after the verb: in "post it to <url>" the verb is no post to write.
    const verbLength = c.verb ? (/^\S+\s*/.exec(lower)?.[0].length ?? 0) : 0;
    const imageAt = firstIndex(IMAGE_NOUN, lower.slice(verbLength)) + verbLength;
    const writingAt = firstIndex(WRITING_NOUN, lower.slice(verbLength)) + verbLength;
    const imagePrimary = imageAt < writingAt && !OUTLINE_WORD.test(lower);

    const facts = NEEDS_FACTS.test(lower);
    const researchVerb = c.verb !== null && RESEARCH_VERBS.has(c.verb);
    const subject = subjectOf(c);
    if (!reads && (researchVerb || /\bsearch (?:results|for)\b/.test(lower) || (facts && (subject || !c.verb)))) {
      const query = researchQuery(c);
      if (query) {
        wants.research.push({ query, count: resultCount(c.text) });
        mark();
      }
    } else if (!reads && facts) wants.needsFacts = true;

    if (SUMMARY.test(lower)) {
      wants.summarize = true;
      mark();
    }
    if (imagePrimary) {
      wants.image = true;
      wants.imageSubject ??= imageSubjectOf(c);
      mark();
      return;
    }
    if (imageAt !== Infinity) {
      wants.image = true;
      mark();
    }
    const explicitOutline = OUTLINE_WORD.test(lower);
    const counted = detectCount(lower) !== undefined && COUNTED_ITEMS.test(lower);
    const listed = LIST_WORD.test(lower) || c.verb === "list" || (!platform && counted);
    // "a post listing 5 reasons": the count shapes an outline the post is written from.
    if (explicitOutline || listed || counted) {
      wants.outline = true;
      wants.listShape ||= listed && !explicitOutline;
      if (explicitOutline && !platform) wants.outlineOnly = true;
      mark();
    }
    if (unmapped.has(i) && !platform) return;
    const summaryOnly = SUMMARY.test(lower) && !platform;
    let writes: Platform | undefined;
    if (platform && !(explicitOutline && writingAt > firstIndex(OUTLINE_WORD, lower))) writes = platform;
    else if (!platform && !explicitOutline && !listed && !summaryOnly && c.verb) {
      if (WRITE_VERBS.has(c.verb) && !reads) writes = "blog";
      else if (MAKE_VERBS.has(c.verb) && writingAt !== Infinity && !calls) writes = "blog";
    }
    if (explicitOutline && !platform) writes = undefined;
    if (writes) {
      // "a LinkedIn post and an X thread": one piece per platform named, each in its own format.
      const pieces = lower.split(/,|\s+(?:and|plus|&)\s+/).flatMap((seg) => {
        const p = detectPlatform(seg, seg);
        return p ? [{ platform: p, format: detectFormat(seg, p) }] : [];
      });
      const distinct = pieces.filter((p, k) => pieces.findIndex((q) => q.platform === p.platform) === k);
      if (platform && distinct.length > 1) for (const p of distinct) wants.writes.push({ ...p, clause: i });
      else wants.writes.push({ platform: writes, format: platform ? detectFormat(lower, platform) : "article", clause: i });
      mark();
    }
  });
  return { wants, produced };
}

/** The goal's subject: a quoted title, what the deliverable is "about", what the research looks for, or the page read. */
function goalSubject(clauses: Clause[], wants: Wants, roles: UrlRole[], unmapped: Set<number>): string | undefined {
  const mapped = clauses.filter((_, i) => !unmapped.has(i));
  for (const c of mapped) {
    const q = quotedPhrase(c.text);
    if (q) return q;
  }
  const deliverables = wants.writes.map((w) => clauses[w.clause]!);
  for (const c of [...deliverables, ...mapped]) {
    if (RESEARCH_VERBS.has(c.verb ?? "") && !deliverables.includes(c)) continue;
    const s = subjectOf(c);
    if (s) return s;
  }
  if (wants.research[0]) return coreTopic(wants.research[0].query.replace(/\s+(?:opinions|reviews)$/i, ""));
  const read = roles.find((r) => r.role === "read");
  if (read) return namedBefore(clauses[read.clause]!, read.url) ?? `the ${read.api ? "response of" : "article at"} ${pageName(read.url)}`;
  return undefined;
}

/** What the goal calls the thing at a URL: "Check the status API at <url>" → "status API". */
function namedBefore(c: Clause, url: string): string | undefined {
  const before = c.text.slice(0, c.text.indexOf(url));
  const m = /^(?:[A-Za-z-]+\s+)?(.+?)\s+(?:at|from|on|in)\s*$/.exec(before);
  const name = m ? cleanTopic(m[1]!.replace(/^(?:the|a|an|our|my)\s+/i, "")) : "";
  return name.length >= 3 &&
    !/^(?:page|article|post|url|link|site|website|json|data|it|this|that|what'?s|the page|the article)$/i.test(name) &&
    !/\bhttps?:/.test(name)
    ? name
    : undefined;
}

/** What is left of a clause once its verb and the deliverable's own words are gone: "a thank-you tweet to everyone…" → "thank-you to everyone…". */
function bareTopic(c: Clause): string {
  const text = trimTail(stripUrls(c.verb ? c.text.replace(/^[A-Za-z-]+\s+/, "") : c.text))
    .replace(/^(?:me|us)\s+/i, "")
    .replace(/\b(?:an?|the|one)\s+/i, "")
    .replace(/\b(?:linkedin|instagram|x|twitter|blog|newsletter)\s+(?=post|thread|article|carousel|caption)/i, "")
    .replace(/\b(?:posts?|tweets?|threads?|articles?|carousels?|captions?|blog posts?)\b\s*/i, "")
    .replace(/^(?:something|anything)\s+/i, "")
    .replace(/^(?:for|to|about|on)\s+/i, "");
  return cleanTopic(text.replace(/\s+/g, " ").trim());
}

function outlineFormat(g: string, wants: Wants, write: { platform: Platform; format: Format } | undefined): string {
  if ((write?.format === "carousel" || /\bslides?\b|\bdeck\b|\bcarousel\b/.test(g)) && !/\bcompar/.test(g)) return "slides";
  if (/\bcompar|\bvs\.?\b|\bversus\b/.test(g)) return "comparison";
  if (write?.platform === "newsletter" || (!write && /\bnewsletter\b/.test(g))) return "newsletter";
  if (wants.listShape || /\bbullet/.test(g)) return "bullets";
  if (write?.format === "article") return "article";
  return "bullets";
}

export function planFromGoal(goalText: string): PlannedGoal {
  const goal = goalText.trim().replace(/\s+/g, " ");
  const g = stripUrls(goal.toLowerCase());
  const title = limitChars(capitalize(goal.replace(/[.!?]+$/, "")), 80);
  const clauses = clausesOf(goal);
  const unmapped = unmappedParts(clauses);
  const unmappedAt = new Set(unmapped.map((u) => u.clause));
  const roles = urlRoles(clauses);
  const { wants, produced } = analyse(clauses, roles, unmappedAt);
  const notPlanned = unmapped.map(({ part, reason }) => ({ part, reason }));

  // A clause asking for something no step makes, while others are planned: say so. "Make it fun"
  // (a pronoun object) only shapes the rest and is no part of its own.
  // A verb no tool carries out ("Book a meeting room", "Tag everyone who commented") is reported
  // whatever else the goal asks.
  clauses.forEach((c, i) => {
    if (produced[i] || unmappedAt.has(i) || !c.verb || nothingToDo(c.text)) return;
    const own = !/^\S+\s+(?:it|them|this|that|these|those|sure)\b/i.test(c.text);
    const unmappedVerb = UNMAPPED_VERBS.has(c.verb) && !MAPPED_VERBS.has(c.verb);
    if (unmappedVerb || (own && produced.some(Boolean))) notPlanned.push({ part: c.text.replace(/[\s.!?]+$/, ""), reason: "no tool for that" });
  });

  // Small talk or keyboard mash is no goal, whatever words in it look like a request ("what's up").
  const idle = nothingToDo(goal);
  if (idle) return { title, steps: [], notPlanned: [{ part: goal, reason: idle }] };

  const reads = roles.filter((r) => r.role === "read");
  const calls = roles.filter((r) => r.role === "call");
  const anything = wants.research.length || reads.length || calls.length || wants.summarize || wants.outline || wants.writes.length || wants.image;
  if (!anything) {
    if (notPlanned.length) return { title, steps: [], notPlanned };
    const verbLed = clauses.every((c) => c.verb);
    if (verbLed) return { title, steps: [], notPlanned: [{ part: goal.replace(/[\s.!?]+$/, ""), reason: "no tool for that" }] };
  }

  let topic = goalSubject(clauses, wants, roles, unmappedAt) ?? (clauses[0] ? bareTopic(clauses.find((_, i) => !unmappedAt.has(i)) ?? clauses[0]) : "") ?? "";
  if (topic.length < 2) topic = cleanTopic(trimTail(goal)) || goal;
  topic = limitChars(topic, 200);

  const steps: PlannedStep[] = [];
  const add = (toolName: string, description: string, input: Record<string, unknown>, requiresApproval: boolean) =>
    steps.push({ toolName, description, input, requiresApproval });

  // Gather: research, then the pages and APIs the goal reads.
  const research = wants.research.length || !anything ? wants.research : [];
  if (!anything) research.push({ query: topic, count: undefined });
  const seen = new Set<string>();
  for (const r of research) {
    const query = limitChars(r.query, 400);
    if (seen.has(query.toLowerCase())) continue;
    seen.add(query.toLowerCase());
    add("web_search", `Search for ${query}`, { query, maxResults: r.count ?? 5 }, false);
  }
  for (const r of reads) {
    if (r.api) add("http_request", `Call ${r.url} and read the response`, { method: "GET", url: r.url }, false);
    else add("fetch_url", `Read the page at ${r.url}`, { url: r.url }, false);
  }
  // Facts the goal needs but does not give, with nothing gathered yet: search for them first.
  const summaryNeedsMaterial = wants.summarize && steps.length === 0;
  if (steps.length === 0 && (wants.needsFacts || summaryNeedsMaterial)) {
    add("web_search", `Search for ${topic}`, { query: topic, maxResults: resultCount(goal) ?? 5 }, false);
  }

  const hasMaterial = steps.length > 0;
  const writes = wants.writes.filter((w, i, all) => all.findIndex((x) => x.platform === w.platform && x.format === w.format) === i);
  const summarize = hasMaterial && (wants.summarize || (calls.length > 0 && writes.length === 0) || (writes.length === 0 && !wants.outline && !wants.image));
  if (summarize) {
    const short = /\bshort\b|\bbrief\b|\bquick\b|\btl;?dr\b|\bgist\b/.test(g);
    const what =
      reads.length && !wants.research.length ? (reads[0]!.api ? `the ${host(reads[0]!.url)} response` : "the page's key points") : `the findings on ${topic}`;
    const maxWords = wordLimit(goal) ?? (short ? 120 : 200);
    add("summarize", `Summarize ${what}${short ? " as a short digest" : ""}`, { focus: limitChars(topic, 300), maxWords }, false);
  }

  const main = writes[0];
  const longForm = writes.some((w) => w.format === "carousel" || w.format === "article");
  const count = detectCount(g);
  const countedThread = writes.some((w) => w.format === "thread") && count !== undefined;
  if (wants.outline || longForm || countedThread) {
    const format = outlineFormat(g, wants, main);
    const sections = count ?? (format === "slides" ? 6 : format === "newsletter" ? 4 : 5);
    const unit = format === "slides" ? "slide" : "section";
    add(
      "generate_outline",
      `Structure a ${sections}-${unit} ${format === "comparison" ? "comparison " : ""}outline about ${topic}`,
      { topic: limitChars(topic, 300), sections, format },
      false,
    );
  }

  for (const w of writes) {
    const tone = detectTone(g, w.platform);
    add(
      "format_post",
      `Write the final ${PLATFORM_LABEL[w.platform]} ${w.format} about ${topic}`,
      { platform: w.platform, format: w.format, topic: limitChars(topic, 300), tone },
      true,
    );
  }

  const visual = writes.some((w) => w.format === "carousel" || w.platform === "instagram");
  if (wants.image || visual) {
    const subject = wants.imageSubject ?? topic;
    const square = imageSize(g, main?.platform, main?.format ?? "post");
    const kind = main?.format === "carousel" ? "carousel cover" : main ? "hero image" : "image";
    add(
      "generate_image",
      `Generate ${square === "1024x1024" ? "a square" : "an"} image of ${subject}`,
      {
        prompt: limitChars(
          `${capitalize(subject)} — ${main ? `${PLATFORM_LABEL[main.platform]} ` : ""}${kind}, ${imageStyle(g) === "editorial" ? "clean editorial" : imageStyle(g)} style`,
          1000,
        ),
        style: imageStyle(g),
        size: square,
        title: titleCase(limitChars(subject, 60)),
      },
      true,
    );
  }

  for (const c of calls) {
    const what = writes.length ? "the post" : summarize ? "the digest" : "the request";
    const verb =
      c.method === "DELETE" ? `Delete the resource at ${c.url}` : c.method === "POST" ? `Send ${what} to ${host(c.url)}` : `Update ${c.url} with ${c.method}`;
    add("http_request", verb, { method: c.method, url: c.url }, true);
  }

  return { title, steps, notPlanned };
}
