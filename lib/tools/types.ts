import type { ImageModel, LanguageModel, ModelMessage } from "ai";
import type { z } from "zod";
import type { OfflineToolBehaviour } from "../ai/offline/behaviour";
import type { ToolMeta, ToolSpec } from "./define";

export type { ToolMeta } from "./define";

export interface ToolLogger {
  (message: string, data?: Record<string, unknown>): void;
}

/** A stored binary the app serves at `url` (generated images). */
export interface StoredAsset {
  id: string;
  url: string;
  mediaType: string;
  byteSize: number;
}

export interface AssetStore {
  put(bytes: Uint8Array, mediaType: string, meta?: { source?: string; description?: string }): Promise<StoredAsset>;
}

export interface SearchResult {
  title: string;
  url: string;
  snippet: string;
  source: string;
  /** A longer passage of the source, when the provider has one (the knowledge base does). */
  content?: string;
}

/** The workspace's own documents, searched with PostgreSQL full-text search. */
export interface KnowledgeBase {
  search(query: string, limit: number): Promise<SearchResult[]>;
}

/** Settings a tool may need; read from the environment in one place (lib/config) and passed in. */
export interface ToolSettings {
  /** PLANVAS_ALLOW_PRIVATE_URLS=1 lets fetch_url / http_request reach private and loopback addresses. */
  allowPrivateUrls: boolean;
  /** TAVILY_API_KEY: web_search through Tavily. */
  tavilyApiKey?: string;
  /** Base URL of the Tavily API (tests point it at a local server). */
  tavilyBaseUrl?: string;
  /** OpenAI web search is available (OpenAI configured with the Responses API). */
  openaiWebSearch?: boolean;
}

export interface ToolContext {
  /** The run so far: the goal and every earlier step's call and result ("the history is the state"). */
  history: ModelMessage[];
  signal: AbortSignal;
  log: ToolLogger;
  assets: AssetStore;
  knowledge: KnowledgeBase;
  /** `text` writes summaries, outlines and posts; `image` is set when an image model is configured. */
  models: { text: LanguageModel; image?: ImageModel };
  settings: ToolSettings;
  /**
   * Set by the run engine for a call with side effects. `idempotencyKey` stays the same across
   * retries and crashes of this call; `beforeSend` must be awaited right before anything leaves
   * the process (it records that delivery may have begun, and throws when the call must not be
   * made any more, e.g. the run was cancelled).
   */
  sideEffect?: { idempotencyKey: string; beforeSend: () => Promise<void> };
}

/** A tool with behaviour: metadata, schemas (they also generate the canvas form) and `execute`. */
export interface ToolDefinition<I = unknown, O = unknown> extends ToolMeta {
  inputSchema: z.ZodType<I>;
  outputSchema: z.ZodType<O>;
  /**
   * Whether this call has side effects that must be approved BEFORE it runs (http_request other
   * than GET). Content tools are approved after they produce their output. Derived from the tool's
   * `sideEffect` rule by `withBehaviour`; never written by hand in a tool's folder.
   */
  sideEffectsBeforeRun?(input: I): boolean;
  execute(input: I, ctx: ToolContext): Promise<O>;
  /** How the offline model plans with and calls this tool, where that is tool-specific. */
  offline?: OfflineToolBehaviour;
}

/** What a tool's server-only index.ts adds to its browser-safe declaration. */
export interface ToolBehaviour<I, O> {
  execute(input: I, ctx: ToolContext): Promise<O>;
  offline?: OfflineToolBehaviour;
}

/** A tool's server definition: its declaration (tool.ts) plus its behaviour; the publish rule and the output schema come from the declaration. */
export function withBehaviour<I, O, N extends string = string>(spec: ToolSpec<N>, behaviour: ToolBehaviour<I, O>): ToolDefinition<I, O> & ToolSpec<N> {
  const rule = spec.sideEffect;
  return {
    ...spec,
    inputSchema: spec.inputSchema as z.ZodType<I>,
    outputSchema: spec.outputSchema as z.ZodType<O>,
    ...behaviour,
    ...(rule ? { sideEffectsBeforeRun: (input: I) => rule.when(input as Record<string, unknown>) } : {}),
  } as ToolDefinition<I, O> & ToolSpec<N>;
}
