import { getCurrentUser } from "../auth";
import { getDb } from "../db";

/** The database and the acting user, for a run request. */
export async function runContext() {
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
