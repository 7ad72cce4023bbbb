import type { ToolMeta } from "../types";

export const summarize: ToolMeta = {
  name: "summarize",
  title: "Summarize",
  description: "Summarize the material gathered so far in the run, optionally around a focus and within a word budget.",
  icon: "text-quote",
  publishes: false,
};
