// How the offline model plans with summarize (lib/ai/offline/behaviour.ts).
import type { OfflineToolBehaviour } from "../../ai/offline/behaviour";
import { limitChars } from "../../ai/offline/text";

export const summarizeOffline: OfflineToolBehaviour = {
  word: "summary",
  writesTask: "summarize",
  aliases: /\b(summary|summari[sz](?:e|ation)|digest|recap|tl;?dr|key points|takeaways)\b/,
  newStep({ w, description, topic }) {
    return {
      input: { focus: limitChars(topic, 300), maxWords: /\b(short|brief|quick)\b/.test(w) ? 120 : 200 },
      description: /summar/i.test(description) && description.split(" ").length > 1 ? description : `Summarize the findings on ${topic}`,
    };
  },
  change(spec, input) {
    const s = spec.toLowerCase();
    const words = /\b(\d{2,4})\s+words?\b/.exec(s);
    const cur = (input.maxWords as number | undefined) ?? 200;
    return [
      [
        "maxWords",
        words
          ? Number(words[1])
          : /\bshorter|brief|concise\b/.test(s)
            ? Math.max(20, Math.round(cur * 0.6))
            : /\blonger|detailed\b/.test(s)
              ? Math.min(1000, Math.round(cur * 1.5))
              : undefined,
      ],
    ];
  },
};
