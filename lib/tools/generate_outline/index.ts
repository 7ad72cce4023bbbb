import type { ToolMeta } from "../types";

export const generateOutline: ToolMeta = {
  name: "generate_outline",
  title: "Generate outline",
  description: "Structure the gathered material into an outline with a given number of sections (slides, headings or points).",
  icon: "list-tree",
  publishes: false,
};
