// Browser-safe: what http_request produces (zod only), so plans can reference its fields.
import { z } from "zod";
import { HTTP_METHODS } from "./schema";

export const httpRequestOutputSchema = z.object({
  method: z.enum(HTTP_METHODS).describe("The method used."),
  url: z.string().describe("The URL that was requested."),
  finalUrl: z.string().describe("The URL that answered, after redirects."),
  status: z.number().int().describe("HTTP status code."),
  statusText: z.string().describe("HTTP reason phrase."),
  ok: z.boolean().describe("True for a 2xx status."),
  contentType: z.string().describe("The response Content-Type."),
  headers: z.record(z.string(), z.string()).describe("Response headers, without Set-Cookie."),
  body: z.string().describe("The response body as text, at most 100 kB."),
  truncated: z.boolean().describe("True when the body was longer than 100 kB and was cut."),
  json: z.unknown().describe("The parsed body when the response is complete JSON, otherwise null."),
  durationMs: z.number().describe("How long the request took, in milliseconds."),
});
