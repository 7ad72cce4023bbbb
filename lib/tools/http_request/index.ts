import type { ToolMeta } from "../types";

export const httpRequest: ToolMeta = {
  name: "http_request",
  title: "HTTP request",
  description: "Call an HTTP endpoint (for example a webhook or a status API). Anything other than GET has side effects.",
  icon: "send",
  publishes: true,
};
