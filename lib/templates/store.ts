// Templates in a workspace: publish (v1, then v2, v3 … with a change note), read a version, list,
// and make a plan from a version. Everything runs as the acting user, so RLS decides who may publish
// (editors and up) and who may see (members); the checks here name what is wrong with the content.
import type { Database, RawSql } from "../db/client";
import { asUserSql } from "../db/rls";
import { isUuid } from "../ids";
import { validatePlan, type Plan } from "../plan";
import { instantiate, templateParamSchema, typeParams, type ParamProblem, type TemplateParam } from "./params";
import { STARTERS } from "./starters";

export class TemplateError extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 409,
    message: string,
    readonly issues: ParamProblem[] = [],
  ) {
    super(message);
    this.name = "TemplateError";
  }
}

export interface TemplateSummary {
  id: string;
  workspaceId: string;
  name: string;
  description: string;
  latestVersion: number;
  updatedAt: Date;
}

export interface TemplateVersion {
  templateId: string;
  version: number;
  plan: Plan;
  params: TemplateParam[];
  changeNote: string;
  createdAt: Date;
}

/** The plan and parameters of a publish, checked together: the plan is valid and every parameter fits what it feeds. */
function checkContent(planInput: unknown, paramsInput: unknown): { plan: Plan; params: TemplateParam[] } {
  const v = validatePlan(planInput);
  if (!v.ok)
    throw new TemplateError(
      400,
      "the plan is not valid",
      v.issues.map((i) => ({ path: `plan.${i.path}`, message: i.message })),
    );
  if (!Array.isArray(paramsInput)) throw new TemplateError(400, "params must be a list", [{ path: "params", message: "a list of parameters expected" }]);
  const params: TemplateParam[] = [];
  const issues: ParamProblem[] = [];
  paramsInput.forEach((p, i) => {
    const r = templateParamSchema.safeParse(p);
    if (r.success) params.push(r.data);
    else
      for (const issue of r.error.issues)
        issues.push({ path: `params[${i}]${issue.path.map((k) => (typeof k === "number" ? `[${k}]` : `.${String(k)}`)).join("")}`, message: issue.message });
  });
  if (!issues.length) issues.push(...typeParams(v.plan, params).problems);
  if (issues.length) throw new TemplateError(400, "the parameters do not fit the plan", issues);
  return { plan: v.plan, params };
}

const rlsRefusal = (e: unknown, message: string) => (e instanceof Error && /row-level security/.test(e.message) ? new TemplateError(403, message) : e);

export async function createTemplate(
  db: Database,
  user: { id: string },
  input: { workspaceId: string; name: string; description?: string; plan: unknown; params: unknown; changeNote?: string },
): Promise<{ id: string; version: 1 }> {
  const { plan, params } = checkContent(input.plan, input.params);
  try {
    return await asUserSql(db, user, async (tx) => {
      const [row] = await tx.query<{ id: string }>(
        "insert into public.templates (workspace_id, name, description, latest_version, created_by) values ($1, $2, $3, 1, $4) returning id",
        [input.workspaceId, input.name.trim(), input.description ?? "", user.id],
      );
      await insertVersion(tx, row!.id, 1, plan, params, input.changeNote ?? "First version", user.id);
      return { id: row!.id, version: 1 as const };
    });
  } catch (e) {
    throw rlsRefusal(e, "only editors, admins and owners of this workspace may publish templates");
  }
}

function insertVersion(tx: RawSql, templateId: string, version: number, plan: Plan, params: TemplateParam[], changeNote: string, userId: string) {
  return tx.query("insert into public.template_versions (template_id, version, plan, params, change_note, created_by) values ($1, $2, $3, $4, $5, $6)", [
    templateId,
    version,
    JSON.stringify(plan),
    JSON.stringify(params),
    changeNote,
    userId,
  ]);
}

/**
 * Publishes the next version. `baseVersion` is the version the publisher started from: when
 * someone published in between, the answer is 409 with the latest version (nothing is overwritten).
 */
export async function publishVersion(
  db: Database,
  user: { id: string },
  templateId: string,
  input: { plan: unknown; params: unknown; changeNote: string; baseVersion: number },
): Promise<{ version: number }> {
  if (!isUuid(templateId)) throw new TemplateError(404, "no such template");
  const { plan, params } = checkContent(input.plan, input.params);
  try {
    return await asUserSql(db, user, async (tx) => {
      // The update claims the next number and locks the row; a concurrent publisher's update then
      // finds the base moved and claims nothing (409). Members without the editor role update nothing (403).
      const [claimed] = await tx.query<{ latest_version: number }>(
        "update public.templates set latest_version = latest_version + 1, updated_at = now() where id = $1 and latest_version = $2 returning latest_version",
        [templateId, input.baseVersion],
      );
      if (!claimed) {
        const [t] = await tx.query<{ latest_version: number }>("select latest_version from public.templates where id = $1", [templateId]);
        if (!t) throw new TemplateError(404, "no such template");
        if (t.latest_version !== input.baseVersion)
          throw new TemplateError(409, `version ${t.latest_version} was published since version ${input.baseVersion}; start from it`);
        throw new TemplateError(403, "only editors, admins and owners of this workspace may publish templates");
      }
      const version = claimed.latest_version;
      await insertVersion(tx, templateId, version, plan, params, input.changeNote, user.id);
      return { version };
    });
  } catch (e) {
    throw rlsRefusal(e, "only editors, admins and owners of this workspace may publish templates");
  }
}

export async function listTemplates(db: Database, user: { id: string }, workspaceId?: string): Promise<TemplateSummary[]> {
  const rows = await asUserSql(db, user, (tx) =>
    tx.query<{ id: string; workspace_id: string; name: string; description: string; latest_version: number; updated_at: Date | string }>(
      `select id, workspace_id, name, description, latest_version, updated_at from public.templates
       where ($1::uuid is null or workspace_id = $1::uuid) order by updated_at desc, name`,
      [workspaceId ?? null],
    ),
  );
  return rows.map((r) => ({
    id: r.id,
    workspaceId: r.workspace_id,
    name: r.name,
    description: r.description,
    latestVersion: r.latest_version,
    updatedAt: new Date(r.updated_at),
  }));
}

/** One template's summary (name, description, latest version), as the user may see it. */
export async function getTemplate(db: Database, user: { id: string }, templateId: string): Promise<TemplateSummary> {
  if (!isUuid(templateId)) throw new TemplateError(404, "no such template");
  const [found] = (await listTemplates(db, user)).filter((t) => t.id === templateId);
  if (!found) throw new TemplateError(404, "no such template");
  return found;
}

export async function getVersion(db: Database, user: { id: string }, templateId: string, version?: number): Promise<TemplateVersion> {
  if (!isUuid(templateId)) throw new TemplateError(404, "no such template");
  const [row] = await asUserSql(db, user, (tx) =>
    tx.query<{ template_id: string; version: number; plan: Plan | string; params: TemplateParam[] | string; change_note: string; created_at: Date | string }>(
      `select v.template_id, v.version, v.plan, v.params, v.change_note, v.created_at from public.template_versions v
       where v.template_id = $1 and v.version = coalesce($2::int, (select t.latest_version from public.templates t where t.id = $1))`,
      [templateId, version ?? null],
    ),
  );
  if (!row) throw new TemplateError(404, version ? `template ${templateId} has no version ${version}` : "no such template");
  const json = <T>(v: T | string): T => (typeof v === "string" ? (JSON.parse(v) as T) : v);
  return {
    templateId: row.template_id,
    version: row.version,
    plan: json(row.plan),
    params: json(row.params),
    changeNote: row.change_note,
    createdAt: new Date(row.created_at),
  };
}

/** The plan a version makes with `values`; 400 naming each parameter that does not fit. */
export async function planFromTemplate(db: Database, user: { id: string }, templateId: string, version: number | undefined, values: Record<string, unknown>) {
  const v = await getVersion(db, user, templateId, version);
  const r = instantiate(v.plan, v.params, values);
  if (r.problems.length) throw new TemplateError(400, "the parameter values do not fit", r.problems);
  return { plan: r.plan, values: r.values, version: v.version };
}

/**
 * The plan any template makes — a workspace template's version, or a starter (version 1) — with
 * `values`; 404 for an unknown template or version, 400 naming each value that does not fit.
 */
export async function instantiateTemplate(
  db: Database,
  user: { id: string },
  templateId: string,
  version: number | undefined,
  values: Record<string, unknown>,
): Promise<{ plan: Plan; values: Record<string, unknown>; version: number }> {
  const starter = STARTERS.find((s) => s.slug === templateId);
  if (!starter) return planFromTemplate(db, user, templateId, version, values);
  if (version !== undefined && version !== 1)
    throw new TemplateError(404, `starter template ${templateId} has only version 1`, [{ path: "version", message: "1" }]);
  const v = validatePlan(starter.plan);
  if (!v.ok) throw new Error(`starter template ${templateId} is not a valid plan`); // lib/templates/starters.test.ts keeps this from happening
  const made = instantiate(v.plan, starter.params, values);
  if (made.problems.length) throw new TemplateError(400, "the parameter values do not fit", made.problems);
  return { plan: made.plan, values: made.values, version: 1 };
}
