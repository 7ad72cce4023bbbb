// Test support for tools and the executor: in-memory stand-ins for the database-backed asset store
// and knowledge base, so unit tests run without a database. Not imported by application code.
import type { AssetStore, KnowledgeBase, SearchResult, StoredAsset, ToolContext } from "./types";
import { keywords } from "../ai/offline/text";

export class MemoryAssets implements AssetStore {
  readonly stored = new Map<string, { bytes: Uint8Array; mediaType: string }>();
  async put(bytes: Uint8Array, mediaType: string): Promise<StoredAsset> {
    const id = `00000000-0000-4000-8000-${String(this.stored.size + 1).padStart(12, "0")}`;
    this.stored.set(id, { bytes, mediaType });
    return { id, url: `/api/assets/${id}`, mediaType, byteSize: bytes.byteLength };
  }
}

/** Ranks documents by shared keywords; enough to exercise tools that search. */
export class MemoryKnowledge implements KnowledgeBase {
  constructor(private readonly docs: { title: string; content: string; url?: string }[]) {}
  async search(query: string, limit: number): Promise<SearchResult[]> {
    const q = new Set(keywords(query));
    return this.docs
      .map((d, i) => ({ d, i, score: keywords(`${d.title} ${d.content}`).filter((k) => q.has(k)).length }))
      .filter((x) => x.score > 0)
      .sort((a, b) => b.score - a.score || a.i - b.i)
      .slice(0, limit)
      .map(({ d, i }) => ({ title: d.title, url: d.url ?? `/knowledge#${i}`, snippet: d.content, source: "knowledge" }));
  }
}

export function toolContext(overrides: Partial<ToolContext> & Pick<ToolContext, "models">): ToolContext {
  return {
    history: [],
    signal: new AbortController().signal,
    log: () => {},
    assets: new MemoryAssets(),
    knowledge: new MemoryKnowledge([]),
    settings: { allowPrivateUrls: false },
    ...overrides,
  };
}
