import { getCurrentUser, type User } from "../auth";
import { asUser, getDb, type Database, type Db } from "../db";
import type { KnowledgeBase, SearchResult } from "../tools/types";
import { currentWorkspaceId } from "../workspaces/current";
import * as q from "./queries";

export type { DocumentSummary, NewDocument, StoredDocument } from "./queries";
export type { DocumentFormat } from "../db/schema-documents";

export const KNOWLEDGE_LIMITS = { maxSearch: 50, maxList: 200, defaultList: 50 } as const;

const clamp = (n: number | undefined, min: number, max: number, fallback: number) =>
  n === undefined || !Number.isFinite(n) ? fallback : Math.min(max, Math.max(min, Math.trunc(n)));

/** Markers the snippets carry for the UI; tool results get plain text. */
const unmark = (s: string) => s.replace(/[«»]/g, "");

/**
 * The knowledge base as the app uses it: every call runs as `user`, under RLS. With a `workspaceId`,
 * lists and searches cover that workspace's documents and the samples, and new documents go there.
 */
export function knowledgeBase(db: Database, user: User, workspaceId?: string) {
  const run = <T>(fn: (tx: Db) => Promise<T>) => asUser(db, user, fn);
  return {
    /** Ranked full-text search for tools (web_search); urls point at the source or the document. */
    async search(query: string, limit: number): Promise<SearchResult[]> {
      if (!query.trim()) return [];
      const rows = await run((tx) => q.searchDocuments(tx, query, clamp(limit, 1, KNOWLEDGE_LIMITS.maxSearch, 5), 0, workspaceId));
      // The passage gives later steps (summaries, outlines, posts) real text to work from, not just a snippet.
      return rows.map((r) => ({
        title: r.title,
        url: r.sourceUrl ?? `/knowledge#${r.id}`,
        snippet: unmark(r.snippet),
        source: "knowledge",
        content: r.passage,
      }));
    },
    add: (doc: q.NewDocument) => run((tx) => q.insertDocument(tx, user.id, doc, workspaceId)),
    /** Newest first; with `q`, ranked matches with their snippets. */
    list(opts: { q?: string; limit?: number; offset?: number } = {}): Promise<q.DocumentSummary[]> {
      const limit = clamp(opts.limit, 1, KNOWLEDGE_LIMITS.maxList, KNOWLEDGE_LIMITS.defaultList);
      const offset = clamp(opts.offset, 0, Number.MAX_SAFE_INTEGER, 0);
      const text = opts.q?.trim();
      if (!text) return run((tx) => q.listDocuments(tx, limit, offset, workspaceId));
      return run(async (tx) => (await q.searchDocuments(tx, text, limit, offset, workspaceId)).map(({ rank: _rank, passage: _passage, ...d }) => d));
    },
    get: (id: string) => run((tx) => q.getDocument(tx, id)),
    remove: (id: string) => run((tx) => q.deleteDocument(tx, id)),
  };
}

export type KnowledgeStore = ReturnType<typeof knowledgeBase>;
// A store is what tools receive as `ctx.knowledge`.
export type { KnowledgeBase };

/** The knowledge base of the current request's user, in their current workspace, on the app's database. */
export async function currentKnowledgeBase(): Promise<KnowledgeStore> {
  const [db, user] = await Promise.all([getDb(), getCurrentUser()]);
  return knowledgeBase(db, user, await currentWorkspaceId(db, user));
}
