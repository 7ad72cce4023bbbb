import { apiError, readBody, readJson, type ApiIssue } from "../http/json";
import { unsafeText } from "../http/text";
import { describeZodIssue } from "../plan/issues";
import { KNOWLEDGE_LIMITS, type DocumentSummary, type NewDocument, type StoredDocument } from ".";
import { DOCUMENT_LIMITS, documentFromFile, documentInputSchema, urlImportSchema } from "./input";

/** Wire shapes of the documents API (dates as ISO strings). */
export const documentSummaryJson = (d: DocumentSummary) => ({ ...d, createdAt: d.createdAt.toISOString() });
export const storedDocumentJson = ({ ownerId: _owner, ...d }: StoredDocument) => ({ ...d, createdAt: d.createdAt.toISOString() });

export type DocumentApiSummary = ReturnType<typeof documentSummaryJson>;
export type DocumentApiDocument = ReturnType<typeof storedDocumentJson>;

// 1,000,000 characters of JSON-escaped text can take several bytes each.
const MAX_JSON_BYTES = 4 * DOCUMENT_LIMITS.maxChars + 65_536;
const MAX_UPLOAD_BYTES = DOCUMENT_LIMITS.maxFileBytes + 65_536;
const MAX_QUERY = 500;

export type CreateRequest = { ok: true; kind: "document"; doc: NewDocument } | { ok: true; kind: "url"; url: string } | { ok: false; response: Response };

const fail = (status: number, summary: string, issues: ApiIssue[]) => ({ ok: false as const, response: apiError(status, summary, issues) });

async function readUpload(req: Request, contentType: string): Promise<CreateRequest> {
  const body = await readBody(req, MAX_UPLOAD_BYTES);
  if (!body.ok) return body;
  let form: FormData;
  try {
    form = await new Response(body.bytes, { headers: { "content-type": contentType } }).formData();
  } catch (e) {
    return fail(400, `malformed multipart/form-data body: ${(e as Error).message}`, [
      { path: "(root)", message: "expected multipart/form-data with a file field" },
    ]);
  }
  const file = form.get("file");
  if (!(file instanceof File)) return fail(400, "file: is required (a .md, .markdown or .txt file)", [{ path: "file", message: "is required" }]);
  const title = form.get("title");
  // The text rule (lib/http/text.ts) holds for uploads too: NUL is valid UTF-8, so only this stops it.
  const badTitle = typeof title === "string" ? unsafeText(title) : null;
  if (badTitle) return fail(400, `title: ${badTitle}`, [{ path: "title", message: badTitle }]);
  const badName = unsafeText(file.name);
  if (badName) return fail(400, `file: the file name ${badName}`, [{ path: "file", message: `the file name ${badName}` }]);
  const r = documentFromFile(file.name, new Uint8Array(await file.arrayBuffer()), typeof title === "string" ? title : undefined);
  if (!r.ok) return fail(r.status, `file: ${r.message}`, [{ path: "file", message: r.message }]);
  const badContent = unsafeText(r.doc.content);
  if (badContent) return fail(400, `file: the text ${badContent}`, [{ path: "file", message: `the text ${badContent}` }]);
  return { ok: true, kind: "document", doc: r.doc };
}

function invalid(what: string, issues: ApiIssue[], status = 400): CreateRequest {
  const first = issues[0]!;
  return fail(status, `invalid ${what}: ${first.path}: ${first.message}${issues.length > 1 ? ` (and ${issues.length - 1} more)` : ""}`, issues);
}

/**
 * POST /api/documents accepts a document as JSON `{title, content, format?, sourceUrl?}`, a page to
 * import as JSON `{url}`, or an uploaded file as multipart/form-data (`file`, optional `title`).
 */
export async function readCreateRequest(req: Request): Promise<CreateRequest> {
  const contentType = req.headers.get("content-type") ?? "";
  if (/^multipart\/form-data/i.test(contentType)) return readUpload(req, contentType);
  const body = await readJson(req, MAX_JSON_BYTES);
  if (!body.ok) return body;
  const value = body.value;
  if (value !== null && typeof value === "object" && !Array.isArray(value) && "url" in value) {
    const r = urlImportSchema.safeParse(value);
    if (!r.success)
      return invalid(
        "import",
        r.error.issues.map((i) => describeZodIssue(i, value)),
      );
    return { ok: true, kind: "url", url: r.data.url };
  }
  const r = documentInputSchema.safeParse(value);
  if (r.success) return { ok: true, kind: "document", doc: r.data };
  const tooBig = r.error.issues.some((i) => i.code === "too_big" && i.path[0] === "content");
  return invalid(
    "document",
    r.error.issues.map((i) => describeZodIssue(i, value)),
    tooBig ? 413 : 400,
  );
}

export type ListQuery = { ok: true; q?: string; limit?: number; offset?: number } | { ok: false; response: Response };

/** `?q=&limit=&offset=` of GET /api/documents (already checked against the text rule: readQuery). */
export function readListQuery(params: URLSearchParams): ListQuery {
  const issues: ApiIssue[] = [];
  const int = (name: string, min: number, max: number) => {
    const raw = params.get(name);
    if (raw === null || raw === "") return undefined;
    if (!/^\d{1,9}$/.test(raw) || Number(raw) < min || Number(raw) > max) {
      issues.push({ path: name, message: `must be an integer from ${min} to ${max} (got "${raw.slice(0, 20)}")` });
      return undefined;
    }
    return Number(raw);
  };
  const limit = int("limit", 1, KNOWLEDGE_LIMITS.maxList);
  const offset = int("offset", 0, 1_000_000_000);
  const q = params.get("q")?.trim() || undefined;
  if (q && q.length > MAX_QUERY) issues.push({ path: "q", message: `must be at most ${MAX_QUERY} characters` });
  if (issues.length) return { ok: false, response: apiError(400, `invalid query: ${issues[0]!.path}: ${issues[0]!.message}`, issues) };
  return { ok: true, q, limit, offset };
}
