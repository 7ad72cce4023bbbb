// What a finished run delivered, for the results view: the final outputs (what the run was for)
// apart from the intermediate ones (material later steps worked from), and each as copyable text.
// Browser-safe and pure.
import { getTool } from "../tools/catalog";
import { DONE_OK, type Status } from "./status";

export interface ResultStep {
  id: string;
  stepIndex: number;
  toolName: string;
  status: string;
  output: unknown;
  /** The step's output is published (or its call has side effects): what an approval gate guards. */
  publishes: boolean;
}

export interface RunResults<S extends ResultStep> {
  /** Outputs of steps nothing depends on, and of steps that publish: in plan order. */
  final: S[];
  /** Outputs other steps worked from. */
  intermediate: S[];
  /** Would-be final outputs that were never approved (the run was cancelled or rejected while they waited). */
  unapproved: S[];
  /** Steps that would have been final but produced nothing (failed, skipped, cancelled). */
  missing: S[];
}

const hasOutput = (s: ResultStep) => s.output !== null && s.output !== undefined;
const produced = (s: ResultStep) => DONE_OK.has(s.status as Status) && hasOutput(s);

/**
 * Splits a run's steps into final and intermediate outputs. A step is final when no other step
 * depends on it (a sink: the run ends there) or when it publishes — a post approved and then
 * turned into an image is still a deliverable. Only succeeded or approved outputs are final.
 */
export function selectResults<S extends ResultStep>(plan: readonly { id: string; dependsOn: readonly string[] }[], steps: readonly S[]): RunResults<S> {
  const depended = new Set(plan.flatMap((p) => p.dependsOn));
  const ordered = [...steps].sort((a, b) => a.stepIndex - b.stepIndex);
  const wanted = (s: S) => !depended.has(s.id) || s.publishes;
  return {
    final: ordered.filter((s) => wanted(s) && produced(s)),
    intermediate: ordered.filter((s) => !wanted(s) && hasOutput(s)),
    unapproved: ordered.filter((s) => wanted(s) && !produced(s) && hasOutput(s)),
    missing: ordered.filter((s) => wanted(s) && !hasOutput(s)),
  };
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === "object" && !Array.isArray(v);
const str = (v: unknown) => (typeof v === "string" ? v : "");
const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);
const objects = (v: unknown) => (Array.isArray(v) ? v.filter(isObj) : []);

const MARKDOWN = /^#{1,6}\s|\*\*[^*\n]+\*\*|__[^_\n]+__|^\s*[-*+]\s+\S|^\s*\d+\.\s+\S|\[[^\]\n]+\]\([^)\s]+\)|^>\s|`[^`\n]+`/m;

/** Whether text uses markdown (headings, emphasis, lists, links, quotes, code). */
export const looksLikeMarkdown = (text: string) => MARKDOWN.test(text);

/** Markdown as plain text: the words and the link targets, without the markup. */
export function markdownToPlain(md: string): string {
  return md
    .replace(/```[^\n]*\n([\s\S]*?)```/g, "$1")
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (_, t: string, u: string) => (t === u ? u : `${t} (${u})`))
    .replace(/^#{1,6}\s+/gm, "")
    .replace(/^>\s?/gm, "")
    .replace(/^(\s*)[-*+]\s+/gm, "$1• ")
    .replace(/^\s*([-*_])(\s*\1){2,}\s*$/gm, "")
    .replace(/(\*\*|__)(.+?)\1/g, "$2")
    .replace(/(^|[\s(])\*(?!\s)([^*\n]+?)\*(?=[\s).,!?:;]|$)/gm, "$1$2")
    .replace(/`([^`\n]+)`/g, "$1")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

export interface CopyText {
  plain: string;
  /** Set when the output is markdown (or reads best as markdown): the source to paste into an editor. */
  markdown?: string;
}

const withHashtags = (text: string, tags: string[]) => {
  const missing = tags.filter((t) => !text.includes(t));
  return missing.length ? `${text}\n\n${missing.join(" ")}` : text;
};

function postText(o: Obj): CopyText {
  const tags = strings(o.hashtags);
  const posts = strings(o.posts);
  if (posts.length) return { plain: withHashtags(posts.join("\n\n"), tags) };
  const text = str(o.text);
  const slides = objects(o.slides);
  const md = looksLikeMarkdown(text);
  const caption = md ? markdownToPlain(text) : text;
  if (slides.length) {
    const plainSlides = slides.map((s, i) => [`Slide ${i + 1}: ${str(s.title)}`.trimEnd(), str(s.body)].filter(Boolean).join("\n"));
    const mdSlides = slides.map((s, i) => `## Slide ${i + 1}${str(s.title) ? `: ${str(s.title)}` : ""}\n\n${str(s.body)}`);
    return {
      plain: withHashtags([caption, ...plainSlides].filter(Boolean).join("\n\n"), tags),
      markdown: withHashtags([text, ...mdSlides].filter(Boolean).join("\n\n"), tags),
    };
  }
  return md ? { plain: withHashtags(caption, tags), markdown: withHashtags(text, tags) } : { plain: withHashtags(text, tags) };
}

function outlineText(o: Obj): CopyText {
  const sections = objects(o.sections);
  const title = str(o.title);
  return {
    plain: [title, ...sections.map((s, i) => [`${i + 1}. ${str(s.heading)}`, ...strings(s.points).map((p) => `   • ${p}`)].join("\n"))].join("\n\n"),
    markdown: [`# ${title}`, ...sections.map((s) => [`## ${str(s.heading)}`, "", ...strings(s.points).map((p) => `- ${p}`)].join("\n"))].join("\n\n"),
  };
}

function summaryText(o: Obj): CopyText {
  const points = strings(o.points);
  const summary = str(o.summary);
  if (!points.length) return { plain: summary };
  return { plain: `${summary}\n\n${points.map((p) => `• ${p}`).join("\n")}`, markdown: `${summary}\n\n${points.map((p) => `- ${p}`).join("\n")}` };
}

/** A step's output as text to copy: plain always, markdown where the output is markdown. */
export function copyTextOf(toolName: string, output: unknown): CopyText {
  if (!isObj(output)) return { plain: typeof output === "string" ? output : JSON.stringify(output, null, 2) };
  switch (getTool(toolName)?.output ?? "json") {
    case "post":
      return postText(output);
    case "outline":
      return outlineText(output);
    case "summary":
      return summaryText(output);
    case "image":
      return { plain: str(output.url) };
    case "http-response":
      return {
        plain:
          `${str(output.method)} ${str(output.url)} → ${String(output.status)} ${str(output.statusText)}`.trimEnd() +
          (str(output.body) ? `\n\n${str(output.body)}` : ""),
      };
    case "page":
      return { plain: [str(output.title), str(output.text)].filter(Boolean).join("\n\n") };
    case "search-results":
      return {
        plain: objects(output.results)
          .map((r) => `${str(r.title)}\n${str(r.url)}${str(r.snippet) ? `\n${str(r.snippet)}` : ""}`)
          .join("\n\n"),
      };
    case "json":
      return { plain: JSON.stringify(output, null, 2) };
  }
}

const EXTENSIONS: Record<string, string> = { "image/png": "png", "image/jpeg": "jpg", "image/webp": "webp", "image/svg+xml": "svg" };

/** The file name an image is downloaded as: the plan's title and the step, with the media type's extension. */
export function downloadName(planTitle: string | null, stepId: string, mediaType: string): string {
  const slug = (planTitle ?? "")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
  return `${slug ? `${slug}-` : ""}${stepId}.${EXTENSIONS[mediaType] ?? "bin"}`;
}
