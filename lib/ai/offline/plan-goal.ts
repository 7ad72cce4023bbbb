// The offline model's planner: reads a goal the way a careful person would and proposes the tool
// steps. It recognises intents (research, read a page, call an API, summarize, outline, write for
// a platform, make an image, deliver to a webhook) and derives each step's static inputs from the
// goal's own words. It knows nothing about the eval goals; it works from phrasing patterns.
import { capitalize, limitChars, titleCase } from "./text";

export interface PlannedStep {
  toolName: string;
  description: string;
  requiresApproval: boolean;
  input: Record<string, unknown>;
}

export interface PlannedGoal {
  title: string;
  steps: PlannedStep[];
}

export type Platform = "linkedin" | "x" | "blog" | "newsletter" | "instagram";
export type Format = "post" | "carousel" | "thread" | "article";

export const PLATFORM_LABEL: Record<Platform, string> = { linkedin: "LinkedIn", x: "X", blog: "blog", newsletter: "newsletter", instagram: "Instagram" };

const NUMBER_WORDS: Record<string, number> = { two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, twelve: 12 };

const URL_RE = /\bhttps?:\/\/[^\s<>"')]+/gi;

export function findUrls(goal: string): string[] {
  return (goal.match(URL_RE) ?? []).map((u) => u.replace(/[.,;:!?]+$/, ""));
}

export function detectPlatform(g: string): Platform | undefined {
  if (/\blinked\s?in\b/.test(g)) return "linkedin";
  if (/\binsta(gram)?\b|\breel\b/.test(g)) return "instagram";
  if (/\bnewsletter\b/.test(g)) return "newsletter";
  if (/\b(tweet|tweets|twitter)\b|\bx\s+(post|thread)\b|\bon x\b|\bthread\b/.test(g)) return "x";
  if (/\bblog\b|\barticle\b|\bessay\b/.test(g)) return "blog";
  return undefined;
}

function detectFormat(g: string, platform: Platform | undefined): Format {
  if (/\bcarousel\b|\bslides?\b|\bslide deck\b/.test(g)) return "carousel";
  if (/\bthread\b/.test(g)) return "thread";
  if (platform === "blog" || platform === "newsletter" || /\barticle\b|\blong[- ]form\b/.test(g)) return "article";
  return "post";
}

export function detectCount(g: string): number | undefined {
  const m = /\b(\d{1,2})[- ](?:slides?|sections?|points?|tips|parts|items|ideas|steps|tweets|posts)\b/.exec(g) ?? /\b(?:top|best)\s+(\d{1,2})\b/.exec(g);
  if (m) return Number(m[1]);
  const w = /\b(two|three|four|five|six|seven|eight|nine|ten|twelve)[- ](?:slides?|sections?|points?|tips|parts|items|ideas|steps|tweets)\b/.exec(g);
  return w ? NUMBER_WORDS[w[1]!] : undefined;
}

/** The post format a phrase names ("an X thread" → thread), if it names one. */
export function detectFormatWord(text: string): Format | undefined {
  if (/\bcarousel\b|\bslides?\b/.test(text)) return "carousel";
  if (/\bthread\b/.test(text)) return "thread";
  if (/\barticle\b|\blong[- ]form\b|\bblog post\b/.test(text)) return "article";
  if (/\bpost\b|\btweet\b/.test(text)) return "post";
  return undefined;
}

/** Cuts a phrase at the first clause boundary: "remote work productivity with a hero image" → "remote work productivity". */
function clause(text: string): string {
  return text
    .replace(URL_RE, " ")
    .split(/\s+(?:and then|and|then|with|so that|so|to (?:post|share|publish|send|write|draft|make|create)|into|as an?|using|via)\s+|[,;:.!?()]/i)[0]!
    .replace(/\s+(?:at|from|in|on|of|to)$/i, "")
    .trim();
}

const LEAD_FILLERS =
  /^(?:(?:the|a|an|some|our|my|their)\s+)?(?:(?:latest|recent|current|newest|top)\s+)?(?:(?:news|updates|information|info|articles|research|data|facts)\s+(?:on|about|regarding|for)\s+)?/i;

function cleanTopic(text: string): string {
  return text
    .replace(/^(?:what|how)\s+(?:people|others|users|experts|folks)\s+(?:say|think|feel|write)\s+(?:about|of|on)\s+/i, "")
    .replace(/^(?:about|on|regarding|covering|of)\s+/i, "")
    .replace(/^(?:the|a|an)\s+/i, "")
    .replace(/\s+(?:for me|for us|please|today|now)$/i, "")
    .trim();
}

/** What to search for: the object of the research verb, e.g. "Find the latest news on electric vehicles". */
function researchQuery(goal: string): string | undefined {
  const m =
    /\b(?:research(?:ing)?|find(?: out)?|look(?:ing)? up|look(?:ing)? into|search(?: for| the web for)?|investigate|gather(?: info(?:rmation)? on)?|explore|dig into|discover)\s+(.+)/i.exec(
      goal,
    );
  if (!m) return undefined;
  const object = clause(m[1]!);
  const latest = /\b(latest|recent|news|today|this week|2026|2027)\b/i.test(object);
  let q = cleanTopic(object.replace(LEAD_FILLERS, ""));
  if (/^(?:what|how)\s+(?:people|others)/i.test(object)) q = `${q} opinions`;
  if (latest && !/\b(news|latest)\b/i.test(q)) q = `latest news ${q}`;
  else if (/\bnews\b/i.test(object) && !/\bnews\b/i.test(q)) q = `${q} news`;
  return q || undefined;
}

/** The subject the content is about: "… about remote work productivity", "… announcing our new coffee blend". */
function subject(goal: string): string | undefined {
  const m = /\b(?:about|on the topic of|regarding|covering|announcing|introducing|launching|on)\s+(.+)/i.exec(goal.replace(URL_RE, " "));
  if (!m) return undefined;
  const t = cleanTopic(clause(m[1]!));
  return t && !/^(it|this|that|them|x|linkedin|instagram)$/i.test(t) ? t : undefined;
}

/** "https://example.com/blog/launch" → "example.com/blog/launch", a readable name for a page. */
function pageName(url: string): string {
  try {
    const u = new URL(url);
    return `${u.host}${u.pathname === "/" ? "" : u.pathname.replace(/\/$/, "")}`;
  } catch {
    return url;
  }
}

export function host(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

export function planFromGoal(goalText: string): PlannedGoal {
  const goal = goalText.trim().replace(/\s+/g, " ");
  const g = goal.toLowerCase();
  const urls = findUrls(goal);
  const platform = detectPlatform(g);
  const format = detectFormat(g, platform);
  const count = detectCount(g);

  const wantsWriting = /\b(write|draft|compose|create|make|produce|craft|prepare|turn (?:it|this) into|post|publish|announce|share|tweet)\b/.test(g);
  const wantsSummary = /\bsummar(?:y|ies|ize|ise|izing|ising)\b|\bdigest\b|\btl;?dr\b|\brecap\b|\bkey (?:points|takeaways)\b|\bbrief(?:ing)?\b/.test(g);
  const wantsOutline = /\boutline\b|\bstructure\b|\bcomparison\b|\bcompare\b|\bplan out\b/.test(g);
  const wantsImage = /\b(image|picture|photo|visual|illustration|graphic|cover art|thumbnail|banner|artwork)\b|\bhero\b/.test(g);
  const researchQ = researchQuery(goal);

  // A URL is an API or webhook to call when the goal says so; otherwise a page to read.
  const apiWords = /\b(webhook|slack|discord|teams|api|endpoint|status|json|zapier|notify|ping)\b/;
  const sendWords = /\b(post|send|deliver|push|notify|publish|ping)\b[^.]*\bto\b|\bwebhook\b/;
  const callUrl = urls.find(() => apiWords.test(g));
  const sendToUrl = callUrl && sendWords.test(g) ? callUrl : undefined;
  const getUrl = callUrl && !sendToUrl ? callUrl : undefined;
  const readUrls = urls.filter((u) => u !== callUrl);

  const topic =
    subject(goal) ??
    researchQ?.replace(/^latest news\s+|\s+(?:news|opinions)$/gi, "") ??
    (readUrls[0] ? `the article at ${pageName(readUrls[0])}` : undefined) ??
    (cleanTopic(clause(goal.replace(/^\w+\s+/, ""))) || goal);

  const steps: PlannedStep[] = [];
  const add = (toolName: string, description: string, input: Record<string, unknown>, requiresApproval: boolean) =>
    steps.push({ toolName, description, input, requiresApproval });

  if (researchQ) add("web_search", `Search for ${researchQ}`, { query: researchQ, maxResults: 5 }, false);
  for (const url of readUrls) add("fetch_url", `Read the page at ${url}`, { url }, false);
  if (getUrl) add("http_request", `Call ${getUrl} and read the response`, { method: "GET", url: getUrl }, false);

  const hasMaterial = steps.length > 0;
  const writes = !!platform || (wantsWriting && !wantsOutline && !wantsSummary && !sendToUrl);
  const summarize = wantsSummary || (sendToUrl !== undefined && hasMaterial) || (hasMaterial && !writes && !wantsOutline);
  if (summarize) {
    const short = /\bshort\b|\bbrief\b|\bquick\b|\btl;?dr\b/.test(g);
    const what = readUrls.length ? "the page's key points" : getUrl ? `the ${host(getUrl)} response` : `the findings on ${topic}`;
    add("summarize", `Summarize ${what}${short ? " as a short digest" : ""}`, { focus: topic, maxWords: short ? 120 : 200 }, false);
  }

  const longForm = format === "carousel" || format === "article";
  if (wantsOutline || (writes && longForm)) {
    const sections = count ?? (format === "carousel" ? 6 : platform === "newsletter" ? 4 : 5);
    const outlineFormat =
      wantsOutline && /\bcompar/.test(g)
        ? "comparison"
        : format === "carousel"
          ? "slides"
          : platform === "newsletter"
            ? "newsletter"
            : longForm
              ? "article"
              : "bullets";
    const unit = outlineFormat === "slides" ? "slide" : "section";
    add(
      "generate_outline",
      `Structure a ${sections}-${unit} ${outlineFormat === "comparison" ? "comparison " : ""}outline about ${topic}`,
      { topic, sections, format: outlineFormat },
      false,
    );
  }

  const visual = format === "carousel" || platform === "instagram";
  if (writes) {
    const p: Platform = platform ?? "blog";
    const f: Format = platform ? format : "article";
    const tone = /\bmy take\b|\bpersonal\b|\bopinion\b/.test(g)
      ? "personal"
      : p === "instagram"
        ? "friendly"
        : /\bfunny|humou?r|playful\b/.test(g)
          ? "playful"
          : "professional";
    add("format_post", `Write the final ${PLATFORM_LABEL[p]} ${f} about ${topic}`, { platform: p, format: f, topic, tone }, true);
  }
  if (wantsImage || (writes && visual)) {
    const square = platform === "instagram" || format === "carousel";
    add(
      "generate_image",
      `Generate a ${platform === "instagram" ? "square" : "hero"} image about ${topic}`,
      {
        prompt: `${capitalize(topic)} — ${platform ? `${PLATFORM_LABEL[platform]} ` : ""}${format === "carousel" ? "carousel cover" : "hero image"}, clean editorial style`,
        style: "editorial",
        size: square ? "1024x1024" : "1536x1024",
        title: titleCase(limitChars(topic, 60)),
      },
      true,
    );
  }
  if (sendToUrl) add("http_request", `Send the ${summarize ? "digest" : "result"} to ${host(sendToUrl)}`, { method: "POST", url: sendToUrl }, true);

  // Nothing recognisable: research the goal and summarize what was found.
  if (steps.length === 0) {
    const q = cleanTopic(clause(goal));
    add("web_search", `Search for ${q}`, { query: q, maxResults: 5 }, false);
    add("summarize", `Summarize the findings on ${q}`, { focus: q, maxWords: 200 }, false);
  }

  return { title: limitChars(capitalize(goal.replace(/[.!?]+$/, "")), 80), steps };
}
