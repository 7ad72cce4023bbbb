import type { Platform, PostFormat } from "./schema";

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

export interface LengthTarget {
  /** The shortest text that is still this format (an article is several sections, not a paragraph). */
  minWords: number;
  /** Where the format reads best; the platform's hard limit (maxChars) still applies. */
  maxWords: number;
  /** Sentences the format wants: per post for posts, per section for articles, per slide for carousels. */
  sentences: [min: number, max: number];
  /** Sections (articles), slides (carousels) or posts (threads). */
  parts: [min: number, max: number];
}

/**
 * How long each format is on each platform, beyond the hard limits: a blog or newsletter "post" is
 * an article (intro and several sections, hundreds of words); a LinkedIn post is a few short
 * paragraphs (the feed folds it after about 210 characters, long posts of ~1,300 characters do
 * best); an X post fits one 280-character post; a thread is 5–12 posts.
 */
export function lengthTarget(platform: Platform, format: PostFormat): LengthTarget {
  const long = platform === "blog" || platform === "newsletter";
  if (format === "article" || (long && format === "post")) return { minWords: 350, maxWords: 1500, sentences: [2, 4], parts: [4, 6] };
  if (format === "carousel") return { minWords: 60, maxWords: 400, sentences: [1, 2], parts: [5, Math.min(9, LIMITS[platform].maxSlides - 1)] };
  if (format === "thread") return { minWords: 80, maxWords: 600, sentences: [1, 2], parts: [5, 8] };
  if (platform === "x") return { minWords: 10, maxWords: 50, sentences: [1, 2], parts: [1, 1] };
  if (platform === "instagram") return { minWords: 40, maxWords: 220, sentences: [3, 5], parts: [1, 1] };
  return { minWords: 80, maxWords: 250, sentences: [4, 7], parts: [1, 1] };
}
