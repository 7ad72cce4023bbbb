// Every request the members page and the invitation page make, with the server's error message
// (which names the rule: "only owners may do this; you are an admin") as the thrown Error's.
import type { Role } from "@/lib/workspaces/roles";

async function call<T>(url: string, init: RequestInit & { json?: unknown } = {}): Promise<T> {
  const { json, ...rest } = init;
  const res = await fetch(url, {
    ...rest,
    ...(json === undefined ? {} : { body: JSON.stringify(json), headers: { "content-type": "application/json" } }),
  });
  if (res.status === 204) return undefined as T;
  const body = (await res.json().catch(() => ({}))) as T & { error?: string; issues?: { path: string; message: string }[] };
  if (!res.ok) throw Object.assign(new Error(body.error ?? `HTTP ${res.status}`), { status: res.status, issues: body.issues ?? [] });
  return body;
}

export type ApiFailure = Error & { status?: number; issues?: { path: string; message: string }[] };

export const updateMember = (userId: string, change: { role?: Role; approver?: boolean }) =>
  call<{ userId: string; role: Role; approver: boolean }>(`/api/workspace/members/${userId}`, { method: "PATCH", json: change });

export const removeMember = (userId: string) => call<void>(`/api/workspace/members/${userId}`, { method: "DELETE" });

export const createInvitation = (input: { role: Exclude<Role, "owner">; approver: boolean; email?: string }) =>
  call<{ id: string; url: string; expiresAt: string }>("/api/workspace/invitations", { method: "POST", json: input });

export const revokeInvitation = (id: string) => call<void>(`/api/workspace/invitations/${id}`, { method: "DELETE" });

export const acceptInvitation = (token: string, account?: { name: string; email: string; password: string }) =>
  call<{ workspaceId: string }>(`/api/invitations/${token}`, { method: "POST", json: account ?? {} });
