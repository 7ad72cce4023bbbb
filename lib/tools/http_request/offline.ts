// How the offline model plans and calls http_request (lib/ai/offline/behaviour.ts).
import type { OfflineToolBehaviour } from "../../ai/offline/behaviour";
import { findUrls, host } from "../../ai/offline/plan-goal";
import { latestText } from "../../ai/offline/tool-args";
import { httpRequestTool } from "./tool";

export const httpRequestOffline: OfflineToolBehaviour = {
  word: "HTTP request",
  aliases: /\b(webhook|http|request|api|endpoint|notification|slack|ping|call)\b/,
  newStep({ what, w, description }) {
    const url = findUrls(what)[0];
    const send = /\b(send|post|notify|deliver|push|publish|webhook)\b/.test(w);
    return {
      input: { method: send ? "POST" : "GET", ...(url ? { url } : {}) },
      description: url ? `${send ? "Send the result to" : "Call"} ${host(url)}` : description,
    };
  },
  change(spec) {
    return [
      ["method", /\b(GET|POST|PUT|PATCH|DELETE)\b/i.exec(spec)?.[1]?.toUpperCase()],
      ["url", findUrls(spec)[0]],
    ];
  },
  argument(name, { outputs }) {
    if (name !== "body") return undefined;
    const t = latestText(outputs);
    return { value: t ? JSON.stringify({ text: t }) : undefined };
  },
  // A call with side effects delivers something: the latest text the run produced.
  fillsOptional: (name, input) => name === "body" && httpRequestTool.sideEffect!.when(input),
};
