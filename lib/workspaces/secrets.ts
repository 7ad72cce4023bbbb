// Random secrets handed to people once (invitation links, API tokens) and stored only as sha-256:
// a leaked database gives no usable link or token. 32 random bytes, base64url, with a prefix that
// says what it is (so a token pasted in the wrong place is recognisable, and secret scanners match it).
import { createHash, randomBytes } from "node:crypto";

export type SecretKind = "invite" | "token";
const PREFIX: Record<SecretKind, string> = { invite: "pvi_", token: "pvt_" };
const SHAPE = /^pv[it]_[A-Za-z0-9_-]{43}$/;

export function newSecret(kind: SecretKind): { secret: string; hash: string } {
  const secret = `${PREFIX[kind]}${randomBytes(32).toString("base64url")}`;
  return { secret, hash: hashSecret(secret) };
}

export const hashSecret = (secret: string): string => createHash("sha256").update(secret, "utf8").digest("hex");

/** Whether `value` has the shape of a secret of `kind` (checked before any lookup). */
export const isSecret = (value: string, kind: SecretKind): boolean => SHAPE.test(value) && value.startsWith(PREFIX[kind]);
