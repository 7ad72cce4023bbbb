import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assetStore } from "@/lib/assets";
import { LOCAL_OWNER } from "@/lib/auth";
import { setDatabase } from "@/lib/db";
import { openTestDatabase, testBackends } from "@/lib/db/testing";
import * as one from "./[assetId]/route";

// The real route handler, called as Next calls it, on a real (test) database.
const get = (assetId: string) => one.GET(new Request(`http://planvas.test/api/assets/${assetId}`), { params: Promise.resolve({ assetId }) });
const OTHER = { id: "00000000-0000-4000-8000-0000000000cc", name: "Someone else" };
const png = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 1, 2, 255);

describe.each(testBackends)("assets API on %s", (backend) => {
  let db: Awaited<ReturnType<typeof openTestDatabase>>;
  beforeAll(async () => {
    db = await openTestDatabase(backend);
    await db.query("insert into auth.users (id) values ($1)", [OTHER.id]);
    setDatabase(db);
  });
  afterAll(async () => {
    setDatabase(undefined);
    await db?.drop();
  });

  it("serves the stored bytes with their type and safe, immutable caching", async () => {
    const stored = await assetStore(db, LOCAL_OWNER).put(png, "image/png");
    const res = await get(stored.id);
    expect(res.status).toBe(200);
    expect(Object.fromEntries(res.headers)).toMatchObject({
      "content-type": "image/png",
      "content-length": String(png.byteLength),
      "cache-control": "private, max-age=31536000, immutable",
      "x-content-type-options": "nosniff",
      "content-security-policy": "default-src 'none'; sandbox",
      "content-disposition": "inline",
    });
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(png);
  });

  it("serves each media type as stored", async () => {
    const stored = await assetStore(db, LOCAL_OWNER).put(Uint8Array.of(0xff, 0xd8, 0xff), "image/jpeg");
    expect((await get(stored.id)).headers.get("content-type")).toBe("image/jpeg");
  });

  it("answers 404 JSON for unknown, malformed and other users' ids", async () => {
    const theirs = await assetStore(db, OTHER).put(png, "image/png");
    for (const id of ["00000000-0000-4000-8000-00000000ffff", "nope", theirs.id]) {
      const res = await get(id);
      expect(res.status, id).toBe(404);
      expect(res.headers.get("content-type")).toMatch(/^application\/json/);
      expect(await res.json()).toEqual({
        error: `no asset with id "${id}"`,
        issues: [{ path: "assetId", message: id === "nope" ? "must be an id (uuid)" : "no asset has this id" }],
      });
    }
  });
});
