import { getAsset } from "@/lib/assets";
import { getCurrentUser } from "@/lib/auth";
import { getDb } from "@/lib/db";
import { notFound, parseId } from "@/lib/http/ids";
import { handle } from "@/lib/http/json";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ assetId: string }> };

export const GET = handle(async (_req: Request, { params }: Ctx) => {
  const id = parseId("assetId", "asset", (await params).assetId);
  if (!id.ok) return id.response;
  const [db, user] = await Promise.all([getDb(), getCurrentUser()]);
  const asset = await getAsset(db, user, id.id);
  if (!asset) return notFound("assetId", "asset", id.id);
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
