// Browser-safe: what generate_image produces (zod only), so plans can reference its fields.
import { z } from "zod";

export const IMAGE_MEDIA_TYPES = ["image/png", "image/jpeg", "image/webp"] as const;

export const generateImageOutputSchema = z.object({
  assetId: z.string().describe("Id of the stored image"),
  url: z.string().describe("Where the app serves the image"),
  mediaType: z.enum(IMAGE_MEDIA_TYPES).describe("Image format"),
  width: z.number().int().positive().describe("Width in pixels"),
  height: z.number().int().positive().describe("Height in pixels"),
  prompt: z.string().describe("The prompt the image was made from"),
  provider: z.enum(["openai", "offline"]).describe("openai: the configured image model; offline: Planvas's own renderer"),
  revisedPrompt: z.string().nullable().describe("The prompt as the image model rewrote it, if it did"),
  notes: z.array(z.string()).optional().describe("How a revision applied the reviewer's feedback, and what it could not do"),
});
