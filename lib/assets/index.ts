import { eq } from "drizzle-orm";
import type { User } from "../auth";
import { asUser, type Database } from "../db";
import { assets } from "../db/schema";
import { isUuid } from "../ids";
import type { AssetStore, StoredAsset } from "../tools/types";

export const ASSET_MEDIA_TYPES = ["image/png", "image/jpeg", "image/webp"] as const;
export type AssetMediaType = (typeof ASSET_MEDIA_TYPES)[number];

/** One stored asset with its bytes, as the asset route serves it. */
export interface Asset {
  id: string;
  mediaType: AssetMediaType;
  bytes: Uint8Array<ArrayBuffer>;
  byteSize: number;
  source: string | null;
  description: string | null;
  createdAt: Date;
}

/** A malformed id cannot name an asset: answer "not found" instead of letting Postgres reject the cast. */
export const isAssetId = (id: string) => isUuid(id);

export const isAssetMediaType = (value: string): value is AssetMediaType => (ASSET_MEDIA_TYPES as readonly string[]).includes(value);

export const assetUrl = (id: string) => `/api/assets/${id}`;

/** Stores assets as `user`, under RLS: only the owner can read them back. */
export function assetStore(db: Database, user: User): AssetStore {
  return {
    async put(bytes, mediaType, meta = {}): Promise<StoredAsset> {
      if (!isAssetMediaType(mediaType)) throw new Error(`unsupported asset media type "${mediaType}" (expected ${ASSET_MEDIA_TYPES.join(", ")})`);
      if (bytes.byteLength === 0) throw new Error("an asset needs at least one byte");
      const [row] = await asUser(db, user, (tx) =>
        tx
          .insert(assets)
          .values({
            ownerId: user.id,
            mediaType,
            bytes: new Uint8Array(bytes),
            byteSize: bytes.byteLength,
            source: meta.source ?? null,
            description: meta.description ?? null,
          })
          .returning({ id: assets.id }),
      );
      return { id: row!.id, url: assetUrl(row!.id), mediaType, byteSize: bytes.byteLength };
    },
  };
}

/** The asset with this id if `user` may read it; null for unknown, foreign or malformed ids. */
export async function getAsset(db: Database, user: User, id: string): Promise<Asset | null> {
  if (!isAssetId(id)) return null;
  const [row] = await asUser(db, user, (tx) =>
    tx
      .select({
        id: assets.id,
        mediaType: assets.mediaType,
        bytes: assets.bytes,
        byteSize: assets.byteSize,
        source: assets.source,
        description: assets.description,
        createdAt: assets.createdAt,
      })
      .from(assets)
      .where(eq(assets.id, id)),
  );
  if (!row) return null;
  return { ...row, mediaType: row.mediaType as AssetMediaType };
}
