import { getAsset } from "@/lib/assets";
import { getCurrentUser } from "@/lib/auth";
import { getDb } from "@/lib/db";
import { apiError, handle } from "@/lib/http/json";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ assetId: string }> };

export const GET = handle(async (_req: Request, { params }: Ctx) => {
  const { assetId } = await params;
  const [db, user] = await Promise.all([getDb(), getCurrentUser()]);
  const asset = await getAsset(db, user, assetId);
  if (!asset) return apiError(404, `no asset with id "${assetId}"`);
  // Assets never change, so the browser may keep them; `private` because they belong to one user.
  // nosniff + a sandboxing CSP keep a stored file from ever running as a document.
  return new Response(asset.bytes, {
    headers: {
      "content-type": asset.mediaType,
      "content-length": String(asset.byteSize),
      "cache-control": "private, max-age=31536000, immutable",
      "x-content-type-options": "nosniff",
      "content-security-policy": "default-src 'none'; sandbox",
      "content-disposition": "inline",
    },
  });
});
