import { notFound, parseId } from "@/lib/http/ids";
import { handle, json } from "@/lib/http/json";
import { currentKnowledgeBase } from "@/lib/knowledge";
import { storedDocumentJson } from "@/lib/knowledge/http";
import { dbAndUser } from "@/lib/runs/http";
import { rowAccess } from "@/lib/workspaces/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ documentId: string }> };

export const GET = handle(async (_req: Request, { params }: Ctx) => {
  const id = parseId("documentId", "document", (await params).documentId);
  if (!id.ok) return id.response;
  const { db, user } = await dbAndUser();
  // An API token reads only its own workspace's documents (and the samples).
  if (user.tokenWorkspaceId && !(await rowAccess(db, user, "document", id.id, "read")).ok) return notFound("documentId", "document", id.id);
  const found = await (await currentKnowledgeBase()).get(id.id);
  return found ? json(storedDocumentJson(found)) : notFound("documentId", "document", id.id);
});

export const DELETE = handle(async (_req: Request, { params }: Ctx) => {
  const id = parseId("documentId", "document", (await params).documentId);
  if (!id.ok) return id.response;
  const { db, user } = await dbAndUser();
  // Removing needs the editor role in the document's workspace: a viewer is told so, not "not found".
  const access = await rowAccess(db, user, "document", id.id, "edit_plans");
  if (!access.ok) return access.response ?? notFound("documentId", "document", id.id);
  const removed = await (await currentKnowledgeBase()).remove(id.id);
  return removed ? new Response(null, { status: 204 }) : notFound("documentId", "document", id.id);
});
