// How the offline model plans and calls generate_image (lib/ai/offline/behaviour.ts).
import type { OfflineToolBehaviour } from "../../ai/offline/behaviour";
import { capitalize, limitChars } from "../../ai/offline/text";
import { subjectOf } from "../../ai/offline/tool-args";

export const generateImageOffline: OfflineToolBehaviour = {
  word: "image",
  aliases: /\b(image|picture|photo|hero|banner|visual|illustration|graphic|thumbnail|cover)\b/,
  newStep({ w, description, topic }) {
    const square = /\bsquare\b|instagram/.test(w);
    return {
      input: {
        prompt: limitChars(`${capitalize(topic)} — hero image, clean editorial style`, 1000),
        style: "editorial",
        size: square ? "1024x1024" : "1536x1024",
      },
      description: description.split(" ").length > 2 ? description : `Generate a hero image about ${topic}`,
    };
  },
  change(spec) {
    const s = spec.toLowerCase();
    return [
      ["style", /\b(editorial|illustration|minimal|bold|photo)\b/.exec(s)?.[1]],
      ["size", /\bsquare\b/.test(s) ? "1024x1024" : /\bportrait|tall\b/.test(s) ? "1024x1536" : /\blandscape|wide\b/.test(s) ? "1536x1024" : undefined],
    ];
  },
  argument(name, { step, goal }) {
    if (name === "prompt") return { value: `Hero image about ${subjectOf(step.description ?? "") ?? goal}` };
    return undefined;
  },
};
