// How the offline model plans and calls fetch_url (lib/ai/offline/behaviour.ts).
import type { OfflineToolBehaviour } from "../../ai/offline/behaviour";
import { findUrls } from "../../ai/offline/plan-goal";

export const fetchUrlOffline: OfflineToolBehaviour = {
  word: "page fetch",
  aliases: /\b(fetch|page|url|scrape|download|read(?:ing)?)\b/,
  newStep({ what, description }) {
    const url = findUrls(what)[0];
    return { input: url ? { url } : {}, description: url ? `Read the page at ${url}` : description };
  },
};
