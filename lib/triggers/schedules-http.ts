// The schedules API's answers, shared by the route handlers under app/api/schedules.
import { apiError } from "../http/json";
import { ScheduleError } from "./schedules";

/** A ScheduleError as its HTTP answer; anything else is rethrown (a 500 from `handle`). */
export function scheduleErrorResponse(e: unknown): Response {
  if (e instanceof ScheduleError) return apiError(e.status, e.message, e.issues.length ? e.issues : undefined);
  throw e;
}
