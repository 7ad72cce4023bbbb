// The browser's client for /api/schedules.
import { ApiError } from "@/components/plans/api";

export type ScheduleTarget = { kind: "plan"; planId: string; version: number | null } | { kind: "template"; templateId: string; version: number | null };
export type Overlap = "skip" | "queue" | "allow";

export interface ScheduleRow {
  id: string;
  name: string;
  target: ScheduleTarget;
  params: Record<string, unknown>;
  cron: string;
  timezone: string;
  overlap: Overlap;
  maxFailures: number;
  paused: boolean;
  pausedReason: string | null;
  nextFireAt: string | null;
  description: string;
  upcoming: string[];
  createdAt: string;
}

export interface FireRow {
  scheduledAt: string;
  status: "pending" | "queued" | "started" | "skipped" | "missed" | "failed";
  runId: string | null;
  runStatus: string | null;
  reason: string | null;
}

export interface NewSchedule {
  name: string;
  target: ScheduleTarget;
  params: Record<string, unknown>;
  cron: string;
  timezone: string;
  overlap: Overlap;
  maxFailures: number;
}

async function call<T>(url: string, init?: { method?: string; json?: unknown }): Promise<T> {
  const res = await fetch(url, {
    method: init?.method,
    cache: "no-store",
    headers: init?.json !== undefined ? { "content-type": "application/json" } : undefined,
    body: init?.json !== undefined ? JSON.stringify(init.json) : undefined,
  });
  if (res.status === 204) return undefined as T;
  const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (!res.ok) throw new ApiError(typeof body.error === "string" ? body.error : `HTTP ${res.status}`, res.status, body);
  return body as T;
}

const targetQuery = (t?: { planId?: string; templateId?: string }) =>
  t?.planId ? `?planId=${encodeURIComponent(t.planId)}` : t?.templateId ? `?templateId=${encodeURIComponent(t.templateId)}` : "";

export const listSchedules = (filter?: { planId?: string; templateId?: string }) =>
  call<{ schedules: ScheduleRow[] }>(`/api/schedules${targetQuery(filter)}`).then((r) => r.schedules);
export const createSchedule = (body: NewSchedule) => call<ScheduleRow>("/api/schedules", { method: "POST", json: body });
export const fetchSchedule = (id: string) => call<ScheduleRow & { fires: FireRow[] }>(`/api/schedules/${id}`);
export const updateSchedule = (id: string, patch: Partial<NewSchedule> & { paused?: boolean }) =>
  call<ScheduleRow>(`/api/schedules/${id}`, { method: "PATCH", json: patch });
export const deleteSchedule = (id: string) => call<void>(`/api/schedules/${id}`, { method: "DELETE" });
