// Server side of references (`{{steps.<id>.output.<path>}}`, typed in lib/plan/references.ts): the
// values are taken from the earlier steps' outputs as they stand in the run — the tool result in the
// step's history messages, which is the reviewer's edited output when they edited it — and put into
// the step's static inputs before the model is asked, so the model cannot change them.
import type { ModelMessage } from "ai";
import { formatPath } from "../plan/path";
import { matchReferences, mentionsReference, referenceName, wholeReference, type Reference } from "../plan/reference-syntax";
import { StepExecutionError } from "../executor";

/** What a step produced, as later steps see it: the last tool result in its messages. */
export function outputOfMessages(messages: readonly ModelMessage[]): { output: unknown } | undefined {
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i]!;
    if (m.role !== "tool" || !Array.isArray(m.content)) continue;
    for (let j = m.content.length - 1; j >= 0; j--) {
      const part = m.content[j]!;
      if (part.type === "tool-result" && part.output.type === "json") return { output: part.output.value };
    }
  }
  return undefined;
}

/** The value at a path inside an output (own properties only; digits index lists). */
function valueAt(root: unknown, path: readonly string[]): { value: unknown } | { missing: string } {
  let cur = root;
  for (const seg of path) {
    if (Array.isArray(cur) && /^\d+$/.test(seg) && Number(seg) < cur.length) cur = cur[Number(seg)];
    else if (cur && typeof cur === "object" && !Array.isArray(cur) && Object.hasOwn(cur, seg)) cur = (cur as Record<string, unknown>)[seg];
    else return { missing: seg };
  }
  return cur === undefined ? { missing: path.at(-1) ?? "(output)" } : { value: cur };
}

/** How a value reads inside text: text as it is, numbers and true/false as written, anything else as JSON. */
export function referenceText(value: unknown): string {
  return typeof value === "string" ? value : typeof value === "number" || typeof value === "boolean" ? String(value) : JSON.stringify(value);
}

export interface ResolvedReference {
  /** Where in the step's input (`body`, `headers["X-Tag"]`). */
  input: string;
  reference: string;
  value: unknown;
}

/**
 * The step's input with every reference replaced by its value: a whole-value reference by the value
 * itself (keeping its type), a reference inside text by the value as text. Throws a non-retriable
 * StepExecutionError naming the reference when an output or a field is not there.
 */
export function resolveReferences(
  stepId: string,
  input: Record<string, unknown>,
  outputOf: (stepId: string) => { output: unknown } | undefined,
): { input: Record<string, unknown>; resolved: ResolvedReference[] } {
  const resolved: ResolvedReference[] = [];
  const lookup = (ref: Reference, at: (string | number)[]) => {
    const where = formatPath(at);
    const fail = (why: string) => {
      throw new StepExecutionError(`step ${stepId}: input ${where} ← ${referenceName(ref)}: ${why}`, false);
    };
    const source = outputOf(ref.stepId);
    if (!source) return fail(`step ${ref.stepId} has no output in this run (it did not complete before this step)`);
    const got = valueAt(source.output, ref.path);
    if ("missing" in got) return fail(`the output of step ${ref.stepId} has no value at "${got.missing}"`);
    resolved.push({ input: where, reference: referenceName(ref), value: got.value });
    return got.value;
  };
  const walk = (value: unknown, at: (string | number)[]): unknown => {
    if (typeof value === "string") {
      if (!mentionsReference(value)) return value;
      const whole = wholeReference(value);
      if (whole) return lookup(whole, at);
      let out = "";
      let from = 0;
      for (const m of matchReferences(value)) {
        if (!m.ref) throw new StepExecutionError(`step ${stepId}: input ${formatPath(at)}: "${m.token}" is not a reference`, false);
        out += value.slice(from, m.start) + referenceText(lookup(m.ref, at));
        from = m.end;
      }
      return out + value.slice(from);
    }
    if (Array.isArray(value)) return value.map((v, i) => walk(v, [...at, i]));
    if (value && typeof value === "object") {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value))
        Object.defineProperty(out, k, { value: walk(v, [...at, k]), enumerable: true, writable: true, configurable: true });
      return out;
    }
    return value;
  };
  return { input: walk(input, []) as Record<string, unknown>, resolved };
}
