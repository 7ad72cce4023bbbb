import { and, desc, eq, sql, type SQL } from "drizzle-orm";
import type { Db } from "../db/client";
import { isUuid } from "../ids";
import { documents, type DocumentFormat } from "../db/schema-documents";

export interface DocumentSummary {
  id: string;
  title: string;
  format: DocumentFormat;
  sourceUrl: string | null;
  isSample: boolean;
  chars: number;
  createdAt: Date;
  /** Only when listing with a query: the matching passages, plain text, hits marked «like this». */
  snippet?: string;
}

export interface StoredDocument extends Omit<DocumentSummary, "snippet"> {
  content: string;
  ownerId: string | null;
}

export interface NewDocument {
  title: string;
  content: string;
  format: DocumentFormat;
  sourceUrl?: string | null;
}

/** One workspace's documents and the installation's samples; everything the user may read when undefined. */
const inScope = (workspaceId: string | undefined): SQL | undefined =>
  workspaceId === undefined ? undefined : sql`(${documents.workspaceId} = ${workspaceId} or ${documents.isSample})`;

/** A malformed id cannot name a document: "not found" instead of a failed uuid cast. */
export const isDocumentId = (id: string) => isUuid(id);

// Plain text with «» around hits: the UI renders snippets as text and highlights between the marks.
const HEADLINE_OPTIONS = 'StartSel=«, StopSel=», MaxFragments=2, MaxWords=28, MinWords=12, FragmentDelimiter=" … "';

const summary = {
  id: documents.id,
  title: documents.title,
  format: documents.format,
  sourceUrl: documents.sourceUrl,
  isSample: documents.isSample,
  chars: sql<number>`char_length(${documents.content})`.mapWith(Number).as("chars"),
  createdAt: documents.createdAt,
};

/**
 * `-` is websearch syntax's only prefix operator, and PostgreSQL fails ("tsquery stack too small",
 * a 500) on some 32 of them in a row: a run of them means no more than one.
 */
export const collapseNegations = (q: string): string => q.replace(/(?:-\s*){2,}/g, "-");

/**
 * The query as the user typed it (`websearch_to_tsquery`: quotes, `or`, `-word`); when that matches
 * nothing, any of its words, so "AI trends 2026 marketing" still finds the documents sharing most
 * of them — ts_rank_cd puts those that share more first.
 */
async function tsquery(tx: Db, typed: string, workspaceId?: string): Promise<SQL> {
  const q = collapseNegations(typed);
  const strict = sql`websearch_to_tsquery('english', ${q})`;
  const [hit] = await tx
    .select({ one: sql`1` })
    .from(documents)
    .where(and(sql`${documents.search} @@ ${strict}`, inScope(workspaceId)))
    .limit(1);
  return hit ? strict : sql`replace(plainto_tsquery('english', ${q})::text, ' & ', ' | ')::tsquery`;
}

/** Markdown punctuation around the hits reads as noise in a one-line snippet. */
export function cleanSnippet(headline: string): string {
  return headline
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/\*\*|__|`+/g, "")
    .replace(/(^|\s)#{1,6}(?=\s)/g, "$1")
    .replace(/\|?(\s*:?-{3,}:?\s*\|)+\s*:?(-{3,}:?)?/g, " ") // table rules
    .replace(/(\s*\|\s*)+/g, " · ")
    .replace(/\s+/g, " ")
    .replace(/^[\s·]+|[\s·]+$/g, "");
}

/** How much of a matching document a search hands to tools as material to read. */
export const PASSAGE_CHARS = 4000;

export async function searchDocuments(
  tx: Db,
  q: string,
  limit: number,
  offset = 0,
  workspaceId?: string,
): Promise<(DocumentSummary & { snippet: string; rank: number; passage: string })[]> {
  const tsq = await tsquery(tx, q, workspaceId);
  const ranked = tx
    .select({ ...summary, content: documents.content, rank: sql<number>`ts_rank_cd(${documents.search}, ${tsq})`.as("rank") })
    .from(documents)
    .where(and(sql`${documents.search} @@ ${tsq}`, inScope(workspaceId)))
    .orderBy(desc(sql`rank`), desc(documents.createdAt), documents.id)
    .limit(limit)
    .offset(offset)
    .as("ranked");
  // ts_headline re-parses the whole document: only for the page of results, in the outer query.
  const rows = await tx
    .select({
      id: ranked.id,
      title: ranked.title,
      format: ranked.format,
      sourceUrl: ranked.sourceUrl,
      isSample: ranked.isSample,
      chars: ranked.chars,
      createdAt: ranked.createdAt,
      rank: ranked.rank,
      snippet: sql<string>`ts_headline('english', ${ranked.content}, ${tsq}, ${HEADLINE_OPTIONS})`,
      passage: sql<string>`left(${ranked.content}, ${PASSAGE_CHARS})`,
    })
    .from(ranked)
    .orderBy(desc(ranked.rank), desc(ranked.createdAt), ranked.id);
  return rows.map((r) => ({ ...r, chars: Number(r.chars), rank: Number(r.rank), createdAt: new Date(r.createdAt), snippet: cleanSnippet(r.snippet) }));
}

export async function listDocuments(tx: Db, limit: number, offset = 0, workspaceId?: string): Promise<DocumentSummary[]> {
  return tx.select(summary).from(documents).where(inScope(workspaceId)).orderBy(desc(documents.createdAt), documents.id).limit(limit).offset(offset);
}

export async function getDocument(tx: Db, id: string): Promise<StoredDocument | null> {
  if (!isDocumentId(id)) return null;
  const [row] = await tx
    .select({ ...summary, content: documents.content, ownerId: documents.ownerId })
    .from(documents)
    .where(eq(documents.id, id));
  return row ?? null;
}

export async function insertDocument(tx: Db, ownerId: string, doc: NewDocument, workspaceId?: string): Promise<{ id: string }> {
  const [row] = await tx
    .insert(documents)
    .values({ ownerId, ...(workspaceId ? { workspaceId } : {}), title: doc.title, content: doc.content, format: doc.format, sourceUrl: doc.sourceUrl ?? null })
    .returning({ id: documents.id });
  return row!;
}

export async function deleteDocument(tx: Db, id: string): Promise<boolean> {
  if (!isDocumentId(id)) return false;
  const rows = await tx.delete(documents).where(eq(documents.id, id)).returning({ id: documents.id });
  return rows.length > 0;
}
