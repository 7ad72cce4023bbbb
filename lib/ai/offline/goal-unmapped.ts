// The parts of a goal no tool can do — a CRM, email, a calendar, a database, anything physical —
// found clause by clause, so the plan can say "not planned: … — no tool for that" instead of
// dropping them or planning something that only looks like them.
import type { Clause } from "./goal-parse";

export interface Unmapped {
  clause: number;
  part: string;
  reason: string;
}

const API_HINT = "an http_request step can call its API if the goal gives the URL";

/** Systems a clause may act on that no tool reaches; each matched only where the clause uses it, not where it is the topic. */
const SYSTEMS: { re: RegExp; reason: string }[] = [
  { re: /\b(?:crm|salesforce|hubspot|pipedrive|zoho)\b/i, reason: `no tool for that: Planvas has no CRM tool (${API_HINT})` },
  {
    re: /\b(?:airtable|google sheets?|spreadsheets?|excel|(?:postgres|postgresql|mysql|sql|mongo(?:db)?|our|the|a)\s+(?:database|db|table)|database)\b/i,
    reason: `no tool for that: Planvas cannot write to databases or spreadsheets (${API_HINT})`,
  },
  {
    re: /\b(?:jira|trello|asana|linear (?:ticket|issue)|github issues?|zendesk|(?:support )?tickets?)\b/i,
    reason: `no tool for that: Planvas has no ticketing tool (${API_HINT})`,
  },
  { re: /\b(?:calendar|calendly|outlook)\b/i, reason: "no tool for that: Planvas has no calendar" },
  {
    re: /\b(?:by e-?mail|via e-?mail|an? e-?mail to|e-?mail (?:it|them|this|that|the|a|an|to|all|everyone|our|my|us|me|him|her)|send (?:\w+ ){0,3}e-?mails?|inbox)\b/i,
    reason: "no tool for that: Planvas cannot send email",
  },
  { re: /\b(?:sms|text message|whatsapp|phone|telegram|signal message)\b/i, reason: "no tool for that: Planvas cannot send text messages or call phones" },
  {
    re: /\b(?:spotify|youtube|tiktok|facebook|medium\.com|on medium|reddit|pinterest|mastodon|bluesky|threads app|apple podcasts|wordpress)\b/i,
    reason: "no tool for that: Planvas cannot publish there (it writes for LinkedIn, X, Instagram, blogs and newsletters)",
  },
  {
    re: /\b(?:record|film|shoot|edit|produce|make|create|render|compose|upload|publish|cut)\s+(?:[\w'-]+\s+){0,3}(?:videos?|voice-?overs?|podcast(?: episode)?s?|audio|music|songs?|animations?|gifs?)\b/i,
    reason: "no tool for that: Planvas makes text and images, not audio or video",
  },
  {
    re: /\b(?:business cards|flyers? printed|merch|t-shirts|stickers|hotel|flight|meeting room|venue|table for)\b/i,
    reason: "no tool for that: it happens outside Planvas",
  },
];

const UNREACHABLE_DELIVERY: Record<string, string> = {
  email: "no tool for that: Planvas cannot send email",
  "e-mail": "no tool for that: Planvas cannot send email",
  mail: "no tool for that: Planvas cannot send mail",
  text: "no tool for that: Planvas cannot send text messages",
  sms: "no tool for that: Planvas cannot send text messages",
  whatsapp: "no tool for that: Planvas cannot send messages there",
  dm: "no tool for that: Planvas cannot send direct messages",
  fax: "no tool for that",
  print: "no tool for that: printing happens outside Planvas",
  schedule: "no tool for that: Planvas has no scheduler (a publishing step waits for approval instead)",
  upload: "no tool for that: Planvas cannot upload files",
};

/** Chat tools without a webhook URL: nothing to post to. */
const CHAT_WITHOUT_URL = /\b(?:slack|discord|(?:microsoft )?teams|mattermost)\b/i;

const DELIVER_VERBS = new Set(["send", "post", "share", "forward", "push", "drop", "submit", "deliver", "notify", "ping"]);
const TOPIC_MARKER =
  /\b(?:about|on|for|regarding|covering|comparing|compare|explaining|explain|vs\.?|versus|of|history of|trends in|news on|titled|called)\s+(?:[\w'-]+\s+){0,6}$/i;
const PLATFORM = /\b(?:linked\s?in|instagram|insta|newsletter|blog|tweet|twitter|x (?:post|thread)|on x|thread|carousel|article)\b/i;

/** Verbs that ask for facts to be found (the planner plans a search for them). */
export const RESEARCH_VERBS: ReadonlySet<string> = new Set([
  "research",
  "find",
  "look",
  "search",
  "investigate",
  "explore",
  "dig",
  "discover",
  "gather",
  "skim",
  "scan",
  "survey",
  "browse",
  "compare",
]);
/** Looking at something is not acting on it: "review the CRM options" is research, not a CRM action. */
const LOOKING_VERBS = new Set([...RESEARCH_VERBS, "review"]);
/** "the best CRM tools", "Airtable alternatives": products being looked at, not a place to act on. */
const AS_PRODUCT =
  /^\s*(?:tools?|software|apps?|platforms?|vendors?|providers?|alternatives?|options?|systems?|solutions?|products?|features?|pricing|integrations?|market)\b/i;
const DESTINATION = /\b(?:into|onto|to|in|inside)\s+(?:our|the|my|a|an|their)?\s*(?:[\w'-]+\s+){0,2}$/i;

function used(clause: Clause, re: RegExp): boolean {
  for (const m of clause.text.matchAll(new RegExp(re.source, "gi"))) {
    const before = clause.text.slice(0, m.index);
    if (AS_PRODUCT.test(clause.text.slice(m.index + m[0].length))) continue;
    // What a research clause names is what it researches, unless it says to put something there.
    if (clause.verb && LOOKING_VERBS.has(clause.verb) && !DESTINATION.test(before)) continue;
    // "a post about our CRM migration", "a carousel for database admins": the topic or the audience, not the target.
    const topic = TOPIC_MARKER.exec(before);
    // …unless a destination comes between: "results about vertical farming into our database".
    if (!topic || /\b(?:into|onto|to (?:our|the|my|a)|in (?:our|the|my|a))\s/i.test(topic[0])) return true;
  }
  return false;
}

function partOf(text: string): string {
  return text.replace(/[\s.!?]+$/, "");
}

/** Every clause (or the part of it) that no tool does, with the reason. */
export function unmappedParts(clauses: Clause[]): Unmapped[] {
  const out: Unmapped[] = [];
  clauses.forEach((c, i) => {
    const hasUrl = /\bhttps?:\/\//i.test(c.text);
    if (!hasUrl) {
      const system = SYSTEMS.find((s) => used(c, s.re));
      if (system) return out.push({ clause: i, part: partOf(c.text), reason: system.reason });
      if (c.verb && DELIVER_VERBS.has(c.verb) && !PLATFORM.test(c.lower)) {
        if (CHAT_WITHOUT_URL.test(c.text))
          return out.push({
            clause: i,
            part: partOf(c.text),
            reason: "no webhook URL given: add the channel's webhook URL and an http_request step posts there",
          });
        if (
          /\b(?:to|with|in|into)\s+(?!me\b|us\b|myself\b)(?:the|our|my|all|every|each|a|an)?\s*(?:team|customers?|clients?|subscribers?|users?|everyone|people|colleagues|boss|manager|members?|audience|list|group|channel)\b/i.test(
            c.text,
          )
        )
          return out.push({
            clause: i,
            part: partOf(c.text),
            reason: "no tool for that: there is no address to deliver it to (give a webhook URL to post it with an http_request step)",
          });
      }
    }
    // Delivering by a channel no tool has, even when the clause also says what to write: "email the newsletter to subscribers".
    if (c.verb && UNREACHABLE_DELIVERY[c.verb] && !hasUrl) out.push({ clause: i, part: partOf(c.text), reason: UNREACHABLE_DELIVERY[c.verb]! });
  });
  return out;
}
