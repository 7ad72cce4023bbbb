// How the offline model plans with generate_outline (lib/ai/offline/behaviour.ts).
import type { OfflineToolBehaviour } from "../../ai/offline/behaviour";
import { detectCount } from "../../ai/offline/plan-goal";
import { limitChars } from "../../ai/offline/text";

export const generateOutlineOffline: OfflineToolBehaviour = {
  word: "outline",
  writesTask: "outline",
  aliases: /\b(outline|structure|sections|slide plan)\b/,
  newStep({ w, description, topic, count }) {
    return {
      input: { topic: limitChars(topic, 300), sections: count ?? 5, format: /\bslides?\b|carousel/.test(w) ? "slides" : "bullets" },
      description: description.split(" ").length > 1 ? description : `Structure an outline about ${topic}`,
    };
  },
  change(spec) {
    const s = spec.toLowerCase();
    const n = /\b(\d{1,2})\b/.exec(s);
    return [
      ["sections", detectCount(s) ?? (n ? Number(n[1]) : undefined)],
      ["format", /\bslides?\b|carousel/.test(s) ? "slides" : /\bcompar/.test(s) ? "comparison" : /\bbullets?\b/.test(s) ? "bullets" : undefined],
    ];
  },
};
