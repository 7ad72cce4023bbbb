// Which sentences of the material are about writing the content rather than about its subject: a
// "how to write a carousel" document found by the search is material, but its advice ("Review the
// carousel on a phone before publishing") must never end up in the carousel itself. The offline
// writer is extractive, so this filter is what keeps a guide's instructions out of the copy.

export type MetaKind = "writing-advice" | "format-element" | "self-reference" | "structure-label" | "aside";

/** Verbs that open an instruction ("Review …", "Keep …", "Do not …"). */
const IMPERATIVE =
  /^(?:(?:do not|don't|never|always|please|make sure(?: to)?|try to|remember to|be sure to|avoid|consider)\b|(?:back up|review|keep|use|write|put|end|add|avoid|pick|choose|decide|number|post|try|make|lead|group|open|sign|send|remove|ask|start|include|let|check|test|share|tag|mention|schedule|publish|reply|quote-post|cut|limit|aim|stick|mix|format|design|draft|edit|proofread|repeat|link|place|break|turn|give|show|tell|offer|invite|end|finish|close|follow|focus|save|upload|optimi[sz]e|craft|create|structure|prefer|replace|record|track|define|set|plan|measure|run|agree|collect|price|block|batch)\b)/i;

/** Instructions that are about writing whatever follows ("Lead with benefits", "Open with the most valuable item"). */
const WRITING_VERB =
  /^(?:lead with|open with|close with|end with|sign (?:with|off)|start with|proofread|rewrite|write (?:the|your|a|an|short|like|for|down))\b/i;

/** Words naming parts of a piece of content or the act of publishing it. */
const WRITING = new RegExp(
  [
    "slides?",
    "carousels?",
    "hashtags?",
    "captions?",
    "headlines?",
    "hooks?",
    "subject lines?",
    "preview text",
    "call to action",
    "cta",
    "fonts?",
    "type",
    "swipe\\w*",
    "posts?",
    "post text",
    "tweets?",
    "copy",
    "draft",
    "paragraphs?",
    "headings?",
    "bullet(?: list)?s?",
    "sentences?",
    "words?",
    "lines?",
    "readers?",
    "audience",
    "comments?",
    "keywords?",
    "links?",
    "screenshots?",
    "images?",
    "visuals?",
    "gif",
    "publish\\w*",
    "release notes",
    "newsletters?",
    "issues?",
    "subscribers?",
    "the feed",
    "brand voice",
    "blog",
    "article",
    "writ\\w*",
    "openers?",
    "openings?",
  ]
    .join("|")
    .replace(/^/, "\\b(?:")
    .concat(")\\b"),
  "i",
);

/** Parts of the deliverable itself: a sentence naming them is about the format, not the subject. */
const FORMAT_ELEMENT =
  /\b(?:slides?|carousels?|hashtags?|captions?|headlines?|subject lines?|preview text|call to action|swip(?:e|es|ing)|post text|fonts?|the (?:first|last|next) post|(?:per|each|every|one) (?:post|slide|issue|tweet))\b/i;

/** The text talking about itself, the app it ships with, or the sample data it came from. */
const SELF_REFERENCE =
  /\bplanvas\b|\bthis (?:knowledge base|app|workspace)\b|\b(?:this|these|the following) (?:post|carousel|thread|article|document|documents|guide|issue|newsletter|page|slide|slides|sample|samples|example)\b|\bthey were written for\b|\bsample (?:data|documents?)\b|\bshipped with planvas\b|\bfor the (?:offline )?demo\b|\billustrative\b|\bexample\.com\b|\bbefore (?:you )?publish(?:ing)?\b/i;

/** An instruction for using an app ("Open Knowledge in the header and choose Add document"). */
const UI_INSTRUCTION = /\b(?:click|tap|choose|select|press)\b.*|\bin the (?:header|sidebar|menu|toolbar|settings)\b/i;

/** "Body — one idea per post", "Hook slide: …": a label with its description, a line of a checklist. */
const LABEL = /^[\w"“'’()&/ -]{1,40}?\s*(?:[—–]|:|\s-\s)\s*\S/;

/** A sentence that only sets up what follows ("Make a specific promise and show the payoff:"), a quoted example, a parenthesis. */
const ASIDE = /(?::$|^>|^\(.*\)[.!?]?$|^(?:note|tip|disclaimer|p\.?s\.?|e\.g\.|for example|example|edit|update)\b[:,]?)/i;

/** Numbering the writer would never keep: "(1/8, 2/8 …)". */
const NUMBERING_HINT = /\(\s*\d+\s*\/\s*\d+\b/;

export interface MetaOptions {
  /**
   * The subject itself is writing or publishing ("how to write threads"): then a guide's advice is
   * the subject, and only asides and self-references are set aside.
   */
  subjectIsWriting?: boolean;
}

/** Why a sentence of the material is not content, or null when it is content. */
export function metaKind(sentence: string, opts: MetaOptions = {}): MetaKind | null {
  const s = sentence.trim();
  if (!s) return "aside";
  if (ASIDE.test(s) || NUMBERING_HINT.test(s)) return "aside";
  if (SELF_REFERENCE.test(s)) return "self-reference";
  if (isImperative(s) && UI_INSTRUCTION.test(s)) return "aside";
  if (opts.subjectIsWriting) return null;
  if (LABEL.test(s)) {
    // Only a label that names a part of the content ("Hook —", "Body —", "Large type:") is a checklist line.
    const label = s.split(/\s*(?:[—–]|:|\s-\s)\s*/)[0]!;
    if (WRITING.test(label) || /^(?:hook|body|context|summary|intro(?:duction)?|outro|cta|cover)\b/i.test(label) || FORMAT_ELEMENT.test(s))
      return "structure-label";
  }
  if (WRITING_VERB.test(s)) return "writing-advice";
  // An instruction whose object is part of the content ("Keep subject lines …", "Number the slides …").
  if (isImperative(s) && WRITING.test(s.split(/\s+/).slice(0, 5).join(" "))) return "writing-advice";
  if (FORMAT_ELEMENT.test(s)) return "format-element";
  return null;
}

/** A sentence that tells the reader to do something: fine inside a section, weak as an opening. */
export function isImperative(sentence: string): boolean {
  const s = sentence.trim();
  return IMPERATIVE.test(s) && !/^\w+\s+(?:of|is|are|was|were|has|have)\b/i.test(s);
}

/** A text naming parts of the deliverable (slides, hashtags, captions …). */
export const namesFormat = (text: string) => FORMAT_ELEMENT.test(text) || /\b(?:posts?|threads?|newsletters?|carousels?|copy|publishing)\b/i.test(text);

export const isMetaText = (sentence: string, opts?: MetaOptions) => metaKind(sentence, opts) !== null;

/**
 * A document about itself ("These documents are sample data …", "This guide explains …"): two of
 * its first three sentences refer to the text itself. Nothing in it is about a subject.
 */
export function isAboutItself(sentences: string[]): boolean {
  return sentences.slice(0, 3).filter((s) => SELF_REFERENCE.test(s)).length >= 2;
}

/** A subject about writing or publishing content, where a writing guide's advice is the subject. */
export function isWritingSubject(subject: string): boolean {
  return /\b(?:writ\w*|copywriting|tips for (?:posts?|carousels?|threads?|newsletters?)|how to (?:write|post|publish|create|make|design)|carousels? (?:design|tips|best)|threads? that|newsletter writing|content (?:strategy|writing|creation)|release notes)\b/i.test(
    subject,
  );
}
