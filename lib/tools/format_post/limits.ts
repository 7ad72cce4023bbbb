import type { Platform } from "./schema";

export { PLATFORMS, POST_FORMATS, type Platform, type PostFormat } from "./schema";

/**
 * Each platform's limits, as published by the platforms: LinkedIn posts 3,000 characters and
 * document carousels up to 20 slides in practice; X posts 280 characters (per post of a thread);
 * Instagram captions 2,200 characters, 30 hashtags, carousels 20 slides. Blogs and newsletters have
 * no hard limit; a generous cap keeps output reviewable.
 */
export const LIMITS: Record<Platform, { maxChars: number; maxSlides: number; maxHashtags: number; maxPosts: number }> = {
  linkedin: { maxChars: 3000, maxSlides: 20, maxHashtags: 5, maxPosts: 1 },
  x: { maxChars: 280, maxSlides: 4, maxHashtags: 3, maxPosts: 25 },
  instagram: { maxChars: 2200, maxSlides: 20, maxHashtags: 30, maxPosts: 1 },
  blog: { maxChars: 20_000, maxSlides: 20, maxHashtags: 0, maxPosts: 1 },
  newsletter: { maxChars: 20_000, maxSlides: 20, maxHashtags: 0, maxPosts: 1 },
};

/** A slide's title is a headline: no platform states a limit, this keeps it one. */
export const SLIDE_TITLE_MAX = 200;

/** Cuts text to a character limit at a word boundary, marking the cut. */
export function clampChars(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
