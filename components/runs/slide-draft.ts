// The editable form of a carousel's slides or a thread's posts, and back to the output that is
// sent with an Edit & approve decision. Pure, so the editor's behaviour is tested without a DOM.
import { LIMITS, PLATFORMS, SLIDE_TITLE_MAX, type Platform } from "@/lib/tools/format_post/limits";

type Obj = Record<string, unknown>;

export interface DraftSlide {
  /** Stable across reorders, so React keeps each editor (and its focus) with its slide. */
  key: string;
  title: string;
  body: string;
}
export interface DraftPost {
  key: string;
  text: string;
}

export type PostDraft =
  { kind: "carousel"; platform: Platform; caption: string; slides: DraftSlide[] } | { kind: "thread"; platform: Platform; posts: DraftPost[] };

let counter = 0;
export const newKey = () => `d${++counter}`;

const isObj = (v: unknown): v is Obj => !!v && typeof v === "object" && !Array.isArray(v);
const str = (v: unknown) => (typeof v === "string" ? v : "");

/** The draft of a post output with slides or thread posts; null for anything else (plain text keeps its textarea). */
export function draftOf(output: unknown): PostDraft | null {
  if (!isObj(output) || !(PLATFORMS as readonly string[]).includes(str(output.platform))) return null;
  const platform = output.platform as Platform;
  if (output.format === "carousel" && Array.isArray(output.slides))
    return {
      kind: "carousel",
      platform,
      caption: str(output.text),
      slides: output.slides.filter(isObj).map((s) => ({ key: newKey(), title: str(s.title), body: str(s.body) })),
    };
  if (output.format === "thread" && Array.isArray(output.posts))
    return { kind: "thread", platform, posts: output.posts.map((p) => ({ key: newKey(), text: str(p) })) };
  return null;
}

/** The output to send: the original with the edited structure (the server derives the counts again). */
export function outputOf(original: unknown, draft: PostDraft): Obj {
  const base = isObj(original) ? original : {};
  if (draft.kind === "carousel")
    return { ...base, text: draft.caption, charCount: draft.caption.length, slides: draft.slides.map(({ title, body }) => ({ title, body })) };
  const posts = draft.posts.map((p) => p.text);
  const text = posts.join("\n\n");
  return { ...base, posts, text, charCount: text.length };
}

/** The item at `from` moved to `to`; the others keep their order. */
export function moved<T>(items: readonly T[], from: number, to: number): T[] {
  if (to < 0 || to >= items.length || from === to) return [...items];
  const next = [...items];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item!);
  return next;
}

export function limitsOf(draft: PostDraft) {
  const l = LIMITS[draft.platform];
  return { maxChars: l.maxChars, maxItems: draft.kind === "carousel" ? l.maxSlides : l.maxPosts, maxTitle: SLIDE_TITLE_MAX };
}

/** Server problems ("output.slides[2].body: …") by the index of the slide or post they name. */
export function problemsByItem(problem: string | null, kind: PostDraft["kind"]): Map<number, string[]> {
  const byItem = new Map<number, string[]>();
  const field = kind === "carousel" ? "slides" : "posts";
  for (const line of (problem ?? "").split("\n")) {
    const m = new RegExp(`^output\\.${field}\\[(\\d+)\\](?:\\.(\\w+))?: (.*)$`).exec(line);
    if (!m) continue;
    const i = Number(m[1]);
    byItem.set(i, [...(byItem.get(i) ?? []), m[2] ? `${m[2]}: ${m[3]}` : m[3]!]);
  }
  return byItem;
}
