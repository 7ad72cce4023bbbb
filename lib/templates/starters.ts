// Browser-safe: the starter templates shipped with the app (the gallery shows them beside the
// workspace's own). Data in ./starters/starters.json; lib/templates/starters.test.ts checks every one
// is a valid plan whose parameters fit, makes a valid plan from its example values, and gates what
// it publishes.
import { z } from "zod";
import { planSchema, type PlanInput } from "../plan/schema";
import { templateParamSchema, type TemplateParam } from "./params";
import data from "./starters/starters.json";

const starterSchema = z
  .object({
    slug: z.string().regex(/^[a-z0-9-]{3,60}$/),
    name: z.string().min(1).max(120),
    description: z.string().max(500),
    params: z.array(templateParamSchema),
    example: z.record(z.string(), z.unknown()),
    plan: planSchema,
  })
  .strict();

export interface StarterTemplate {
  slug: string;
  name: string;
  description: string;
  params: TemplateParam[];
  /** Values a preview and the tests use. */
  example: Record<string, unknown>;
  plan: PlanInput;
}

export const STARTERS: readonly StarterTemplate[] = z.array(starterSchema).parse(data);
