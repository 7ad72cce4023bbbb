import { serve } from "inngest/next";
import { inngest } from "./client";
import { functions } from "./functions/run-plan";

/** The Inngest serve handler: Inngest (Cloud, dev server or self-hosted) or the embedded runner calls it. */
export const inngestHandler = serve({ client: inngest, functions, servePath: "/api/inngest" });
