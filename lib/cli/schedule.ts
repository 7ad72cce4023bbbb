// `planvas schedule create|list|pause|resume`: the schedules of a running Planvas server.
//   planvas schedule create --template research-brief --cron "0 9 * * 1" --tz Europe/Lisbon --param question="…"
//   planvas schedule create --plan <planId> [--version N] --cron "*/30 * * * *"
import { parseArgs } from "node:util";
import { failed, targetText, type Api, type Issues, type Out } from "./api-answers";
import { parseParams } from "./template";

type ScheduleJson = {
  id: string;
  name: string;
  description: string;
  paused: boolean;
  pausedReason: string | null;
  nextFireAt: string | null;
  overlap: string;
  target: { kind: "plan"; planId: string; version: number | null } | { kind: "template"; templateId: string; version: number | null };
};

export class ScheduleUsageError extends Error {
  override name = "ScheduleUsageError";
}

function line(s: ScheduleJson): string {
  const state = s.paused ? `paused${s.pausedReason ? `: ${s.pausedReason}` : ""}` : `next ${s.nextFireAt ?? "never"}`;
  return `${s.id}  ${s.name}  ${s.description}  ${targetText(s.target)}  [${state}]`;
}

export async function schedule(args: string[], out: Out, api: Api): Promise<number> {
  const [sub, ...rest] = args;
  const { values, positionals } = parseArgs({
    args: rest,
    options: {
      plan: { type: "string" },
      template: { type: "string" },
      version: { type: "string" },
      cron: { type: "string" },
      tz: { type: "string" },
      name: { type: "string" },
      param: { type: "string", multiple: true, default: [] },
      overlap: { type: "string" },
      "max-failures": { type: "string" },
      json: { type: "boolean", default: false },
      url: { type: "string" },
    },
    allowPositionals: true,
  });
  switch (sub) {
    case "list": {
      const res = await api<{ schedules: ScheduleJson[] } & Issues>("/api/schedules");
      if (res.status !== 200) return failed(out, "could not list schedules", res);
      if (values.json) out.log(JSON.stringify(res.body.schedules, null, 2));
      else if (!res.body.schedules.length) out.log("no schedules in this workspace");
      else for (const s of res.body.schedules) out.log(line(s));
      return 0;
    }
    case "create": {
      if (!values.cron) throw new ScheduleUsageError('schedule create needs --cron, e.g. --cron "0 9 * * 1"');
      if (Boolean(values.plan) === Boolean(values.template))
        throw new ScheduleUsageError("schedule create needs one of --plan <planId> or --template <templateId>");
      const version = values.version === undefined ? null : Number(values.version);
      if (version !== null && !(Number.isInteger(version) && version > 0))
        throw new ScheduleUsageError(`--version must be a positive integer (got "${values.version}")`);
      const maxFailures = values["max-failures"] === undefined ? undefined : Number(values["max-failures"]);
      const target = values.plan ? { kind: "plan", planId: values.plan, version } : { kind: "template", templateId: values.template, version };
      const body = {
        name: values.name ?? `${values.template ?? "plan"} on "${values.cron}"`,
        target,
        params: parseParams(values.param ?? []),
        cron: values.cron,
        timezone: values.tz ?? Intl.DateTimeFormat().resolvedOptions().timeZone ?? "UTC",
        ...(values.overlap ? { overlap: values.overlap } : {}),
        ...(maxFailures !== undefined ? { maxFailures } : {}),
      };
      const res = await api<ScheduleJson & Issues>("/api/schedules", { method: "POST", body: JSON.stringify(body) });
      if (res.status !== 201) return failed(out, "could not create the schedule", res);
      if (values.json) out.log(JSON.stringify(res.body, null, 2));
      else out.log(`created schedule ${res.body.id}: ${res.body.description}; next ${res.body.nextFireAt ?? "never"}`);
      return 0;
    }
    case "pause":
    case "resume": {
      const id = positionals[0];
      if (!id) throw new ScheduleUsageError(`schedule ${sub} needs a schedule id: planvas schedule ${sub} <id>`);
      const res = await api<ScheduleJson & Issues>(`/api/schedules/${encodeURIComponent(id)}`, {
        method: "PATCH",
        body: JSON.stringify({ paused: sub === "pause" }),
      });
      if (res.status !== 200) return failed(out, `could not ${sub} the schedule`, res);
      out.log(sub === "pause" ? `paused schedule ${res.body.id}` : `resumed schedule ${res.body.id}; next ${res.body.nextFireAt ?? "never"}`);
      return 0;
    }
    default:
      throw new ScheduleUsageError(`schedule needs create, list, pause or resume (got ${sub === undefined ? "nothing" : `"${sub}"`})`);
  }
}
