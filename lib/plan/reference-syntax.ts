// Browser-safe, no imports: the syntax of references to earlier steps' outputs,
// `{{steps.<step id>.output.<path>}}`. Template parameters use `{{name}}` (lib/templates/params.ts,
// lowercase letters, digits and `_` only), so a placeholder with a dot never names a parameter and
// a reference always starts with `steps.` — the two cannot be confused. Kept import-free so the tool
// catalog (below lib/plan in the module graph) can recognise references without a cycle.

/** One reference as written. `path` is inside the step's output ([] = the whole output). */
export interface Reference {
  stepId: string;
  path: string[];
  /** The token exactly as written in the input, braces included. */
  token: string;
}

const SEGMENT = "[^.\\s{}]+";
const STEP_ID = "[A-Za-z0-9][A-Za-z0-9_-]{0,63}";
/** Anything that looks like it means to be a reference: `{{ steps.… }}`. */
const CANDIDATE = /\{\{\s*steps\.[^{}]*\}\}/g;
const STRICT = new RegExp(`^\\{\\{\\s*steps\\.(${STEP_ID})\\.output((?:\\.${SEGMENT})*)\\s*\\}\\}$`);

export interface ReferenceMatch {
  /** null when the token looks like a reference but is not one (`{{steps.x}}`, `{{steps.x.out.y}}`). */
  ref: Reference | null;
  token: string;
  start: number;
  end: number;
}

/** Every reference-like token in a text, in order. */
export function matchReferences(text: string): ReferenceMatch[] {
  const out: ReferenceMatch[] = [];
  for (const m of text.matchAll(CANDIDATE)) {
    const token = m[0];
    const strict = STRICT.exec(token);
    const ref = strict ? { stepId: strict[1]!, path: strict[2] ? strict[2].slice(1).split(".") : [], token } : null;
    out.push({ ref, token, start: m.index, end: m.index + token.length });
  }
  return out;
}

/** The reference when a value is exactly one reference (surrounding whitespace aside): it keeps the referenced type. */
export function wholeReference(value: unknown): Reference | null {
  if (typeof value !== "string") return null;
  const trimmed = value.trim();
  const m = matchReferences(trimmed);
  return m.length === 1 && m[0]!.start === 0 && m[0]!.end === trimmed.length ? m[0]!.ref : null;
}

/** Whether a value (a string) holds any reference-like token. */
export function mentionsReference(value: unknown): boolean {
  return typeof value === "string" && /\{\{\s*steps\./.test(value);
}

/** Whether a value holds a reference-like token anywhere inside it. */
export function hasReferences(value: unknown): boolean {
  if (mentionsReference(value)) return true;
  return !!value && typeof value === "object" && Object.values(value).some(hasReferences);
}

/** The token for a step's output field: `{{steps.format_post.output.text}}`. */
export function referenceToken(stepId: string, path: readonly (string | number)[]): string {
  return `{{steps.${stepId}.output${path.map((p) => `.${p}`).join("")}}}`;
}

/** A reference as people read it in messages: `steps.format_post.output.text`. */
export function referenceName(ref: Pick<Reference, "stepId" | "path">): string {
  return `steps.${ref.stepId}.output${ref.path.map((p) => `.${p}`).join("")}`;
}

/**
 * The input without the values that hold references: those are typed against the referenced output
 * (lib/plan/references.ts) and filled in when the step runs, so the static checks of the input's
 * own schema (a URL's format, a number's range) apply to the resolved value, at run time.
 */
export function withoutReferences<T>(value: T): T {
  if (Array.isArray(value)) return value.filter((v) => !mentionsReference(v)).map((v) => withoutReferences(v)) as T;
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value))
      if (!mentionsReference(v)) Object.defineProperty(out, k, { value: withoutReferences(v), enumerable: true, writable: true, configurable: true });
    return out as T;
  }
  return value;
}

/** The input with references to renamed steps pointing at their new ids (pasted copies reference each other). */
export function renameReferences<T>(value: T, rename: ReadonlyMap<string, string>): T {
  if (typeof value === "string") {
    if (!mentionsReference(value)) return value;
    let out = "";
    let from = 0;
    for (const m of matchReferences(value)) {
      const to = m.ref && rename.get(m.ref.stepId);
      out += value.slice(from, m.start) + (to && m.ref ? referenceToken(to, m.ref.path) : m.token);
      from = m.end;
    }
    return (out + value.slice(from)) as T;
  }
  if (Array.isArray(value)) return value.map((v) => renameReferences(v, rename)) as T;
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value))
      Object.defineProperty(out, k, { value: renameReferences(v, rename), enumerable: true, writable: true, configurable: true });
    return out as T;
  }
  return value;
}
