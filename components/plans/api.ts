// The browser's client for the plan endpoints: every request the UI makes about plans, versions,
// the planner and starting a run goes through here, typed, with the server's own error message.
import type { Plan } from "@/lib/plan/schema";
import type { NotPlannedPart } from "@/lib/planner/schema";

/** A request the server answered with an error: its message (`{"error"}`) and status. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly body: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** Saving on top of a version that is no longer the latest (HTTP 409). */
export class ConflictError extends ApiError {
  constructor(
    message: string,
    readonly latestVersion: number | undefined,
    body: Record<string, unknown>,
  ) {
    super(message, 409, body);
    this.name = "ConflictError";
  }
}

async function bodyOf(res: Response): Promise<Record<string, unknown>> {
  try {
    const b = (await res.json()) as unknown;
    return b && typeof b === "object" ? (b as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** The server's own message, or the status when the body is not JSON. */
async function failure(res: Response): Promise<ApiError> {
  const body = await bodyOf(res);
  const message = typeof body.error === "string" ? body.error : `HTTP ${res.status}`;
  if (res.status === 409) return new ConflictError(message, typeof body.latestVersion === "number" ? body.latestVersion : undefined, body);
  return new ApiError(message, res.status, body);
}

async function request<T>(url: string, init: RequestInit & { json?: unknown } = {}): Promise<T> {
  const { json, headers, ...rest } = init;
  const res = await fetch(url, {
    ...rest,
    headers: { ...(json !== undefined ? { "content-type": "application/json" } : {}), ...(headers as Record<string, string> | undefined) },
    ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
  });
  if (!res.ok) throw await failure(res);
  return (await bodyOf(res)) as T;
}

const planUrl = (planId: string) => `/api/plans/${encodeURIComponent(planId)}`;

export interface SavedVersion {
  id: string;
  version: number;
}

/** The fields of a saved answer that the editor needs, refusing an answer without them. */
function saved(body: Partial<SavedVersion>, status = 200): SavedVersion {
  if (!body.id || !body.version) throw new ApiError(`HTTP ${status}`, status, body as Record<string, unknown>);
  return { id: body.id, version: body.version };
}

/** The template version a plan was made from, and the parameter values it was made with. */
export interface TemplatePin {
  id: string;
  version: number;
  params: Record<string, unknown>;
}

/** A new plan (version 1), pinned to the template it was made from when there is one. */
export async function createPlan(plan: Plan, template?: TemplatePin): Promise<SavedVersion> {
  return saved(await request<Partial<SavedVersion>>("/api/plans", { method: "POST", json: template ? { ...plan, template } : plan }), 201);
}

/** A new version of a plan; throws ConflictError when `baseVersion` is not the latest. `template` re-pins it. */
export async function savePlanVersion(planId: string, plan: Plan, baseVersion: number | null, template?: TemplatePin): Promise<SavedVersion> {
  return saved(await request<Partial<SavedVersion>>(planUrl(planId), { method: "PUT", json: { plan, baseVersion, ...(template ? { template } : {}) } }));
}

/** Deletes a plan with its versions and runs; a plan already gone counts as deleted. */
export async function deletePlan(planId: string): Promise<void> {
  const res = await fetch(planUrl(planId), { method: "DELETE" });
  if (!res.ok && res.status !== 404) throw await failure(res);
}

export interface VersionRow {
  version: number;
  title: string;
  stepCount: number;
  createdAt: string;
  createdBy: { id: string; name: string | null } | null;
}

export async function listVersions(planId: string): Promise<VersionRow[]> {
  const body = await request<{ versions?: VersionRow[] }>(`${planUrl(planId)}/versions`, { cache: "no-store" });
  if (!body.versions) throw new ApiError("the server listed no versions", 200);
  return body.versions;
}

export async function fetchVersion(planId: string, version: number): Promise<Plan> {
  const body = await request<{ plan?: Plan }>(`${planUrl(planId)}/versions/${version}`, { cache: "no-store" });
  if (!body.plan) throw new ApiError("the server sent no plan", 200);
  return body.plan;
}

/** The planner endpoint; `useObject` streams from it (goal → plan on the canvas). */
export const PLANNER_URL = "/api/planner";

/** Which model the planner uses, in words (null when the server does not say). */
export async function plannerModel(): Promise<string | null> {
  const body = await request<{ description?: string }>(PLANNER_URL, { cache: "no-store" });
  return body.description ?? null;
}

/** A whole plan for a goal (not streamed), and the parts of the goal it could not plan. */
export async function planGoal(goal: string): Promise<{ plan: Plan; notPlanned: NotPlannedPart[] }> {
  const body = await request<{ plan?: Plan; notPlanned?: NotPlannedPart[] }>(PLANNER_URL, {
    method: "POST",
    json: { goal },
    headers: { accept: "application/json" },
  });
  if (!body.plan) throw new ApiError("the planner returned no plan", 200);
  return { plan: body.plan, notPlanned: body.notPlanned ?? [] };
}

/** The AI's proposal for changing `plan` as `instruction` says. */
export async function proposeEdit(plan: Plan, instruction: string): Promise<{ proposal: Plan; summary: string }> {
  const body = await request<{ proposal?: Plan; summary?: string }>(`${PLANNER_URL}/edit`, { method: "POST", json: { plan, instruction } });
  if (!body.proposal) throw new ApiError("the planner proposed nothing", 200);
  return { proposal: body.proposal, summary: body.summary ?? "" };
}

/**
 * Starts a run of a saved version. `idempotencyKey` comes from `useIdempotencyKey`: every request
 * for one intent carries the same key, so the server starts one run.
 */
export async function startRun(planId: string, version: number, idempotencyKey: string): Promise<{ runId: string }> {
  const body = await request<{ runId?: string }>("/api/runs", { method: "POST", json: { planId, version }, headers: { "idempotency-key": idempotencyKey } });
  if (!body.runId) throw new ApiError("the server started no run", 200);
  return { runId: body.runId };
}

/** Runs a template version with values: the server makes a plan pinned to it and runs that. */
export async function runTemplate(templateId: string, version: number, params: Record<string, unknown>, idempotencyKey: string): Promise<{ runId: string }> {
  const body = await request<{ runId?: string }>("/api/runs", {
    method: "POST",
    json: { templateId, version, params },
    headers: { "idempotency-key": idempotencyKey },
  });
  if (!body.runId) throw new ApiError("the server started no run", 200);
  return { runId: body.runId };
}

/** Everything above, as one object: the editor's store takes it, so tests can pass a fake. */
export const plansApi = { createPlan, savePlanVersion, deletePlan, listVersions, fetchVersion, plannerModel, planGoal, proposeEdit, startRun };
export type PlansApi = typeof plansApi;
