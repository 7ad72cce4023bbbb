import type { TextStreamPart, ToolSet } from "ai";
import { apiError } from "./json";

/**
 * Streams a model's text to the client. The first part decides the response: an error before any
 * text becomes a proper error response (502) instead of an empty 200; an error after text has been
 * sent aborts the stream, so the client sees a failure rather than a truncated answer it would
 * take as complete.
 */
/**
 * Decides, from the text so far, whether the response can start: "wait" for more, "stream" to send
 * what arrived and the rest as it comes, or a Response to answer instead (a refusal the text only
 * reveals once it is complete). `done` is true when the model has finished.
 */
export type StreamGate = (text: string, done: boolean) => Promise<"wait" | "stream" | Response>;

const firstText: StreamGate = async () => "stream";

export async function textStreamResponse(
  stream: AsyncIterable<TextStreamPart<ToolSet>>,
  init: { headers?: Record<string, string>; gate?: StreamGate } = {},
): Promise<Response> {
  const it = stream[Symbol.asyncIterator]();
  const gate = init.gate ?? firstText;
  let first: string | undefined;
  for (;;) {
    const { done, value } = await it.next();
    if (done) {
      if (first !== undefined || init.gate) {
        const decision = await gate(first ?? "", true);
        if (decision instanceof Response) return decision;
      }
      break;
    }
    if (value.type === "error") {
      await it.return?.();
      return apiError(502, `the model failed: ${value.error instanceof Error ? value.error.message : String(value.error)}`);
    }
    if (value.type === "text-delta") {
      first = (first ?? "") + value.text;
      const decision = await gate(first, false);
      if (decision === "wait") continue;
      if (decision instanceof Response) {
        await it.return?.();
        return decision;
      }
      break;
    }
  }
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      if (first !== undefined) controller.enqueue(encoder.encode(first));
    },
    // A pull must enqueue, close or fail: returning with nothing queued would stall the reader.
    async pull(controller) {
      for (;;) {
        const { done, value } = await it.next();
        if (done) return controller.close();
        if (value.type === "text-delta") return controller.enqueue(encoder.encode(value.text));
        if (value.type === "error") return controller.error(value.error instanceof Error ? value.error : new Error(String(value.error)));
      }
    },
    async cancel() {
      await it.return?.();
    },
  });
  return new Response(body, { headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", ...init.headers } });
}
