import { serve } from "inngest/next";
import { inngest } from "./client";
import { functions as runFunctions } from "./functions/run-plan";
import { scheduleTick } from "./functions/schedule-tick";

const functions = [...runFunctions, scheduleTick];

/** The Inngest serve handler: Inngest (Cloud, dev server or self-hosted) or the embedded runner calls it. */
export const inngestHandler = serve({ client: inngest, functions, servePath: "/api/inngest" });
