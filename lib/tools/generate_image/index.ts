import type { ToolMeta } from "../types";

export const generateImage: ToolMeta = {
  name: "generate_image",
  title: "Generate image",
  description: "Create an image (for example a hero or cover image) from a prompt and style.",
  icon: "image",
  publishes: true,
};
