import type { ToolMeta } from "../types";

export const fetchUrl: ToolMeta = {
  name: "fetch_url",
  title: "Fetch URL",
  description: "Download a public web page and extract its readable text.",
  icon: "globe",
  publishes: false,
};
