// How the offline model plans with format_post (lib/ai/offline/behaviour.ts): new posts, translations
// (a post rewritten in another language), and changes of platform, format and tone.
import type { NewStepRequest, OfflineToolBehaviour } from "../../ai/offline/behaviour";
import { detectFormatWord, detectPlatform, PLATFORM_LABEL, type Format, type Platform } from "../../ai/offline/plan-goal";
import { capitalize, limitChars } from "../../ai/offline/text";

const LANGUAGES = [
  "spanish",
  "french",
  "german",
  "italian",
  "portuguese",
  "dutch",
  "japanese",
  "chinese",
  "korean",
  "arabic",
  "hindi",
  "polish",
  "swedish",
  "english",
];

const languageOf = (w: string) =>
  LANGUAGES.find((l) => new RegExp(`\\b(?:in|into|to)\\s+${l}\\b`).test(w) || (new RegExp(`\\b${l}\\b`).test(w) && /translat/.test(w)));

const lastPost = (req: NewStepRequest) => req.plan.steps.filter((s) => s.toolName === "format_post").at(-1);

export function postDescription(input: Record<string, unknown>, fallback: string): string {
  const platform = input.platform as Platform | undefined;
  const format = (input.format as string | undefined) ?? "post";
  if (!platform) return fallback;
  return `Write the final ${PLATFORM_LABEL[platform]} ${format}${typeof input.topic === "string" ? ` about ${input.topic}` : ""}`;
}

/** A translation is a post written again in another language, whatever else the phrase says. */
const isTranslation = ({ w }: NewStepRequest) => /translat/.test(w) || !!languageOf(w);

export const formatPostOffline: OfflineToolBehaviour = {
  word: "post",
  writesTask: "format_post",
  writesFinalCopy: true,
  aliases: /\b(post|copy|carousel|thread|tweet|article|newsletter|caption|blog|text|writing|draft)\b/,
  claims: isTranslation,
  newStep(req) {
    const { w, description, topic, near } = req;
    const post = lastPost(req);
    if (isTranslation(req)) {
      const lang = capitalize(languageOf(w) ?? "the target language");
      const src = near?.toolName === "format_post" ? near : post;
      const input: Record<string, unknown> = {
        ...(src ? { platform: src.input.platform, format: src.input.format } : { platform: "blog", format: "article" }),
      };
      input.topic = limitChars(`${(src?.input.topic as string | undefined) ?? topic}, translated into ${lang}`, 300);
      input.tone = limitChars(`${(src?.input.tone as string | undefined) ?? "natural"}, written in ${lang}`, 60);
      for (const k of Object.keys(input)) if (input[k] === undefined) delete input[k];
      return { input, description: /translat/.test(w) ? description : `Translate the post into ${lang}` };
    }
    const platform = detectPlatform(w) ?? (post?.input.platform as Platform | undefined) ?? "blog";
    const format = detectFormatWord(w) ?? (platform === "x" ? "post" : ((post?.input.format as Format | undefined) ?? "post"));
    return {
      input: { platform, format, topic: limitChars(topic, 300) },
      description: description.split(" ").length > 2 ? description : `Write the final ${PLATFORM_LABEL[platform]} ${format} about ${topic}`,
    };
  },
  change(spec) {
    const s = spec.toLowerCase();
    return [
      ["platform", detectPlatform(s)],
      ["format", detectFormatWord(s)],
      ["tone", /\b(professional|personal|friendly|playful|formal|casual|funny|inspiring|confident)\b/.exec(s)?.[1]],
    ];
  },
  describe: postDescription,
};
