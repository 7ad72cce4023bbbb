// `planvas template list|show|use|run`: the templates of a running Planvas server, used from the
// shell. Parameter values come as `--param key=value`; a value that reads as JSON (8, true, "x")
// is that value, anything else is text.
import { parseArgs } from "node:util";
import { failed, type Api, type Issues, type Out } from "./api-answers";

export class TemplateUsageError extends Error {
  override name = "TemplateUsageError";
}

export function parseParams(pairs: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf("=");
    if (eq < 1) throw new TemplateUsageError(`--param needs key=value (got "${pair}")`);
    const key = pair.slice(0, eq);
    const raw = pair.slice(eq + 1);
    let value: unknown = raw;
    try {
      const parsed = JSON.parse(raw) as unknown;
      if (typeof parsed !== "object" || parsed === null) value = parsed;
    } catch {
      // text
    }
    out[key] = value;
  }
  return out;
}

/** Runs a template subcommand. `startRun` starts a run of a saved plan (the `run` command's code). */
export async function template(args: string[], out: Out, api: Api, startRun: (planId: string, follow: boolean) => Promise<number>): Promise<number> {
  const [sub, ...rest] = args;
  const { values, positionals } = parseArgs({
    args: rest,
    options: {
      param: { type: "string", multiple: true, default: [] },
      version: { type: "string" },
      json: { type: "boolean", default: false },
      follow: { type: "boolean", default: false },
      url: { type: "string" },
    },
    allowPositionals: true,
  });
  const id = positionals[0];
  const version = values.version === undefined ? undefined : Number(values.version);
  if (version !== undefined && !(Number.isInteger(version) && version > 0))
    throw new TemplateUsageError(`--version must be a positive integer (got "${values.version}")`);
  switch (sub) {
    case "list": {
      const res = await api<{ templates: { id: string; name: string; latestVersion: number; starter: boolean }[] } & Issues>("/api/templates");
      if (res.status !== 200) return failed(out, "could not list templates", res);
      if (values.json) out.log(JSON.stringify(res.body.templates, null, 2));
      else for (const t of res.body.templates) out.log(`${t.id}  ${t.name}${t.starter ? "  (starter)" : `  v${t.latestVersion}`}`);
      return 0;
    }
    case "show": {
      if (!id) throw new TemplateUsageError("template show needs a template id: planvas template show research-brief");
      const path = `/api/templates/${encodeURIComponent(id)}${version ? `/versions/${version}` : ""}`;
      const res = await api<
        {
          version: number;
          plan: { title: string; steps: { id?: string; toolName: string }[] };
          params: { name: string; label: string; required?: boolean; default?: unknown }[];
        } & Issues
      >(path);
      if (res.status !== 200) return failed(out, `no template ${id}`, res);
      if (values.json) {
        out.log(JSON.stringify(res.body, null, 2));
        return 0;
      }
      out.log(`${res.body.plan.title} (version ${res.body.version})`);
      out.log(`steps: ${res.body.plan.steps.map((s) => s.id ?? s.toolName).join(" → ")}`);
      for (const p of res.body.params)
        out.log(
          `  --param ${p.name}=…  ${p.label}${p.required === false ? " (optional)" : ""}${p.default !== undefined ? `, default ${JSON.stringify(p.default)}` : ""}`,
        );
      return 0;
    }
    case "use":
    case "run": {
      if (!id) throw new TemplateUsageError(`template ${sub} needs a template id: planvas template ${sub} research-brief --param question="…"`);
      const made = await api<{ plan: { title: string }; version: number; values: Record<string, unknown> } & Issues>(
        `/api/templates/${encodeURIComponent(id)}/instantiate`,
        {
          method: "POST",
          body: JSON.stringify({ ...(version ? { version } : {}), params: parseParams(values.param ?? []) }),
        },
      );
      if (made.status !== 200) return failed(out, "the parameters do not fit", made);
      // Pinned to the version and values, so the editor can offer the template's later versions as an upgrade.
      const template = { id, version: made.body.version, params: made.body.values };
      const saved = await api<{ id?: string } & Issues>("/api/plans", { method: "POST", body: JSON.stringify({ ...made.body.plan, template }) });
      if (saved.status !== 201 || !saved.body.id) return failed(out, "could not save the plan", saved);
      out.log(`saved plan ${saved.body.id} "${made.body.plan.title}" from ${id} version ${made.body.version}`);
      return sub === "run" ? startRun(saved.body.id, values.follow ?? false) : 0;
    }
    default:
      throw new TemplateUsageError(`template needs list, show, use or run (got ${sub === undefined ? "nothing" : `"${sub}"`})`);
  }
}
