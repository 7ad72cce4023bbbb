import type { ToolMeta } from "../types";

export const formatPost: ToolMeta = {
  name: "format_post",
  title: "Format post",
  description: "Write the final copy for a platform (LinkedIn, X, blog, newsletter, Instagram) and format (post, carousel, thread, article), within the platform's length limits.",
  icon: "pen-line",
  publishes: true,
};
