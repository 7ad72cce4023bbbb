// How a delivery's JSON payload becomes the run's parameter values. Without a mapping the payload's
// top-level keys are the parameter names (an unknown key is a 400 naming `params.<key>`); with a
// mapping `{ "<param>": "$.path.in.payload" }` each parameter takes the value at its path and the
// rest of the payload is ignored — for senders whose payload is not yours to shape (GitHub, Stripe).
// Fixed values set on the webhook fill what the payload leaves out. Pure.
import { z } from "zod";
import { PARAM_NAME } from "../templates/params";

/** `$`, `$.a.b`, `$.items[0].name`, `$["odd key"]`: a small, documented subset of JSONPath. */
const PATH = /^\$(?:\.[A-Za-z_][A-Za-z0-9_-]*|\[\d{1,6}\]|\["[^"\\]{1,100}"\])*$/;

export const payloadPathSchema = z.string().max(300).regex(PATH, 'must be a path like "$.order.id" or "$.items[0].name"');
export const mappingSchema = z
  .record(z.string().regex(PARAM_NAME, "must be a parameter name"), payloadPathSchema)
  .refine((m) => Object.keys(m).length <= 50, "at most 50 mapped parameters");
export type PayloadMapping = z.output<typeof mappingSchema>;

const SEGMENT = /\.([A-Za-z_][A-Za-z0-9_-]*)|\[(\d+)\]|\["([^"\\]+)"\]/g;

/** The value at `path` in `payload`, or undefined when the path leads nowhere. */
export function valueAt(payload: unknown, path: string): unknown {
  let cur: unknown = payload;
  for (const m of path.slice(1).matchAll(SEGMENT)) {
    const key = m[1] ?? m[3];
    if (key !== undefined) {
      if (!cur || typeof cur !== "object" || Array.isArray(cur) || !Object.hasOwn(cur, key)) return undefined;
      cur = (cur as Record<string, unknown>)[key];
    } else {
      const index = Number(m[2]);
      if (!Array.isArray(cur) || index >= cur.length) return undefined;
      cur = cur[index];
    }
  }
  return cur;
}

/** The parameter values a delivery fires with (before the target checks their types). */
export function paramsFromPayload(payload: Record<string, unknown>, mapping: PayloadMapping | null, fixed: Record<string, unknown>): Record<string, unknown> {
  if (!mapping) return { ...fixed, ...payload };
  const values: Record<string, unknown> = { ...fixed };
  for (const [param, path] of Object.entries(mapping)) {
    const value = valueAt(payload, path);
    if (value !== undefined) values[param] = value;
  }
  return values;
}
