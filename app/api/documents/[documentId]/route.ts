import { notFound, parseId } from "@/lib/http/ids";
import { handle, json } from "@/lib/http/json";
import { currentKnowledgeBase } from "@/lib/knowledge";
import { storedDocumentJson } from "@/lib/knowledge/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ documentId: string }> };

export const GET = handle(async (_req: Request, { params }: Ctx) => {
  const id = parseId("documentId", "document", (await params).documentId);
  if (!id.ok) return id.response;
  const found = await (await currentKnowledgeBase()).get(id.id);
  return found ? json(storedDocumentJson(found)) : notFound("documentId", "document", id.id);
});

export const DELETE = handle(async (_req: Request, { params }: Ctx) => {
  const id = parseId("documentId", "document", (await params).documentId);
  if (!id.ok) return id.response;
  const removed = await (await currentKnowledgeBase()).remove(id.id);
  return removed ? new Response(null, { status: 204 }) : notFound("documentId", "document", id.id);
});
