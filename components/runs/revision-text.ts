// An output as plain text, for comparing two revisions of a step word by word.
type Obj = Record<string, unknown>;
const str = (v: unknown) => (typeof v === "string" ? v : "");
const list = (v: unknown) => (Array.isArray(v) ? v : []);

/** The content of an output as text: posts with their slides or thread, summaries with their points, outlines with their sections. */
export function revisionText(output: unknown): string {
  if (output === null || output === undefined) return "";
  if (typeof output !== "object" || Array.isArray(output)) return JSON.stringify(output, null, 2);
  const o = output as Obj;
  if (typeof o.text === "string") {
    const slides = list(o.slides).map((s, i) => `Slide ${i + 1}: ${str((s as Obj).title)}\n${str((s as Obj).body)}`);
    return [o.text, ...slides].join("\n\n");
  }
  if (typeof o.summary === "string") return [o.summary, ...list(o.points).map((p) => `- ${str(p)}`)].join("\n");
  if (Array.isArray(o.sections))
    return [
      str(o.title),
      ...o.sections.map(
        (s) =>
          `${str((s as Obj).heading)}\n${list((s as Obj).points)
            .map((p) => `- ${str(p)}`)
            .join("\n")}`,
      ),
    ].join("\n\n");
  const { notes: _n, model: _m, ...rest } = o;
  return JSON.stringify(rest, null, 2);
}
