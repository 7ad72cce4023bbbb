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
