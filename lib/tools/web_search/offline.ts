// How the offline model plans and calls web_search (lib/ai/offline/behaviour.ts).
import type { OfflineToolBehaviour } from "../../ai/offline/behaviour";
import { limitChars } from "../../ai/offline/text";

export const webSearchOffline: OfflineToolBehaviour = {
  word: "search",
  aliases: /\b(web ?search|search(?:es|ing)?|research|look ?up|query)\b/,
  newStep({ what, topic }) {
    const q = /(?:search(?: the web)?|research|look up|find)\s+(?:for\s+)?(.+)/i.exec(what)?.[1]?.trim() || topic;
    return { input: { query: limitChars(q, 400), maxResults: 5 }, description: `Search for ${q}` };
  },
  change(spec) {
    const n = /\b(\d{1,2})\s+results?\b/.exec(spec.toLowerCase());
    return [["maxResults", n ? Number(n[1]) : undefined]];
  },
  argument(name, { step, goal }) {
    if (name === "query") return { value: (step.description ?? "").replace(/^(search(?: the web)? for|find|look up|research)\s+/i, "").trim() || goal };
    return undefined;
  },
};
