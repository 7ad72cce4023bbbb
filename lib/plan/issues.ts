import type { z } from "zod";
import { formatPath, preview, valueAt } from "./path";

/**
 * A zod issue as people read it: the path in the document, and the expectation together with
 * what was actually there, so the bad value can be found.
 */
export function describeZodIssue(issue: z.core.$ZodIssue, input: unknown): { path: string; message: string } {
  const path = formatPath(issue.path);
  if (issue.code === "unrecognized_keys") {
    return { path, message: `unknown field${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `"${k}"`).join(", ")}` };
  }
  const value = valueAt(input, issue.path);
  if (value === undefined) return { path, message: "is required" };
  if (value !== undefined && ["invalid_type", "invalid_value", "invalid_format", "too_small", "too_big"].includes(issue.code)) {
    return { path, message: `${issue.message} (got ${preview(value)})` };
  }
  return { path, message: issue.message };
}
