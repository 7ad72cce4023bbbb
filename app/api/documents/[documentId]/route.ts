import { apiError, handle, json } from "@/lib/http/json";
import { currentKnowledgeBase } from "@/lib/knowledge";
import { storedDocumentJson } from "@/lib/knowledge/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ documentId: string }> };

export const GET = handle(async (_req: Request, { params }: Ctx) => {
  const { documentId } = await params;
  const found = await (await currentKnowledgeBase()).get(documentId);
  return found ? json(storedDocumentJson(found)) : apiError(404, `no document with id "${documentId}"`);
});

export const DELETE = handle(async (_req: Request, { params }: Ctx) => {
  const { documentId } = await params;
  const removed = await (await currentKnowledgeBase()).remove(documentId);
  return removed ? new Response(null, { status: 204 }) : apiError(404, `no document with id "${documentId}"`);
});
