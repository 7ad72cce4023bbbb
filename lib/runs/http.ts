import { apiError } from "../http/json";
import { getCurrentUser } from "../auth";
import { getDb } from "../db";

/** The database and the acting user of a request (route handlers and pages). */
export async function dbAndUser() {
  const [db, user] = await Promise.all([getDb(), getCurrentUser()]);
  return { db, user };
}

/** Sends an engine event; a failure is reported to the caller rather than left for later. */
export async function sendEvent(send: () => Promise<unknown>): Promise<string | null> {
  try {
    await send();
    return null;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

const KEY = /^[\x21-\x7e]{1,255}$/;

/**
 * The request's Idempotency-Key header (optional): 1–255 visible ASCII characters. The same key
 * from the same user within 24 hours answers with the run it started instead of starting another.
 */
export function idempotencyKeyOf(req: Request): { ok: true; key: string | undefined } | { ok: false; response: Response } {
  const key = req.headers.get("idempotency-key");
  if (key === null) return { ok: true, key: undefined };
  if (KEY.test(key)) return { ok: true, key };
  const message = "must be 1 to 255 visible ASCII characters (e.g. a UUID)";
  return { ok: false, response: apiError(400, `invalid Idempotency-Key header: ${message}`, [{ path: "headers.Idempotency-Key", message }]) };
}

/**
 * The event that starts a run, with an id derived from the run: Inngest (and the embedded runner)
 * ignore a second event with the same id, so sending it again never starts the run twice.
 */
export const runRequestedEventId = (runId: string) => `plan-run-${runId}`;
