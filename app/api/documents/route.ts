import { apiError, handle, json, readQuery } from "@/lib/http/json";
import { currentKnowledgeBase } from "@/lib/knowledge";
import { documentSummaryJson, readCreateRequest, readListQuery } from "@/lib/knowledge/http";
import { allowPrivateUrls, importUrl } from "@/lib/knowledge/import-url";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = handle(async (req: Request) => {
  const raw = readQuery(req);
  if (!raw.ok) return raw.response;
  const query = readListQuery(raw.params);
  if (!query.ok) return query.response;
  const documents = await (await currentKnowledgeBase()).list(query);
  return json({ documents: documents.map(documentSummaryJson) });
});

export const POST = handle(async (req: Request) => {
  const body = await readCreateRequest(req);
  if (!body.ok) return body.response;
  const page =
    body.kind === "url" ? await importUrl(body.url, { allowPrivate: allowPrivateUrls(), signal: req.signal }) : ({ ok: true, doc: body.doc } as const);
  if (!page.ok) return apiError(page.status, page.message, [{ path: "url", message: page.message }]);
  const created = await (await currentKnowledgeBase()).add(page.doc);
  return json(created, { status: 201, headers: { location: `/api/documents/${created.id}` } });
});
