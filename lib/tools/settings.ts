import type { ModelSettings } from "../ai/config";
import type { ToolSettings } from "./types";

/** The one place that reads the tools' settings from the environment. */
export function toolSettings(models: Pick<ModelSettings, "provider" | "api">, env: NodeJS.ProcessEnv = process.env): ToolSettings {
  const tavilyApiKey = env.TAVILY_API_KEY?.trim() || undefined;
  const tavilyBaseUrl = env.TAVILY_BASE_URL?.trim() || undefined;
  return {
    allowPrivateUrls: env.PLANVAS_ALLOW_PRIVATE_URLS === "1",
    ...(tavilyApiKey ? { tavilyApiKey } : {}),
    ...(tavilyBaseUrl ? { tavilyBaseUrl } : {}),
    // OpenAI's hosted web search exists only on OpenAI itself, through the Responses API.
    openaiWebSearch: models.provider === "openai" && models.api === "responses",
  };
}
