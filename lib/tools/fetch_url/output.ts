// Browser-safe: what fetch_url produces (zod only), so plans can reference its fields.
import { z } from "zod";

export const fetchUrlOutputSchema = z.object({
  url: z.string().describe("The address that was requested."),
  finalUrl: z.string().describe("The address the content came from, after redirects."),
  status: z.number().int().describe("HTTP status code."),
  contentType: z.string().describe("The Content-Type the server sent."),
  title: z.string().describe("Title of the page or document."),
  byline: z.string().nullable().describe("Author line, when the page has one."),
  excerpt: z.string().nullable().describe("Short summary the page gives of itself, when it has one."),
  text: z.string().describe("The readable text: the article without navigation, ads and footers."),
  truncated: z.boolean().describe("True when the text was cut at maxChars or the download at its size limit."),
});
