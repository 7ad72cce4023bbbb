// Server only: the context every tool runs with, wired to the app's database and models.
import type { Models } from "../ai/models";
import { assetStore } from "../assets";
import type { User } from "../auth";
import type { Database } from "../db";
import { knowledgeBase } from "../knowledge";
import { toolSettings } from "./settings";
import type { ToolContext, ToolLogger } from "./types";

export function createToolContext(opts: { db: Database; user: User; models: Models; log?: ToolLogger }): Omit<ToolContext, "history" | "signal"> {
  return {
    assets: assetStore(opts.db, opts.user),
    knowledge: knowledgeBase(opts.db, opts.user),
    models: { text: opts.models.executor, ...(opts.models.image ? { image: opts.models.image } : {}) },
    settings: toolSettings(opts.models.settings),
    log: opts.log ?? (() => {}),
  };
}
