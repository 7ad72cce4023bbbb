import type { ImageModel, LanguageModel, ModelMessage } from "ai";
import type { z } from "zod";

/**
 * What every tool declares about itself. The planner, the canvas and the executor all read this;
 * a tool never knows about Inngest or React.
 */
export interface ToolMeta {
  /** Stable identifier used in plan JSON (`toolName`). */
  name: string;
  /** Short human label for the canvas. */
  title: string;
  /** What the tool does, written for the model as much as for people. */
  description: string;
  /** A lucide icon name (kebab-case); the UI maps it to a component so `lib/` stays React-free. */
  icon: string;
  /** True when the output is published or the call has side effects: approval-gated by default. */
  publishes: boolean;
}

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
   * than GET). Content tools are approved after they produce their output.
   */
  sideEffectsBeforeRun?(input: I): boolean;
  execute(input: I, ctx: ToolContext): Promise<O>;
}
