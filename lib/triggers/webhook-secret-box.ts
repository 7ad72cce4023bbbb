// Webhook signing secrets at rest. Verifying an HMAC needs the secret itself, so it cannot be kept
// as a hash the way API tokens are: it is sealed with AES-256-GCM under a server key and opened
// only by the delivery endpoint. The key is PLANVAS_WEBHOOK_KEY when set (any string of 32+
// characters; its SHA-256 is the key), else one generated on first use and kept in planvas_meta
// (server-only: RLS with no policies), like the local session secret (lib/auth/local/instance.ts).
// With the key outside the database, a leaked database dump gives no usable secret.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import type { Database } from "../db/client";
import { asService } from "../db/rls";

const VERSION = "v1";

export const newSigningSecret = (): string => `whsec_${randomBytes(32).toString("base64url")}`;
export const newHookToken = (): string => `pvh_${randomBytes(24).toString("base64url")}`;
/** What the UI may show of a secret to tell two apart: its last four characters. */
export const secretHint = (secret: string): string => `…${secret.slice(-4)}`;

export function sealSecret(key: Buffer, secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const sealed = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return [VERSION, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), sealed.toString("base64url")].join(".");
}

/** The secret, or an error saying the key changed (a box sealed under another key does not open). */
export function openSecret(key: Buffer, box: string): string {
  const [version, iv, tag, sealed] = box.split(".");
  if (version !== VERSION || !iv || !tag || !sealed) throw new Error("the webhook secret is stored in an unknown format");
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(sealed, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    throw new Error("the webhook secret cannot be opened: PLANVAS_WEBHOOK_KEY is not the key it was sealed with (rotate the webhook's secret)");
  }
}

export function keyFromEnv(env: Record<string, string | undefined> = process.env): Buffer | null {
  const raw = env.PLANVAS_WEBHOOK_KEY?.trim();
  if (!raw) return null;
  if (raw.length < 32) throw new Error("PLANVAS_WEBHOOK_KEY must be at least 32 characters (e.g. `openssl rand -base64 32`)");
  return createHash("sha256").update(raw, "utf8").digest();
}

const stored = new WeakMap<Database, Promise<Buffer>>();

/** The sealing key for `db`: PLANVAS_WEBHOOK_KEY, else the database's own generated one. */
export function webhookKey(db: Database): Promise<Buffer> {
  const fromEnv = keyFromEnv();
  if (fromEnv) return Promise.resolve(fromEnv);
  let key = stored.get(db);
  if (!key) {
    key = asService(db, async (tx) => {
      await tx.query("insert into public.planvas_meta (key, value) values ('webhook_key', $1) on conflict (key) do nothing", [
        JSON.stringify({ key: randomBytes(32).toString("base64url") }),
      ]);
      const [row] = await tx.query<{ value: { key: string } | string }>("select value from public.planvas_meta where key = 'webhook_key'");
      const value = typeof row!.value === "string" ? (JSON.parse(row!.value) as { key: string }) : row!.value;
      return Buffer.from(value.key, "base64url");
    });
    stored.set(db, key);
    key.catch(() => stored.delete(db));
  }
  return key;
}
