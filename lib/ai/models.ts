import { createOpenAI } from "@ai-sdk/openai";
import type { ImageModel, LanguageModel } from "ai";
export { modelLabel } from "./model-label";
import { modelSettings, type ModelSettings } from "./config";
import { createOfflineModel } from "./offline/model";

export interface Models {
  settings: ModelSettings;
  planner: LanguageModel;
  executor: LanguageModel;
  image?: ImageModel;
}

/** Builds the models from settings. Planner and executor take a model as a parameter; this is the default wiring. */
export function createModels(settings: ModelSettings = modelSettings(), opts: { streamChunkDelayMs?: number; fetch?: typeof fetch } = {}): Models {
  if (settings.provider === "offline") {
    const model = createOfflineModel({ streamChunkDelayMs: opts.streamChunkDelayMs });
    return { settings, planner: model, executor: model };
  }
  const openai = createOpenAI({
    // Local servers need no key, but the provider insists on one.
    apiKey: settings.apiKey ?? "not-needed",
    ...(settings.baseURL ? { baseURL: settings.baseURL } : {}),
    ...(opts.fetch ? { fetch: opts.fetch } : {}),
  });
  const language = (id: string) => (settings.api === "chat" ? openai.chat(id) : openai.responses(id));
  return {
    settings,
    planner: language(settings.plannerModel),
    executor: language(settings.executorModel),
    ...(settings.imageModel ? { image: openai.image(settings.imageModel) } : {}),
  };
}
