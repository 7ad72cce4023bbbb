// Browser-safe: the tool's input schema only (zod, nothing else), so the canvas can build its form.
import { z } from "zod";

export const PLATFORMS = ["linkedin", "x", "blog", "newsletter", "instagram"] as const;
export const POST_FORMATS = ["post", "carousel", "thread", "article"] as const;
export type Platform = (typeof PLATFORMS)[number];
export type PostFormat = (typeof POST_FORMATS)[number];

export const formatPostInputSchema = z.object({
  platform: z.enum(PLATFORMS).describe("Where the post is published"),
  format: z.enum(POST_FORMATS).describe("post, carousel (slides), thread (several short posts) or article"),
  topic: z.string().max(300).optional().describe("What the post is about (defaults to the run's goal)"),
  tone: z.string().max(60).optional().describe("Voice, e.g. professional, personal, friendly, playful"),
});
