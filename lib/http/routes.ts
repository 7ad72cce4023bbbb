// Every API route and the HTTP methods its route file exports. lib/http/guard.ts answers from this
// table before Next sees a request (405 with `Allow`, 400 naming an undecodable path parameter,
// 404 for a path no route has); app/api/api-fuzz.test.ts checks it against the route files, so
// adding a route or a method without listing it here fails the tests.

export interface ApiRoute {
  /** As the folders under app/api spell it: `/api/plans/[planId]`. */
  readonly path: string;
  /** The methods the route file exports. */
  readonly methods: readonly string[];
}

export const API_ROUTES: readonly ApiRoute[] = [
  { path: "/api/account/password", methods: ["POST"] },
  { path: "/api/assets/[assetId]", methods: ["GET"] },
  { path: "/api/documents", methods: ["GET", "POST"] },
  { path: "/api/documents/[documentId]", methods: ["GET", "DELETE"] },
  { path: "/api/health", methods: ["GET"] },
  { path: "/api/inbox", methods: ["GET"] },
  { path: "/api/inngest", methods: ["GET", "POST", "PUT"] },
  { path: "/api/invitations/[token]", methods: ["GET", "POST"] },
  { path: "/api/planner", methods: ["GET", "POST"] },
  { path: "/api/planner/edit", methods: ["POST"] },
  { path: "/api/plans", methods: ["GET", "POST"] },
  { path: "/api/plans/[planId]", methods: ["GET", "PUT", "DELETE"] },
  { path: "/api/plans/[planId]/versions", methods: ["GET"] },
  { path: "/api/plans/[planId]/versions/[version]", methods: ["GET"] },
  { path: "/api/runs", methods: ["GET", "POST"] },
  { path: "/api/runs/[runId]", methods: ["GET"] },
  { path: "/api/runs/[runId]/cancel", methods: ["POST"] },
  { path: "/api/runs/[runId]/events", methods: ["GET"] },
  { path: "/api/runs/[runId]/rerun", methods: ["POST"] },
  { path: "/api/runs/[runId]/steps/[stepId]/decision", methods: ["POST"] },
  { path: "/api/schedules", methods: ["GET", "POST"] },
  { path: "/api/schedules/[scheduleId]", methods: ["GET", "PATCH", "DELETE"] },
  { path: "/api/session", methods: ["GET", "POST", "DELETE"] },
  { path: "/api/setup", methods: ["GET", "POST"] },
  { path: "/api/templates", methods: ["GET", "POST"] },
  { path: "/api/templates/import", methods: ["POST"] },
  { path: "/api/templates/suggest", methods: ["POST"] },
  { path: "/api/templates/[templateId]", methods: ["GET"] },
  { path: "/api/templates/[templateId]/export", methods: ["GET"] },
  { path: "/api/templates/[templateId]/instantiate", methods: ["POST"] },
  { path: "/api/templates/[templateId]/versions", methods: ["POST"] },
  { path: "/api/templates/[templateId]/versions/[version]", methods: ["GET"] },
  { path: "/api/workspace/invitations", methods: ["POST"] },
  { path: "/api/workspace/invitations/[invitationId]", methods: ["DELETE"] },
  { path: "/api/workspace/members", methods: ["GET"] },
  { path: "/api/workspace/members/[userId]", methods: ["PATCH", "DELETE"] },
  { path: "/api/tokens", methods: ["GET", "POST"] },
  { path: "/api/tokens/[tokenId]", methods: ["DELETE"] },
  { path: "/api/workspace/current", methods: ["GET", "POST"] },
  { path: "/api/workspaces", methods: ["GET", "POST"] },
  { path: "/api/webhooks", methods: ["GET", "POST"] },
  { path: "/api/webhooks/[webhookId]", methods: ["GET", "PATCH", "DELETE"] },
  { path: "/api/webhooks/[webhookId]/rotate", methods: ["POST"] },
  { path: "/api/hooks/[hookToken]", methods: ["POST"] },
];

/** What a route answers: its own methods, HEAD with GET and OPTIONS (Next implements those two). */
export function allowedMethods(route: ApiRoute): string[] {
  const out = new Set(route.methods);
  if (out.has("GET")) out.add("HEAD");
  out.add("OPTIONS");
  return ["GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE"].filter((m) => out.has(m));
}

const segmentsOf = (path: string) => path.split("/").slice(1);

/**
 * The route a path (still percent-encoded, no query) belongs to, with the raw segment of each
 * parameter; null when no route has it. Static segments win over parameters, as in Next.
 */
export function matchApiRoute(pathname: string): { route: ApiRoute; params: Record<string, string> } | null {
  const parts = segmentsOf(pathname);
  let best: { route: ApiRoute; params: Record<string, string>; dynamic: number } | null = null;
  for (const route of API_ROUTES) {
    const pattern = segmentsOf(route.path);
    if (pattern.length !== parts.length) continue;
    const params: Record<string, string> = {};
    let dynamic = 0;
    const fits = pattern.every((p, i) => {
      const m = /^\[(\w+)\]$/.exec(p);
      if (!m) return p === parts[i];
      dynamic++;
      params[m[1]!] = parts[i]!;
      return parts[i] !== "";
    });
    if (fits && (!best || dynamic < best.dynamic)) best = { route, params, dynamic };
  }
  return best && { route: best.route, params: best.params };
}
