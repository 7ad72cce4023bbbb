import type { NoObjectGeneratedError } from "ai";
import { formatPath } from "../plan/path";

export class PlanningError extends Error {
  constructor(
    message: string,
    readonly issues: { path: string; message: string }[] = [],
    readonly notPlanned: { part: string; reason: string }[] = [],
  ) {
    super(message);
    this.name = "PlanningError";
  }
}

/** Why structured output failed, with the schema paths when the cause is a validation error. */
export function schemaFailure(e: NoObjectGeneratedError): string {
  let cause: unknown = e.cause;
  while (cause && typeof cause === "object") {
    const issues = (cause as { issues?: { path: PropertyKey[]; message: string }[] }).issues;
    if (Array.isArray(issues)) return issues.map((i) => `${formatPath(i.path)}: ${i.message}`).join("; ");
    cause = (cause as { cause?: unknown }).cause;
  }
  return e.message;
}
