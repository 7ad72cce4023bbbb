// A template as a file, to move it between workspaces or installations: the plan and its
// parameters, and nothing that belongs to this workspace — no template, workspace or member ids,
// no secrets. What had to be left out is listed in `notes`, so the importer knows what to set again.
import { z } from "zod";
import type { Plan, PlanStep } from "../plan/schema";
import type { TemplateParam } from "./params";

export const TEMPLATE_FILE_VERSION = 1;

/** Header names whose values are credentials: exported empty. */
const SECRET_HEADER = /^(authorization|proxy-authorization|cookie|x-api-key|api-key)$|token|secret|password|signature/i;

export interface TemplateFile {
  schemaVersion: typeof TEMPLATE_FILE_VERSION;
  kind: "planvas.template";
  name: string;
  description: string;
  /** The version exported, for the record; the import becomes version 1 of a new template. */
  exportedVersion: number;
  changeNote: string;
  params: TemplateParam[];
  plan: Plan;
  notes: string[];
}

function portableStep(step: PlanStep, at: number, notes: string[]): PlanStep {
  const out: PlanStep = structuredClone(step);
  if (out.approvalRule?.deciders.kind === "members") {
    // Members are people of this workspace: the gate falls back to any approver there.
    out.approvalRule = { ...out.approvalRule, deciders: { kind: "approvers" } };
    notes.push(`steps[${at}].approvalRule: the named deciders were left out (they are members of this workspace); any approver decides until you name others`);
  }
  const headers = out.input.headers;
  if (headers && typeof headers === "object" && !Array.isArray(headers)) {
    const kept: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(headers as Record<string, unknown>)) {
      if (SECRET_HEADER.test(k) && v !== "") {
        kept[k] = "";
        notes.push(`steps[${at}].input.headers.${k}: a credential, exported empty; set it again after importing`);
      } else kept[k] = v;
    }
    out.input = { ...out.input, headers: kept };
  }
  return out;
}

export function exportTemplate(t: {
  name: string;
  description: string;
  version: number;
  changeNote: string;
  plan: Plan;
  params: TemplateParam[];
}): TemplateFile {
  const notes: string[] = [];
  const plan: Plan = { ...t.plan, steps: t.plan.steps.map((s, i) => portableStep(s, i, notes)) };
  return {
    schemaVersion: TEMPLATE_FILE_VERSION,
    kind: "planvas.template",
    name: t.name,
    description: t.description,
    exportedVersion: t.version,
    changeNote: t.changeNote,
    params: t.params,
    plan,
    notes,
  };
}

/** The file's envelope; the plan and the parameters are checked as a publish checks them. */
export const templateFileSchema = z
  .object({
    schemaVersion: z.literal(TEMPLATE_FILE_VERSION, {
      error: `must be ${TEMPLATE_FILE_VERSION} (this Planvas reads template files of version ${TEMPLATE_FILE_VERSION})`,
    }),
    kind: z.literal("planvas.template", { error: 'must be "planvas.template"' }),
    name: z.string().trim().min(1, "must not be empty").max(120),
    description: z.string().max(2000).default(""),
    exportedVersion: z.number().int().min(1).optional(),
    changeNote: z.string().max(2000).optional(),
    params: z.array(z.unknown()).max(50).default([]),
    plan: z.unknown(),
    notes: z.array(z.string()).optional(),
  })
  .strict();

/** A filename for the download: `weekly-digest-v2.planvas-template.json`. */
export function templateFileName(name: string, version: number): string {
  const slug = name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
  return `${slug || "template"}-v${version}.planvas-template.json`;
}
