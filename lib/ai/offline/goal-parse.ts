// A goal → its clauses. "Research Stripe, Adyen, and Mollie and produce a comparison outline"
// is two clauses: a comma or "and" starts a new one only when an action verb follows, so lists
// ("A, B and C") stay whole. URLs and quoted phrases are set aside first, so nothing inside them
// splits a clause either.

/** Verbs a tool can carry out (research, read, write, make, deliver, call an API). */
export const MAPPED_VERBS = new Set(
  (
    "research find look search investigate explore dig discover gather skim scan survey browse check read fetch pull grab get scrape review study " +
    "summarize summarise sum condense boil recap digest distill distil compare explain " +
    "write draft compose create make produce craft prepare put turn generate design outline structure plan list give come brainstorm pen " +
    "post send publish share tweet announce deliver push notify ping drop submit forward " +
    "call update change modify edit patch replace overwrite set toggle enable disable delete remove cancel purge clear destroy illustrate draw render " +
    "thank congratulate welcome celebrate introduce highlight showcase tease promote wish"
  ).split(" "),
);

/** Verbs no tool carries out: the clause they lead is reported as not planned unless it also asks for something a tool does. */
export const UNMAPPED_VERBS = new Set(
  (
    "email e-mail mail text sms phone telephone dial book reserve schedule order buy purchase pay print ship record film shoot upload save store " +
    "add insert log sync tag assign invite remind sign register install deploy run restart backup download attach move copy file open close merge " +
    "approve hire interview meet attend transfer subscribe follow like comment reply respond dm message whatsapp fax tell fix debug translate " +
    "rent hold organize organise host arrange clean cook deliver_physical visit"
  ).split(" "),
);

const LEAD_INS =
  /^(?:(?:please|pls|kindly|also|then|and|now|next|finally|plus|ok|okay|so)\b[\s,]*|(?:can|could|would|will) you\s+|i(?:'d| would) like (?:you )?to\s+|i (?:want|need) (?:you )?to\s+|help me(?: to)?\s+|let'?s\s+|go and\s+|i'?d like\s+|i (?:want|need)\s+)+/i;

export interface Clause {
  /** The clause as written (URLs and quotes restored), without its lead-in ("and also", "please"). */
  text: string;
  lower: string;
  /** Its first word when that is an action verb ("summarizing" → "summarize"), else null. */
  verb: string | null;
}

/** "summarizing" → "summarize", "sends" → "send"; null when it is no verb we know. */
export function verbOf(word: string | undefined): string | null {
  if (!word) return null;
  const w = word.toLowerCase().replace(/[^a-z-]/g, "");
  const known = (v: string) => MAPPED_VERBS.has(v) || UNMAPPED_VERBS.has(v);
  if (known(w)) return w;
  for (const stem of [w.replace(/ing$/, ""), w.replace(/ing$/, "e"), w.replace(/(.)\1ing$/, "$1"), w.replace(/s$/, ""), w.replace(/es$/, "")])
    if (stem !== w && known(stem)) return stem;
  return null;
}

const URL_TOKEN = /\bhttps?:\/\/[^\s<>"')]+/gi;
/** Quoted phrases: "…", “…”, and '…' when the quotes are not apostrophes (bakery's, what's). */
const QUOTE_TOKEN = /"[^"]{2,}"|“[^”]{2,}”|(?<![\w])'[^']{2,}?'(?![\w])/g;

/** Replaces URLs and quotes by placeholders, so splitting never looks inside them. */
function shelve(goal: string): { text: string; restore: (s: string) => string } {
  const kept: string[] = [];
  const put = (m: string) => `\u0001${kept.push(m) - 1}\u0002`;
  // A URL's trailing punctuation belongs to the sentence ("…/ai-in-farming, draft a…").
  const putUrl = (m: string) => {
    const tail = /[.,;:!?]+$/.exec(m)?.[0] ?? "";
    return put(m.slice(0, m.length - tail.length)) + tail;
  };
  const text = goal.replace(URL_TOKEN, putUrl).replace(QUOTE_TOKEN, put);
  const restore = (s: string) => s.replace(/\u0001(\d+)\u0002/g, (_, i: string) => kept[Number(i)]!);
  return { text, restore };
}

const CONNECTOR =
  "(?:,\\s*(?:and\\s+(?:then\\s+|also\\s+)?|then\\s+|also\\s+|plus\\s+)?|\\s+(?:and\\s+(?:then\\s+|also\\s+)?|then\\s+|plus\\s+|&\\s+|after\\s+|before\\s+|once\\s+)|:\\s+)";

/** Verbs that are rarely nouns: after "and" or a comma they start a clause whatever follows. */
const PLAIN_VERBS = new Set(
  (
    "write draft compose summarize summarise condense create make produce generate prepare craft give put pull grab get fetch read find look " +
    "investigate explore dig discover gather skim research compare explain illustrate notify ping publish send deliver submit delete remove " +
    "update modify edit patch replace cancel purge upload translate brainstorm install deploy restart register purchase"
  ).split(" "),
);
/** What follows a verb that starts a clause: "post it", "design a logo", "check <url>", "summarize what changed". */
const OBJECT_START =
  /^(?:a|an|the|it|them|this|that|these|those|our|my|your|their|his|her|its|some|all|any|every|each|me|us|everyone|everybody|people|what|how|why|up|down|out|together|into|to|in|on|over|back|off|candidates|customers|clients|subscribers|users|members|followers|partners|investors|leads|stakeholders|attendees|\d|\u0001)\b|^\u0001/i;

function splitOne(text: string): string[] {
  const parts: string[] = [];
  let from = 0;
  for (const m of text.matchAll(new RegExp(CONNECTOR, "gi"))) {
    const after = text.slice(m.index + m[0].length);
    const w = /^(?:also\s+|then\s+|please\s+)?([A-Za-z-]+)\s*(.*)$/s.exec(after);
    const v = verbOf(w?.[1]);
    if (!v) continue;
    // After "after"/"before", only a gerund starts a clause ("after summarizing"), not "after lunch".
    if (/\b(?:after|before|once)\s+$/i.test(m[0]) && !/ing$/i.test(w![1]!)) continue;
    // "AI and design" is one subject; "and design a logo" is a new clause.
    if (!PLAIN_VERBS.has(v) && !OBJECT_START.test(w![2] ?? "")) continue;
    if (m.index < from) continue;
    parts.push(text.slice(from, m.index));
    from = m.index + m[0].length;
  }
  parts.push(text.slice(from));
  return parts.filter((p) => p.trim());
}

/** The goal's clauses, in the order written. */
export function clausesOf(goal: string): Clause[] {
  const { text, restore } = shelve(goal.trim().replace(/\s+/g, " "));
  const sentences = text.split(/(?<=[.?!;])\s+|[.?!;]+$/).filter((s) => s && s.trim());
  return sentences.flatMap(splitOne).flatMap((raw) => {
    const body = restore(raw.replace(/^[\s,:;-]+|[\s,:;.!?]+$/g, "").replace(LEAD_INS, "")).trim();
    if (!body) return [];
    return [{ text: body, lower: body.toLowerCase(), verb: verbOf(/^([A-Za-z-]+)/.exec(body)?.[1]) }];
  });
}
