// Browser-safe: what format_post produces, with the platform's limits. The same schema checks the
// tool's own output and a reviewer's edit (Edit & approve), so an edit cannot publish what the tool
// itself would not.
import { z } from "zod";
import { LIMITS, SLIDE_TITLE_MAX } from "./limits";
import { PLATFORMS, POST_FORMATS } from "./schema";

export const postSlideSchema = z.object({ title: z.string(), body: z.string() });
export type PostSlide = z.infer<typeof postSlideSchema>;

const n = (v: number) => v.toLocaleString("en-US");
const tooLong = (length: number, max: number) => `${n(length)} characters, the limit is ${n(max)}`;

const shape = z.object({
  platform: z.enum(PLATFORMS),
  format: z.enum(POST_FORMATS),
  text: z.string(),
  slides: z.array(postSlideSchema).optional(),
  posts: z.array(z.string()).optional(),
  hashtags: z.array(z.string()),
  charCount: z.number().int(),
  adjustments: z.array(z.string()).describe("What was cut to respect the platform's limits"),
  notes: z.array(z.string()).optional().describe("What the model could not do as asked (a translation, a tone), or how it applied a reviewer's feedback"),
  model: z.string().optional().describe('Which model wrote it: "offline" for the offline model'),
});

export const postOutputSchema = shape
  .superRefine((o, ctx) => {
    const limits = LIMITS[o.platform];
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: "custom", path, message });
    // A thread's text is its posts joined; each post has the limit, not the whole.
    const threaded = o.format === "thread" && o.posts !== undefined;
    if (!threaded && o.text.length > limits.maxChars) issue(["text"], tooLong(o.text.length, limits.maxChars));
    if (o.hashtags.length > limits.maxHashtags) issue(["hashtags"], `${o.hashtags.length} hashtags, the limit on ${o.platform} is ${limits.maxHashtags}`);
    if (o.slides) {
      if (o.slides.length === 0) issue(["slides"], "a carousel needs at least 1 slide");
      if (o.slides.length > limits.maxSlides) issue(["slides"], `${o.slides.length} slides, the limit on ${o.platform} is ${limits.maxSlides}`);
      o.slides.forEach((s, i) => {
        if (!s.title.trim() && !s.body.trim()) issue(["slides", i], "the slide is empty: give it a title or a body");
        if (s.title.length > SLIDE_TITLE_MAX) issue(["slides", i, "title"], tooLong(s.title.length, SLIDE_TITLE_MAX));
        if (s.body.length > limits.maxChars) issue(["slides", i, "body"], tooLong(s.body.length, limits.maxChars));
      });
    }
    if (o.posts) {
      if (o.posts.length === 0) issue(["posts"], "a thread needs at least 1 post");
      if (o.posts.length > limits.maxPosts) issue(["posts"], `${o.posts.length} posts, the limit on ${o.platform} is ${limits.maxPosts}`);
      o.posts.forEach((p, i) => {
        if (!p.trim()) issue(["posts", i], "the post is empty");
        if (p.length > limits.maxChars) issue(["posts", i], tooLong(p.length, limits.maxChars));
      });
    }
  })
  // Derived fields are derived, never trusted: a thread's text is its posts, the count is the text's.
  .transform((o) => {
    const text = o.format === "thread" && o.posts ? o.posts.join("\n\n") : o.text;
    return { ...o, text, charCount: text.length };
  });

export type PostOutput = z.infer<typeof postOutputSchema>;
