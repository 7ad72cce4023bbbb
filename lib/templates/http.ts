// The templates API's shapes and errors, shared by the route handlers under app/api/templates.
import { z } from "zod";
import { apiError, json } from "../http/json";
import { STARTERS, type StarterTemplate } from "./starters";
import { TemplateError, type TemplateSummary, type TemplateVersion } from "./store";

export const createTemplateBody = z
  .object({
    name: z.string().trim().min(1).max(120),
    description: z.string().max(2000).optional(),
    plan: z.unknown(),
    params: z.array(z.unknown()).max(50).default([]),
    changeNote: z.string().max(2000).optional(),
  })
  .strict();

export const publishBody = z
  .object({
    plan: z.unknown(),
    params: z.array(z.unknown()).max(50).default([]),
    changeNote: z.string().trim().min(1, "say what changed").max(2000),
    baseVersion: z.number().int().min(1),
  })
  .strict();

export const instantiateBody = z
  .object({
    version: z.number().int().min(1).optional(),
    params: z.record(z.string(), z.unknown()).default({}),
  })
  .strict();

export const starterBySlug = (slug: string): StarterTemplate | undefined => STARTERS.find((s) => s.slug === slug);

export const summaryJson = (t: TemplateSummary) => ({ ...t, updatedAt: t.updatedAt.toISOString(), starter: false });
export const starterJson = (s: StarterTemplate) => ({ id: s.slug, name: s.name, description: s.description, latestVersion: 1, starter: true });
export const versionJson = (v: TemplateVersion) => ({ ...v, createdAt: v.createdAt.toISOString() });
export const starterVersionJson = (s: StarterTemplate) => ({
  templateId: s.slug,
  version: 1,
  plan: s.plan,
  params: s.params,
  example: s.example,
  changeNote: "Ships with Planvas",
});

/** A TemplateError as its HTTP answer; anything else is rethrown (a 500 from `handle`). */
export function templateErrorResponse(e: unknown): Response {
  if (e instanceof TemplateError) return apiError(e.status, e.message, e.issues.length ? e.issues : undefined);
  throw e;
}

export { json };

/** The `template` a plan request may carry: which template version made the plan, with which values. */
export const templatePinBody = z
  .object({
    id: z.string().min(1).max(64),
    version: z.number().int().min(1),
    params: z.record(z.string(), z.unknown()).default({}),
  })
  .strict();
export type TemplatePinBody = z.output<typeof templatePinBody>;

/**
 * Parses and checks a pin: the template (a starter, or one the user can read) has that version.
 * The answer is the pin, or a 400 naming `template.*`.
 */
export async function checkPin(
  value: unknown,
  readVersion: (id: string, version: number) => Promise<unknown>,
): Promise<{ ok: true; pin: TemplatePinBody | null } | { ok: false; response: Response }> {
  if (value === undefined || value === null) return { ok: true, pin: null };
  const r = templatePinBody.safeParse(value);
  if (!r.success) {
    const i = r.error.issues[0]!;
    const path = ["template", ...i.path.map(String)].join(".");
    return { ok: false, response: apiError(400, `${path}: ${i.message}`, [{ path, message: i.message }]) };
  }
  const pin = r.data;
  const starter = starterBySlug(pin.id);
  let exists = starter ? pin.version === 1 : false;
  if (!starter)
    exists = await readVersion(pin.id, pin.version).then(
      () => true,
      (e: unknown) => {
        if (e instanceof TemplateError && e.status === 404) return false;
        throw e;
      },
    );
  if (!exists) {
    const message = `no template ${pin.id} version ${pin.version}`;
    return { ok: false, response: apiError(400, message, [{ path: "template", message }]) };
  }
  return { ok: true, pin };
}
