import { generateText, NoObjectGeneratedError, Output, type FlexibleSchema, type LanguageModel, type LanguageModelUsage } from "ai";
import { PlanningError, schemaFailure } from "./errors";

/**
 * One structured-output call, checked by `accept`; when the answer does not fit the schema or
 * `accept` finds problems, the model is asked once more with the problems spelled out. Shared by
 * planning and plan editing.
 */
export async function generateChecked<T, R>(opts: {
  model: LanguageModel;
  instructions: string;
  request: string;
  schema: FlexibleSchema<unknown>;
  name: string;
  description: string;
  signal?: AbortSignal;
  /** What failed, for the final error: "a valid plan", "a valid edit". */
  what: string;
  /** The follow-up message that tells the model why its answer was rejected. */
  retryMessage: (feedback: string) => string;
  accept: (output: T) => { ok: true; value: R } | { ok: false; problems: string[] };
}): Promise<R & { attempts: number; usage: LanguageModelUsage }> {
  let feedback: string | undefined;
  let lastError = "";
  for (let attempt = 1; attempt <= 2; attempt++) {
    try {
      const res = await generateText({
        model: opts.model,
        instructions: opts.instructions,
        messages: [{ role: "user", content: opts.request }, ...(feedback ? [{ role: "user" as const, content: opts.retryMessage(feedback) }] : [])],
        output: Output.object({ schema: opts.schema, name: opts.name, description: opts.description }),
        abortSignal: opts.signal,
      });
      const checked = opts.accept(res.output as T);
      if (checked.ok) return { ...checked.value, attempts: attempt, usage: res.usage };
      lastError = checked.problems.join("; ");
      feedback = lastError;
    } catch (e) {
      if (!NoObjectGeneratedError.isInstance(e)) throw e;
      const why = schemaFailure(e);
      lastError = `${why}${e.text ? ` (answer began: ${e.text.slice(0, 200)})` : ""}`;
      feedback = `it did not match the required JSON schema: ${why}`;
    }
  }
  throw new PlanningError(`the model could not produce ${opts.what}: ${lastError}`);
}
