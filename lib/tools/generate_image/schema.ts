// Browser-safe: the tool's input schema only (zod, nothing else), so the canvas can build its form.
import { z } from "zod";

export const HERO_STYLES = ["editorial", "illustration", "minimal", "bold", "photo"] as const;
export type HeroStyle = (typeof HERO_STYLES)[number];
export const HERO_SIZES = ["1024x1024", "1536x1024", "1024x1536"] as const;
export type HeroSize = (typeof HERO_SIZES)[number];

export const generateImageInputSchema = z.object({
  prompt: z.string().trim().min(3).max(1000).describe("What the image shows: subject, mood and setting, in plain words"),
  style: z.enum(HERO_STYLES).default("editorial").describe("Visual style: editorial (default), illustration, minimal, bold or photo"),
  size: z.enum(HERO_SIZES).default("1536x1024").describe("Width x height in pixels: 1536x1024 landscape (default), 1024x1024 square or 1024x1536 portrait"),
  title: z.string().trim().min(1).max(120).optional().describe("Headline text set on the image; defaults to a short title derived from the prompt"),
});
