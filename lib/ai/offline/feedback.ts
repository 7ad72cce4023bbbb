// What a reviewer's feedback asks for, in the terms the offline model can act on. The model is
// extractive: it can make text shorter or longer, drop or keep points, take another angle (other
// sentences of the material) and compose an image differently; it cannot translate or write in a
// voice the material does not have. Whatever it cannot do is said, never pretended.

export interface FeedbackRequest {
  shorter: boolean;
  longer: boolean;
  /** Points to leave out: phrases the reviewer named ("drop the point about cookies" → "cookies"). */
  drop: string[];
  /** Points to keep alone ("only keep the part on pricing" → "pricing"). */
  only: string[];
  /** Another angle: other sentences of the material, another opening. */
  angle: boolean;
  /** Another image composition (layout, palette), and a style if the feedback names one. */
  composition: boolean;
  style?: "editorial" | "illustration" | "minimal" | "bold" | "photo";
  /** A language the text should be in. */
  translate?: string;
  /** A voice the text should have. */
  tone?: string;
}

const LANGUAGES =
  "spanish|french|german|italian|portuguese|dutch|japanese|chinese|korean|arabic|hindi|polish|swedish|danish|norwegian|finnish|turkish|greek|russian|ukrainian|czech|hebrew";

/** The phrase after "about"/"on"/"that", up to the end of its clause. */
const phrase = (s: string) =>
  s
    .replace(/^(?:the|a|an)\s+/i, "")
    .replace(
      /^(?:(?:point|part|bit|section|slide|sentence|line|paragraph|mention|claim|stuff)s?\s+)?(?:about|on|regarding|that mentions|mentioning|with)?\s*/i,
      "",
    )
    .replace(/["“”'‘’]/g, "")
    .replace(/\s+(?:please|entirely|completely|altogether)$/i, "")
    .trim();

function phrases(text: string, re: RegExp): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(re)) {
    const p = phrase(m[1] ?? "");
    if (p && p.split(/\s+/).length <= 8) out.push(p);
  }
  return out;
}

export function parseFeedback(feedback: string): FeedbackRequest {
  const f = ` ${feedback.toLowerCase().replace(/\s+/g, " ")} `;
  const translate = new RegExp(`\\b(?:translat\\w*|in|into|to)\\s+(?:it\\s+)?(?:in(?:to)?\\s+)?(${LANGUAGES})\\b`).exec(f)?.[1];
  const toneWord =
    /\b(?:more|less|too|sound|sounds|tone|voice|make it)\s+(?:more\s+|less\s+)?(formal|casual|friendly|playful|funny|humorous|witty|inspiring|enthusiastic|excited|punchy|emotional|warm|warmer|conversational|personal|serious|confident|bold|edgy|sarcastic|poetic)\b/.exec(
      f,
    )?.[1] ?? /\b(formal|casual|friendly|playful|funny|humorous|witty|enthusiastic|conversational|sarcastic|poetic)\s+(?:tone|voice|style)\b/.exec(f)?.[1];
  const clause = "([^.,;!?]+)";
  return {
    shorter: /\b(?:shorter|too long|concise|brief(?:er)?|trim|tighten|cut (?:it )?down|condense|less text|fewer words|shorten)\b/.test(f),
    longer: /\b(?:longer|too short|more detail(?:s|ed)?|expand|elaborate|more depth|flesh (?:it )?out|more content|lengthen)\b/.test(f),
    drop: phrases(
      f,
      new RegExp(`\\b(?:drop|remove|delete|skip|leave out|take out|cut out|get rid of|without|no more|don't mention|do not mention|omit)\\s+${clause}`, "g"),
    ),
    only: phrases(f, new RegExp(`\\b(?:only keep|keep only|just keep|only|focus (?:only )?on|stick to)\\s+(?!keep\\b)${clause}`, "g")).filter(
      (p) => !/^(?:shorter|longer|one|a bit|slightly)\b/.test(p),
    ),
    angle:
      /\b(?:another|different|new|fresh|other)\s+(?:angle|take|approach|perspective|hook|opening|focus|direction|version|points?)\b|\b(?:rewrite|redo|start over|try again|something else|not this)\b/.test(
        f,
      ),
    composition:
      /\b(?:layout|composition|compose|arrangement|palette|colou?rs?|background|design|look|mirror|flip|darker|lighter|brighter|warmer|cooler|busy|cluttered|plain|boring|dull|different image|another image|new image|other image)\b/.test(
        f,
      ),
    style: /\b(editorial|illustration|illustrated|minimal|minimalist|bold|photo|photographic|photorealistic)\b/
      .exec(f)?.[1]
      ?.replace(/^(illustrated)$|^(minimalist)$|^(photographic|photorealistic)$/, (_m, a, b, c) =>
        a ? "illustration" : b ? "minimal" : c ? "photo" : _m,
      ) as FeedbackRequest["style"],
    ...(translate ? { translate: translate.charAt(0).toUpperCase() + translate.slice(1) } : {}),
    ...(toneWord ? { tone: toneWord } : {}),
  };
}

/** True when the feedback asks for nothing the offline model can change in text. */
export function nothingToApply(r: FeedbackRequest): boolean {
  return !r.shorter && !r.longer && !r.drop.length && !r.only.length && !r.angle;
}

/** How to point the reader at a real model, in one sentence. */
export const CONFIGURE_MODEL =
  "Configure a model to do this: OpenAI (OPENAI_API_KEY) or any OpenAI-compatible server such as Ollama (OPENAI_BASE_URL) — see the README, “Configuration”.";
