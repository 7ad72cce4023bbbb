// Ids from requests (path segments, query parameters, bodies), checked with the one rule in
// lib/ids.ts before anything reaches the database; a bad id is answered with a 404 naming the field.
import { z } from "zod";
import { isUuid, UUID_PATTERN } from "../ids";
import { STEP_ID_PATTERN } from "../plan/schema";
import { preview } from "../plan/path";
import { apiError } from "./json";

export { isUuid, isVersionNumber, MAX_INT4, UUID_PATTERN } from "../ids";

/** The same rule for a zod body schema. */
export const uuidSchema = (message = "must be an id (uuid)") => z.string().regex(UUID_PATTERN, message);

export type IdResult = { ok: true; id: string } | { ok: false; response: Response };

/**
 * A 404 naming the field: an unknown id and a malformed one are answered alike (a malformed id
 * names nothing). The echoed value is shortened and JSON-escaped, so NUL or lone surrogates in it
 * are harmless.
 */
export function notFound(field: string, what: string, value: string, message = `no ${what} has this id`): Response {
  return apiError(404, `no ${what} with id ${preview(value)}`, [{ path: field, message }]);
}

/** Checks the id in request field `field` (e.g. "planId", naming a `what` = "plan"). */
export function parseId(field: string, what: string, value: string | null | undefined): IdResult {
  if (isUuid(value)) return { ok: true, id: value };
  return { ok: false, response: notFound(field, what, value ?? "", "must be an id (uuid)") };
}

/** A step id in a path (`/steps/{stepId}/…`): the plan's step id pattern, else 404 naming it. */
export function parseStepId(value: string | null | undefined): IdResult {
  if (typeof value === "string" && STEP_ID_PATTERN.test(value)) return { ok: true, id: value };
  return {
    ok: false,
    response: apiError(404, `no step with id ${preview(value ?? "")}`, [{ path: "stepId", message: "must be a step id (1-64 letters, digits, '_' or '-')" }]),
  };
}
