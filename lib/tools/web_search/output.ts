// Browser-safe: what web_search produces (zod only), so plans can reference its fields.
import { z } from "zod";

const result = z.object({ title: z.string(), url: z.string(), snippet: z.string(), source: z.string(), content: z.string().optional() });

export const webSearchOutputSchema = z.object({ query: z.string(), provider: z.enum(["tavily", "openai", "knowledge"]), results: z.array(result) });
