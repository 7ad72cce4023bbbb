// What the API-client subcommands (template, schedule, webhook) share: how they talk to the server
// and how they print its refusals and a trigger's target.
import type { TriggerTarget } from "../triggers/fire";

export type Out = { log: (s: string) => void; err: (s: string) => void };
export type Api = <T>(path: string, init?: RequestInit) => Promise<{ status: number; body: T }>;
export type Issues = { error?: string; issues?: { path: string; message: string }[] };

/** Prints the server's error and each issue's path; the exit code. */
export function failed(out: Out, what: string, res: { status: number; body: Issues }): number {
  out.err(`planvas: ${what}: ${res.body.error ?? `HTTP ${res.status}`}`);
  for (const i of res.body.issues ?? []) out.err(`  ${i.path}: ${i.message}`);
  return 1;
}

/** "template research-brief (latest published)", "plan <id> v3". */
export const targetText = (t: TriggerTarget) =>
  `${t.kind === "plan" ? `plan ${t.planId}` : `template ${t.templateId}`} ${t.version === null ? (t.kind === "plan" ? "(latest)" : "(latest published)") : `v${t.version}`}`;
