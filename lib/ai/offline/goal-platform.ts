// Where the content goes and how it sounds and looks: platform, post format, tone, image style.

export type Platform = "linkedin" | "x" | "blog" | "newsletter" | "instagram";
export type Format = "post" | "carousel" | "thread" | "article";

export const PLATFORM_LABEL: Record<Platform, string> = { linkedin: "LinkedIn", x: "X", blog: "blog", newsletter: "newsletter", instagram: "Instagram" };

/** The platform a goal names; `g` is lower case, `original` (when given) keeps "X" apart from "x". */
export function detectPlatform(g: string, original?: string): Platform | undefined {
  if (/\blinked\s?in\b/.test(g)) return "linkedin";
  if (/\binsta(gram)?\b|\breels?\b|\big (?:post|story|caption)\b/.test(g)) return "instagram";
  if (/\bnewsletters?\b/.test(g)) return "newsletter";
  if (/\b(tweet|tweets|twitter)\b|\bx\s+(post|thread)s?\b|\bthread\b/.test(g)) return "x";
  if (original ? /\b(?:on|for|to) X\b/.test(original) : /\bon x\b/.test(g)) return "x";
  if (/\bblog\b|\barticle\b|\bessay\b|\bshow notes\b/.test(g)) return "blog";
  return undefined;
}

export function detectFormat(g: string, platform: Platform | undefined): Format {
  if (/\bcarousel\b|\bslides?\b|\bslide deck\b/.test(g)) return "carousel";
  if (/\bthread\b/.test(g)) return "thread";
  if (platform === "blog" || platform === "newsletter" || /\barticle\b|\blong[- ]form\b/.test(g)) return "article";
  return "post";
}

/** The post format a phrase names ("an X thread" → thread), if it names one. */
export function detectFormatWord(text: string): Format | undefined {
  if (/\bcarousel\b|\bslides?\b/.test(text)) return "carousel";
  if (/\bthread\b/.test(text)) return "thread";
  if (/\barticle\b|\blong[- ]form\b|\bblog post\b/.test(text)) return "article";
  if (/\bpost\b|\btweet\b/.test(text)) return "post";
  return undefined;
}

const TONES: [RegExp, string][] = [
  [/\bmy take\b|\bpersonal\b|\bmy (?:opinion|view)\b|\bfirst[- ]person\b/, "personal"],
  [/\bfun\b|\bfunny\b|\bhumou?r(?:ous)?\b|\bplayful\b|\bwitty\b|\blight-?hearted\b|\bcheeky\b|\btongue-in-cheek\b/, "playful"],
  [/\bfriendly\b|\bwarm\b|\bcasual\b|\bconversational\b/, "friendly"],
  [/\bformal\b|\bserious\b|\bsober\b/, "formal"],
  [/\benthusiastic\b|\bexcited\b|\bupbeat\b|\bhype\b|\benergetic\b/, "enthusiastic"],
  [/\binspiring\b|\binspirational\b|\bmotivational\b/, "inspiring"],
  [/\bempathetic\b|\bapolog(?:y|ize|ise|etic)\b/, "empathetic"],
];

export function detectTone(g: string, platform: Platform): string {
  for (const [re, tone] of TONES) if (re.test(g)) return tone;
  return platform === "instagram" ? "friendly" : "professional";
}

export function imageStyle(g: string): "editorial" | "illustration" | "minimal" | "bold" | "photo" {
  if (/\billustrat(?:ion|ed)\b|\bcartoon\b|\bdrawing\b|\bhand-drawn\b|\bsketch(?:ed)?\b|\bwatercolou?r\b/.test(g)) return "illustration";
  if (/\bminimal(?:ist)?\b|\bsimple\b|\bflat\b/.test(g)) return "minimal";
  if (/\bphoto(?:graph|realistic|-realistic)?\b|\brealistic\b/.test(g)) return "photo";
  if (/\bbold\b|\bvibrant\b|\bstriking\b|\bpunchy\b/.test(g)) return "bold";
  return "editorial";
}

export function imageSize(g: string, platform: Platform | undefined, format: Format): "1024x1024" | "1536x1024" | "1024x1536" {
  if (/\bportrait\b|\bvertical\b|\bstory\b|\bposter\b|\bpinterest\b/.test(g)) return "1024x1536";
  if (platform === "instagram" || format === "carousel" || /\bsquare\b|\bavatar\b|\bprofile (?:picture|photo)\b|\blogo\b|\bicon\b/.test(g)) return "1024x1024";
  return "1536x1024";
}
