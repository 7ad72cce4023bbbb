/**
 * The one place that reads the model settings from the environment. Nothing configured means the
 * offline model; OPENAI_API_KEY means OpenAI (Responses API); OPENAI_BASE_URL means any
 * OpenAI-compatible server (Ollama, llama.cpp, vLLM), spoken to through Chat Completions by default.
 */
export interface ModelSettings {
  provider: "offline" | "openai" | "openai-compatible";
  api: "responses" | "chat";
  baseURL?: string;
  apiKey?: string;
  plannerModel: string;
  executorModel: string;
  /** null = no image model configured: images are rendered offline. */
  imageModel: string | null;
}

export const DEFAULT_MODELS = { planner: "gpt-5-mini", executor: "gpt-5-mini", image: "gpt-image-1" } as const;

export function modelSettings(env: NodeJS.ProcessEnv = process.env): ModelSettings {
  const apiKey = env.OPENAI_API_KEY?.trim() || undefined;
  const baseURL = env.OPENAI_BASE_URL?.trim() || undefined;
  const explicitApi = env.PLANVAS_OPENAI_API?.trim();
  if (explicitApi && explicitApi !== "chat" && explicitApi !== "responses") {
    throw new Error(`PLANVAS_OPENAI_API must be "chat" or "responses" (got "${explicitApi}")`);
  }
  if (!apiKey && !baseURL) {
    return { provider: "offline", api: "chat", plannerModel: "offline", executorModel: "offline", imageModel: null };
  }
  const compatible = !!baseURL && !/^https:\/\/api\.openai\.com(\/|$)/.test(baseURL);
  const api = (explicitApi as "chat" | "responses" | undefined) ?? (compatible ? "chat" : "responses");
  const planner = env.PLANVAS_PLANNER_MODEL?.trim() || DEFAULT_MODELS.planner;
  return {
    provider: compatible ? "openai-compatible" : "openai",
    api,
    ...(baseURL ? { baseURL } : {}),
    ...(apiKey ? { apiKey } : {}),
    plannerModel: planner,
    executorModel: env.PLANVAS_EXECUTOR_MODEL?.trim() || planner,
    // A compatible server rarely serves images: only when asked to explicitly.
    imageModel: env.PLANVAS_IMAGE_MODEL?.trim() || (compatible ? null : DEFAULT_MODELS.image),
  };
}

/** What the UI and the CLI say about the models in use (no secrets). */
export function describeModels(s: ModelSettings): string {
  if (s.provider === "offline") return "Offline model (deterministic, extractive; no API configured)";
  const where = s.provider === "openai" ? "OpenAI" : `OpenAI-compatible server at ${s.baseURL}`;
  return `${where} · planner ${s.plannerModel} · executor ${s.executorModel} (${s.api === "chat" ? "Chat Completions" : "Responses API"})`;
}
