// The browser's client for the template endpoints.
import { ApiError } from "@/components/plans/api";
import type { Plan } from "@/lib/plan/schema";
import type { TemplateParam } from "@/lib/templates/params";

export interface TemplateCard {
  id: string;
  name: string;
  description: string;
  latestVersion: number;
  starter: boolean;
}

export interface TemplateDetail {
  templateId: string;
  version: number;
  plan: Plan;
  params: TemplateParam[];
  changeNote: string;
  example?: Record<string, unknown>;
}

async function call<T>(url: string, init?: RequestInit & { json?: unknown }): Promise<T> {
  const res = await fetch(url, {
    ...init,
    headers: init?.json !== undefined ? { "content-type": "application/json" } : undefined,
    body: init?.json !== undefined ? JSON.stringify(init.json) : undefined,
  });
  const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (!res.ok) throw new ApiError(typeof body.error === "string" ? body.error : `HTTP ${res.status}`, res.status, body);
  return body as T;
}

const url = (id: string) => `/api/templates/${encodeURIComponent(id)}`;

export const fetchTemplate = (id: string) => call<TemplateDetail>(url(id));

/** The plan a version makes with `params`; the server's 400 names each value that does not fit. */
export const instantiateTemplate = (id: string, version: number, params: Record<string, unknown>) =>
  call<{ plan: Plan; values: Record<string, unknown>; version: number }>(`${url(id)}/instantiate`, { method: "POST", json: { version, params } });

export const listTemplates = () => call<{ templates: TemplateCard[] }>("/api/templates").then((r) => r.templates);

export const fetchTemplateVersion = (id: string, version: number) => call<TemplateDetail>(`${url(id)}/versions/${version}`);

/** Publishes a plan with its parameters as a new template (version 1). */
export const publishTemplate = (body: { name: string; description: string; changeNote?: string; plan: Plan; params: TemplateParam[] }) =>
  call<{ id: string; version: number }>("/api/templates", { method: "POST", json: body });

/** The next version of a workspace template; 409 when someone published after `baseVersion`. */
export const publishTemplateVersion = (id: string, body: { plan: Plan; params: TemplateParam[]; changeNote: string; baseVersion: number }) =>
  call<{ version: number }>(`${url(id)}/versions`, { method: "POST", json: body });
