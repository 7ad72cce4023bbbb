import type { DocumentApiDocument, DocumentApiSummary } from "@/lib/knowledge/http";

/** The server's own message (`{"error"}`), or the status when the body is not JSON. */
async function failure(res: Response): Promise<Error> {
  try {
    const body = (await res.json()) as { error?: string };
    return new Error(body.error ?? `request failed (HTTP ${res.status})`);
  } catch {
    return new Error(`request failed (HTTP ${res.status})`);
  }
}

export async function searchDocuments(q: string, signal?: AbortSignal): Promise<DocumentApiSummary[]> {
  const res = await fetch(`/api/documents?${new URLSearchParams({ q, limit: "50" })}`, { signal });
  if (!res.ok) throw await failure(res);
  return ((await res.json()) as { documents: DocumentApiSummary[] }).documents;
}

export async function fetchDocument(id: string, signal?: AbortSignal): Promise<DocumentApiDocument> {
  const res = await fetch(`/api/documents/${encodeURIComponent(id)}`, { signal });
  if (!res.ok) throw await failure(res);
  return (await res.json()) as DocumentApiDocument;
}

/** JSON `{title, content, format}` or `{url}`, or a FormData upload. */
export async function createDocument(body: Record<string, unknown> | FormData): Promise<{ id: string }> {
  const res =
    body instanceof FormData
      ? await fetch("/api/documents", { method: "POST", body })
      : await fetch("/api/documents", { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json" } });
  if (!res.ok) throw await failure(res);
  return (await res.json()) as { id: string };
}

export async function deleteDocument(id: string): Promise<void> {
  const res = await fetch(`/api/documents/${encodeURIComponent(id)}`, { method: "DELETE" });
  if (!res.ok && res.status !== 404) throw await failure(res);
}
