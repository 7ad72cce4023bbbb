import type { LanguageModel } from "ai";
import { OFFLINE_PROVIDER } from "./offline/types";

/** Who wrote an output, as outputs record it: "offline" for the offline model, else the model's id. */
export function modelLabel(model: LanguageModel): string {
  if (typeof model === "string") return model;
  return model.provider === OFFLINE_PROVIDER ? "offline" : model.modelId;
}
