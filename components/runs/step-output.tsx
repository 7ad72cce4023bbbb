"use client";

import ReactMarkdown from "react-markdown";
import remarkGfm from "remark-gfm";
import type { OutputViewName } from "@/lib/tools/define";
import { getTool } from "@/lib/tools/catalog";
import { madeOffline, OfflineBadge, OutputNotes, outputNotes } from "./output-provenance";

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === "object" && !Array.isArray(v);
const str = (v: unknown) => (typeof v === "string" ? v : "");

/** Only web links and the app's own paths become links: never javascript:, data: or the like. */
export function safeHref(url: string): string | undefined {
  if (url.startsWith("/") && !url.startsWith("//")) return url;
  try {
    const u = new URL(url);
    return u.protocol === "http:" || u.protocol === "https:" ? u.toString() : undefined;
  } catch {
    return undefined;
  }
}

/** Markdown rendered without raw HTML (react-markdown never injects it), links sanitized. */
export function Markdown({ text }: { text: string }) {
  return (
    <div className="prose-sm max-w-none text-sm leading-relaxed [&_a]:text-primary [&_a]:underline [&_h1]:mb-2 [&_h1]:text-lg [&_h1]:font-semibold [&_h2]:mt-3 [&_h2]:mb-1 [&_h2]:font-semibold [&_li]:ml-4 [&_li]:list-disc [&_p]:my-1.5">
      <ReactMarkdown
        remarkPlugins={[remarkGfm]}
        urlTransform={(u) => safeHref(u) ?? ""}
        components={{
          a: ({ href, children }) =>
            href ? (
              <a href={href} target="_blank" rel="noopener noreferrer nofollow">
                {children}
              </a>
            ) : (
              <span>{children}</span>
            ),
        }}
      >
        {text}
      </ReactMarkdown>
    </div>
  );
}

function Json({ value }: { value: unknown }) {
  return <pre className="max-h-80 overflow-auto rounded-md bg-muted p-3 font-mono text-xs break-all whitespace-pre-wrap">{JSON.stringify(value, null, 2)}</pre>;
}

function PostView({ output }: { output: Obj }) {
  const slides = Array.isArray(output.slides) ? (output.slides as Obj[]) : [];
  const posts = Array.isArray(output.posts) ? (output.posts as string[]) : [];
  return (
    <div className="flex flex-col gap-3" data-testid="post-output">
      <p className="text-xs text-muted-foreground">
        {str(output.platform)} · {str(output.format)} · {String(output.charCount ?? str(output.text).length)} characters
      </p>
      {posts.length > 0 ? (
        <ol className="flex flex-col gap-2">
          {posts.map((p, i) => (
            <li key={i} className="rounded-md border p-2 text-sm whitespace-pre-wrap">
              {p}
            </li>
          ))}
        </ol>
      ) : (
        <Markdown text={str(output.text)} />
      )}
      {slides.length > 0 && (
        <ol className="grid gap-2">
          {slides.map((s, i) => (
            <li key={i} className="rounded-md border bg-muted/40 p-2">
              <p className="text-xs text-muted-foreground">Slide {i + 1}</p>
              <p className="text-sm font-medium">{str(s.title)}</p>
              <p className="text-sm">{str(s.body)}</p>
            </li>
          ))}
        </ol>
      )}
      {Array.isArray(output.adjustments) && output.adjustments.length > 0 && (
        <p className="text-xs text-status-awaiting">Adjusted to fit: {(output.adjustments as string[]).join("; ")}</p>
      )}
    </div>
  );
}

function ImageView({ output }: { output: Obj }) {
  const src = safeHref(str(output.url));
  return (
    <figure className="flex flex-col gap-2" data-testid="image-output">
      {src && (
        // eslint-disable-next-line @next/next/no-img-element -- a generated asset served by the app, sizes vary
        <img src={src} alt={str(output.prompt)} className="w-full rounded-md border" />
      )}
      <figcaption className="text-xs text-muted-foreground">
        {str(output.provider)} · {String(output.width)}×{String(output.height)} · {str(output.prompt)}
      </figcaption>
    </figure>
  );
}

function OutlineView({ output }: { output: Obj }) {
  const sections = Array.isArray(output.sections) ? (output.sections as Obj[]) : [];
  return (
    <div className="flex flex-col gap-2">
      <p className="font-medium">{str(output.title)}</p>
      <ol className="flex flex-col gap-2">
        {sections.map((s, i) => (
          <li key={i}>
            <p className="text-sm font-medium">
              {i + 1}. {str(s.heading)}
            </p>
            <ul className="ml-5 list-disc text-sm text-muted-foreground">
              {(Array.isArray(s.points) ? (s.points as string[]) : []).map((p, j) => (
                <li key={j}>{p}</li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
    </div>
  );
}

function SummaryView({ output }: { output: Obj }) {
  return (
    <div className="flex flex-col gap-2">
      <p className="text-sm whitespace-pre-wrap">{str(output.summary)}</p>
      {Array.isArray(output.points) && (
        <ul className="ml-5 list-disc text-sm text-muted-foreground">
          {(output.points as string[]).map((p, i) => (
            <li key={i}>{p}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

function SearchResultsView({ output }: { output: Obj }) {
  const results = Array.isArray(output.results) ? (output.results as Obj[]) : [];
  return (
    <div className="flex flex-col gap-2">
      <p className="text-xs text-muted-foreground">
        {results.length} result{results.length === 1 ? "" : "s"} from {str(output.provider)} for “{str(output.query)}”
      </p>
      <ul className="flex flex-col gap-2">
        {results.map((r, i) => {
          const href = safeHref(str(r.url));
          return (
            <li key={i} className="text-sm">
              {href ? (
                <a href={href} target="_blank" rel="noopener noreferrer nofollow" className="font-medium text-primary underline-offset-2 hover:underline">
                  {str(r.title)}
                </a>
              ) : (
                <span className="font-medium">{str(r.title)}</span>
              )}
              <p className="line-clamp-3 text-muted-foreground">{str(r.snippet)}</p>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

function HttpResponseView({ output }: { output: Obj }) {
  return (
    <div className="flex flex-col gap-2 text-sm">
      <p>
        <span className="font-mono">{str(output.method)}</span> {str(output.url)} → <span className="font-medium">{String(output.status)}</span>{" "}
        {str(output.statusText)}
      </p>
      <pre className="max-h-64 overflow-auto rounded-md bg-muted p-3 font-mono text-xs break-all whitespace-pre-wrap">{str(output.body)}</pre>
    </div>
  );
}

function PageView({ output }: { output: Obj }) {
  return (
    <div className="flex flex-col gap-2 text-sm">
      <p className="font-medium">{str(output.title)}</p>
      <p className="line-clamp-[12] whitespace-pre-wrap text-muted-foreground">{str(output.text)}</p>
    </div>
  );
}

function JsonView({ output }: { output: Obj }) {
  return <Json value={output} />;
}

/** Every output view a tool may name; total over OutputViewName, so a view a tool names without a component here does not compile. */
const VIEWS = {
  "search-results": SearchResultsView,
  page: PageView,
  summary: SummaryView,
  outline: OutlineView,
  post: PostView,
  image: ImageView,
  "http-response": HttpResponseView,
  json: JsonView,
} as const satisfies Record<OutputViewName, (props: { output: Obj }) => React.ReactNode>;

/**
 * A step's output, shown the way its tool means it: posts as text, images as images, the rest as
 * data — marked when the offline model made it, with the model's notes (what it could not do).
 */
export function StepOutput({ toolName, output }: { toolName: string; output: unknown }) {
  if (output === null || output === undefined) return <p className="text-sm text-muted-foreground">No output yet.</p>;
  if (!isObj(output)) return <Json value={output} />;
  const View = VIEWS[getTool(toolName)?.output ?? "json"];
  const notes = outputNotes(output);
  return (
    <div className="flex flex-col gap-2">
      {madeOffline(output) && (
        <div className="flex justify-end">
          <OfflineBadge />
        </div>
      )}
      <OutputNotes notes={notes} />
      <View output={output} />
    </div>
  );
}
