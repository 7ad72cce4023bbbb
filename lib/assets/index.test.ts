import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCAL_OWNER } from "../auth";
import { openTestDatabase, testBackends } from "../db/testing";
import { assetStore, getAsset } from ".";

const OTHER = { id: "00000000-0000-4000-8000-0000000000bb", name: "Someone else", email: "else@planvas.local" };
// Every byte value, and more than one postgres.js pool slab, so no encoding or slicing slips through.
const bytes = Uint8Array.from({ length: 20_000 }, (_, i) => (i * 31) & 0xff);

describe.each(testBackends)("assets on %s", (backend) => {
  let db: Awaited<ReturnType<typeof openTestDatabase>>;
  beforeAll(async () => {
    db = await openTestDatabase(backend);
    await db.query("insert into auth.users (id, email) values ($1, $2)", [OTHER.id, OTHER.email]);
  });
  afterAll(() => db?.drop());

  it("stores bytes and reads them back unchanged", async () => {
    const stored = await assetStore(db, LOCAL_OWNER).put(bytes, "image/png", { source: "generate_image", description: "a hero" });
    expect(stored).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      url: `/api/assets/${stored.id}`,
      mediaType: "image/png",
      byteSize: bytes.byteLength,
    });
    const got = await getAsset(db, LOCAL_OWNER, stored.id);
    expect(got).toMatchObject({ id: stored.id, mediaType: "image/png", byteSize: bytes.byteLength, source: "generate_image", description: "a hero" });
    expect(got!.bytes.constructor).toBe(Uint8Array);
    expect(got!.bytes.buffer.byteLength).toBe(bytes.byteLength);
    expect(Buffer.from(got!.bytes).equals(Buffer.from(bytes))).toBe(true);
    expect(got!.createdAt).toBeInstanceOf(Date);
  });

  it("keeps optional metadata optional", async () => {
    const stored = await assetStore(db, LOCAL_OWNER).put(Uint8Array.of(1, 2, 3), "image/webp");
    expect(await getAsset(db, LOCAL_OWNER, stored.id)).toMatchObject({ mediaType: "image/webp", byteSize: 3, source: null, description: null });
  });

  it("hides one user's assets from another (RLS)", async () => {
    const stored = await assetStore(db, LOCAL_OWNER).put(bytes, "image/jpeg");
    expect(await getAsset(db, OTHER, stored.id)).toBeNull();
    const theirs = await assetStore(db, OTHER).put(Uint8Array.of(9), "image/png");
    expect(await getAsset(db, OTHER, theirs.id)).not.toBeNull();
    expect(await getAsset(db, LOCAL_OWNER, theirs.id)).toBeNull();
  });

  it("refuses to store an asset for somebody else", async () => {
    await expect(
      db.transaction(async (tx) => {
        await tx.query("select set_config('role', 'authenticated', true), set_config('request.jwt.claims', $1, true)", [JSON.stringify({ sub: OTHER.id })]);
        await tx.query("insert into public.assets (owner_id, media_type, bytes, byte_size) values ($1, 'image/png', '\\x00', 1)", [LOCAL_OWNER.id]);
      }),
    ).rejects.toThrow(/row-level security/);
  });

  it("answers null for unknown and malformed ids", async () => {
    expect(await getAsset(db, LOCAL_OWNER, "00000000-0000-4000-8000-00000000ffff")).toBeNull();
    expect(await getAsset(db, LOCAL_OWNER, "nope")).toBeNull();
    expect(await getAsset(db, LOCAL_OWNER, "../etc/passwd")).toBeNull();
  });

  it("rejects media types it will not serve and empty assets", async () => {
    const store = assetStore(db, LOCAL_OWNER);
    await expect(store.put(bytes, "image/svg+xml")).rejects.toThrow(/unsupported asset media type "image\/svg\+xml"/);
    await expect(store.put(new Uint8Array(0), "image/png")).rejects.toThrow(/at least one byte/);
  });
});
