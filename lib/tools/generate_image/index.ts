import { generateImage as generateWithModel, type ImageModel } from "ai";
import { z } from "zod";
import { withBehaviour, type ToolContext } from "../types";
import { generateImageOffline } from "./offline";
import { generateImageTool } from "./tool";
import { pngSize } from "./png";
import { parseSize, renderHeroImage } from "./render";
import { imageRevision, revisionNotes } from "./revision";
import { generateImageInputSchema, type HeroSize, type HeroStyle } from "./schema";
import { generateImageOutputSchema as output, IMAGE_MEDIA_TYPES as MEDIA_TYPES } from "./output";

type Input = z.infer<typeof generateImageInputSchema>;
type Output = z.infer<typeof output>;

const STYLE_HINTS: Record<HeroStyle, string> = {
  editorial: "editorial magazine hero image, refined composition, generous negative space",
  illustration: "flat vector illustration, friendly shapes, vivid harmonious colors",
  minimal: "minimalist composition, one clear subject, lots of white space, restrained palette",
  bold: "bold graphic poster, saturated colors, strong geometric shapes, high contrast",
  photo: "photorealistic photograph, natural light, shallow depth of field",
};

const SHAPES: Record<HeroSize, string> = { "1536x1024": "Wide", "1024x1024": "Square", "1024x1536": "Tall" };

/** What the image model is asked for: the prompt, the style, and the headline only when one was given. */
export function modelPrompt({ prompt, style, size, title }: Pick<Input, "prompt" | "style" | "size" | "title">): string {
  const headline = title ? ` Set the headline "${title}" as large, legible text.` : " No text in the image.";
  return `${prompt}\n\nStyle: ${STYLE_HINTS[style]}. ${SHAPES[size]} hero image for an article or social post.${headline}`;
}

function revisedPromptOf(metadata: Record<string, unknown> | undefined): string | null {
  for (const value of Object.values(metadata ?? {})) {
    const revised = (value as { revisedPrompt?: unknown } | null)?.revisedPrompt;
    if (typeof revised === "string" && revised.trim()) return revised;
  }
  return null;
}

async function withModel(model: ImageModel, args: Input, ctx: ToolContext) {
  const { image } = await generateWithModel({ model, prompt: modelPrompt(args), size: args.size, abortSignal: ctx.signal });
  const mediaType = (MEDIA_TYPES as readonly string[]).includes(image.mediaType) ? (image.mediaType as Output["mediaType"]) : null;
  if (!mediaType) throw new Error(`the image model returned ${image.mediaType}; expected PNG, JPEG or WebP`);
  const size = (mediaType === "image/png" && pngSize(image.uint8Array)) || parseSize(args.size);
  return { bytes: image.uint8Array, mediaType, ...size, provider: "openai" as const, revisedPrompt: revisedPromptOf(image.providerMetadata) };
}

async function offline(args: Input, ctx: ToolContext) {
  const revision = imageRevision(ctx.history);
  const style = revision?.style ?? args.style;
  const { png, width, height, text } = await renderHeroImage({ ...args, style, history: ctx.history, variant: revision?.revision ?? 0 });
  ctx.log("rendered the image offline (no image model configured)", { title: text.title, ...(revision ? { revision: revision.revision } : {}) });
  const notes = revision ? revisionNotes(revision, style) : undefined;
  return { bytes: png, mediaType: "image/png" as const, width, height, provider: "offline" as const, revisedPrompt: null, ...(notes ? { notes } : {}) };
}

export const generateImage = withBehaviour<Input, Output>(generateImageTool, {
  offline: generateImageOffline,
  async execute(args, ctx) {
    ctx.signal.throwIfAborted();
    const made = ctx.models.image ? await withModel(ctx.models.image, args, ctx) : await offline(args, ctx);
    ctx.signal.throwIfAborted();
    const stored = await ctx.assets.put(made.bytes, made.mediaType, { source: "generate_image", description: args.prompt });
    return {
      assetId: stored.id,
      url: stored.url,
      mediaType: made.mediaType,
      width: made.width,
      height: made.height,
      prompt: args.prompt,
      provider: made.provider,
      revisedPrompt: made.revisedPrompt,
      ...("notes" in made && made.notes ? { notes: made.notes } : {}),
    };
  },
});
