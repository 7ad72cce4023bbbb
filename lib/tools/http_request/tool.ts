// Browser-safe: what http_request is (metadata, input schema and its publish rule). Its behaviour is
// in ./index.ts (server only).
import { defineTool, type InputRefinement } from "../define";
import { checkHttpRequestInput, httpRequestInputFields, httpRequestInputSchema } from "./schema";
import { httpRequestOutputSchema } from "./output";

export const httpRequestTool = defineTool({
  name: "http_request",
  title: "HTTP request",
  description: "Call an HTTP endpoint (for example a webhook or a status API). Anything other than GET has side effects.",
  icon: "send",
  output: "http-response",
  publishes: true,
  // The rule, once: a GET reads and publishes nothing; any other method changes something, so it is
  // approved before it is sent.
  sideEffect: { when: (input) => String(input.method ?? "GET").toUpperCase() !== "GET", described: "other than GET" },
  input: httpRequestInputFields,
  outputSchema: httpRequestOutputSchema,
  refine: checkHttpRequestInput as InputRefinement,
  inputSchema: httpRequestInputSchema,
});
