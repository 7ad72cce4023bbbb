import { apiError, handle, json, readQuery } from "@/lib/http/json";
import { currentKnowledgeBase, knowledgeBase } from "@/lib/knowledge";
import { documentSummaryJson, readCreateRequest, readListQuery } from "@/lib/knowledge/http";
import { allowPrivateUrls, importUrl } from "@/lib/knowledge/import-url";
import { dbAndUser } from "@/lib/runs/http";
import { workspaceFor } from "@/lib/workspaces/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** The current workspace's documents and the samples. */
export const GET = handle(async (req: Request) => {
  const raw = readQuery(req);
  if (!raw.ok) return raw.response;
  const query = readListQuery(raw.params);
  if (!query.ok) return query.response;
  const documents = await (await currentKnowledgeBase()).list(query);
  return json({ documents: documents.map(documentSummaryJson) });
});

/** Adds a document to the current workspace (editors and up). */
export const POST = handle(async (req: Request) => {
  const body = await readCreateRequest(req);
  if (!body.ok) return body.response;
  const { db, user } = await dbAndUser();
  const workspace = await workspaceFor(db, user, "edit_plans");
  if (!workspace.ok) return workspace.response;
  const page =
    body.kind === "url" ? await importUrl(body.url, { allowPrivate: allowPrivateUrls(), signal: req.signal }) : ({ ok: true, doc: body.doc } as const);
  if (!page.ok) return apiError(page.status, page.message, [{ path: "url", message: page.message }]);
  const created = await knowledgeBase(db, user, workspace.workspace.id).add(page.doc);
  return json(created, { status: 201, headers: { location: `/api/documents/${created.id}` } });
});
