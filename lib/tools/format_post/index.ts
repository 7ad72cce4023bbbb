import { z } from "zod";
import { withBehaviour } from "../types";
import { formatPostOffline } from "./offline";
import { formatPostTool } from "./tool";
import { writeWithModel } from "../writing";
import { clampChars, LIMITS, SLIDE_TITLE_MAX } from "./limits";
import { postSlideSchema, type PostOutput } from "./output";
import { formatPostInputSchema } from "./schema";

const modelOutput = z.object({
  text: z.string().describe("The post text (for a carousel: the caption; for a thread: all posts)"),
  slides: z.array(postSlideSchema).nullable().describe("Carousel slides, or null"),
  posts: z.array(z.string()).nullable().describe("The posts of a thread in order, or null"),
  hashtags: z.array(z.string()).nullable().describe("Hashtags, or null"),
  notes: z.array(z.string()).nullable().describe("What you were asked for but could not do (e.g. a language or tone you cannot write), or null"),
});

export const formatPost = withBehaviour<z.infer<typeof formatPostInputSchema>, PostOutput>(formatPostTool, {
  offline: formatPostOffline,
  async execute({ platform, format, topic, tone }, ctx) {
    const limits = LIMITS[platform];
    const draft = await writeWithModel(ctx, {
      task: { kind: "format_post", platform, format, topic: topic ?? null, tone: tone ?? null, maxChars: limits.maxChars, maxSlides: limits.maxSlides },
      instructions: `You write final social and editorial copy. Use only facts from the conversation. Respect the platform's limits: at most ${limits.maxChars} characters per post${format === "carousel" ? `, at most ${limits.maxSlides} slides` : ""}.`,
      request: `Write the final ${platform} ${format}${topic ? ` about ${topic}` : ""}${tone ? ` in a ${tone} tone` : ""}.`,
      schema: modelOutput,
      name: "post",
      groundOn: topic ?? "",
    });
    // The model is asked to respect the limits; the tool enforces them, and says what it cut.
    const adjustments: string[] = [];
    const clamp = (label: string, text: string, max: number) => {
      if (text.length <= max) return text;
      adjustments.push(`${label} cut from ${text.length} to ${max} characters`);
      return clampChars(text, max);
    };
    let hashtags = (draft.hashtags ?? []).map((h) => (h.startsWith("#") ? h : `#${h}`));
    if (hashtags.length > limits.maxHashtags) {
      adjustments.push(`hashtags cut from ${hashtags.length} to ${limits.maxHashtags}`);
      hashtags = hashtags.slice(0, limits.maxHashtags);
    }
    let posts = draft.posts ?? undefined;
    if (format === "thread" && posts) {
      if (posts.length > limits.maxPosts) {
        adjustments.push(`thread cut from ${posts.length} to ${limits.maxPosts} posts`);
        posts = posts.slice(0, limits.maxPosts);
      }
      posts = posts.map((p, i) => clamp(`post ${i + 1}`, p, limits.maxChars));
    }
    let slides = draft.slides ?? undefined;
    if (slides && slides.length > limits.maxSlides) {
      adjustments.push(`carousel cut from ${slides.length} to ${limits.maxSlides} slides`);
      slides = slides.slice(0, limits.maxSlides);
    }
    slides = slides
      ?.filter((s) => s.title.trim() || s.body.trim())
      .map((s, i) => ({ title: clamp(`slide ${i + 1} title`, s.title, SLIDE_TITLE_MAX), body: clamp(`slide ${i + 1}`, s.body, limits.maxChars) }));
    if (format === "thread" && posts) posts = posts.filter((p) => p.trim());
    const text = format === "thread" && posts?.length ? posts.join("\n\n") : clamp("text", draft.text, limits.maxChars);
    return {
      platform,
      format,
      text,
      ...(slides?.length && format === "carousel" ? { slides } : {}),
      ...(posts?.length && format === "thread" ? { posts } : {}),
      hashtags,
      charCount: text.length,
      adjustments,
      ...(draft.notes?.length ? { notes: draft.notes } : {}),
      model: draft.model,
    };
  },
});
