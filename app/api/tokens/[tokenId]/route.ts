import { handle } from "@/lib/http/json";
import { parseId, notFound } from "@/lib/http/ids";
import { dbAndUser } from "@/lib/runs/http";
import { revokeToken } from "@/lib/workspaces/tokens";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ tokenId: string }> };

/** Revokes one of the user's tokens: it fails (401) from the next request on. */
export const DELETE = handle(async (_req: Request, ctx: Ctx) => {
  const { tokenId } = await ctx.params;
  const id = parseId("tokenId", "API token", tokenId);
  if (!id.ok) return id.response;
  const { db, user } = await dbAndUser();
  if (!(await revokeToken(db, user, id.id))) return notFound("tokenId", "API token", tokenId, "not one of your tokens, or revoked already");
  return new Response(null, { status: 204 });
});
