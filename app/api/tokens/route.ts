import { z } from "zod";
import { uuidSchema } from "@/lib/http/ids";
import { apiError, handle, json, parseBody } from "@/lib/http/json";
import { dbAndUser } from "@/lib/runs/http";
import { currentWorkspaceId } from "@/lib/workspaces/current";
import { sessionOnly } from "@/lib/workspaces/http";
import { createToken, listTokens, TokenError } from "@/lib/workspaces/tokens";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const createBody = z
  .object({
    name: z.string().trim().min(1, "must not be empty").max(100, "at most 100 characters"),
    /** Default: the current workspace. */
    workspaceId: uuidSchema("must be a workspace id (uuid)").optional(),
  })
  .strict();

/** The user's API tokens that still work (never the secrets: those are shown once, at creation). */
export const GET = handle(async () => {
  const { db, user } = await dbAndUser();
  return json({ tokens: await listTokens(db, user) });
});

/** Creates a token for one of the user's workspaces: `201 {id, token}`, the only time the secret is shown. */
export const POST = handle(async (req: Request) => {
  const body = await parseBody(req, createBody, { what: "invalid token", maxBytes: 10_000 });
  if (!body.ok) return body.response;
  const { db, user } = await dbAndUser();
  // A leaked token must not be able to mint more.
  const refused = sessionOnly(user, "create tokens");
  if (refused) return refused;
  const workspaceId = body.data.workspaceId?.toLowerCase() ?? (await currentWorkspaceId(db, user));
  try {
    const made = await createToken(db, user, { workspaceId, name: body.data.name });
    const [summary] = (await listTokens(db, user)).filter((t) => t.id === made.id);
    return json({ ...summary, token: made.token }, { status: 201, headers: { location: `/api/tokens/${made.id}` } });
  } catch (e) {
    if (e instanceof TokenError) return apiError(e.status, e.message, [{ path: "workspaceId", message: e.message }]);
    throw e;
  }
});
