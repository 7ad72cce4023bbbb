// The browser's client for workspaces, tokens and the account: typed, with the server's own message.

export interface WorkspaceItem {
  id: string;
  name: string;
  personal: boolean;
  role: "owner" | "admin" | "editor" | "viewer";
}

export interface TokenItem {
  id: string;
  name: string;
  workspace: { id: string; name: string };
  createdAt: string;
  lastUsedAt: string | null;
}

/** A refused request: the server's message and the field it names, if any. */
export class RequestError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly path: string | null,
  ) {
    super(message);
    this.name = "RequestError";
  }
}

async function send<T>(url: string, method: string, json?: unknown): Promise<T> {
  const res = await fetch(url, {
    method,
    ...(json === undefined ? {} : { headers: { "content-type": "application/json" }, body: JSON.stringify(json) }),
  });
  if (res.status === 204) return undefined as T;
  const body = (await res.json().catch(() => ({}))) as { error?: string; issues?: { path?: string; message?: string }[] } & Record<string, unknown>;
  if (!res.ok) {
    const path = body.issues?.[0]?.path ?? null;
    throw new RequestError(body.error ?? `request failed (HTTP ${res.status})`, res.status, path && path !== "(request)" ? path : null);
  }
  return body as T;
}

export const createWorkspace = (name: string) => send<{ workspace: WorkspaceItem }>("/api/workspaces", "POST", { name }).then((b) => b.workspace);
export const switchWorkspace = (workspaceId: string) => send<{ workspace: WorkspaceItem }>("/api/workspace/current", "POST", { workspaceId });
export const listTokens = () => send<{ tokens: TokenItem[] }>("/api/tokens", "GET").then((b) => b.tokens);
export const createToken = (name: string, workspaceId?: string) =>
  send<TokenItem & { token: string }>("/api/tokens", "POST", { name, ...(workspaceId ? { workspaceId } : {}) });
export const revokeToken = (id: string) => send<void>(`/api/tokens/${encodeURIComponent(id)}`, "DELETE");
export const changePassword = (input: { currentPassword: string; newPassword: string; revokeOtherSessions: boolean }) =>
  send<{ changed: true }>("/api/account/password", "POST", input);
