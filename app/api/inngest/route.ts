import { inngestMode } from "@/inngest/config";
import { inngestHandler } from "@/inngest/serve";
import { apiError } from "@/lib/http/json";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";
// A step may run a model call and a tool; give it time.
export const maxDuration = 300;

type Handler = (req: Request, ctx: unknown) => Promise<Response>;

/**
 * With the embedded runner the handler is called in process and runs in dev mode (unsigned), so
 * it must not also be reachable over HTTP: anyone could drive functions. An Inngest server
 * (dev, self-hosted or Cloud) reaches it here, with signatures in cloud mode.
 */
function served(method: "GET" | "POST" | "PUT"): Handler {
  return (req, ctx) => {
    if (inngestMode() === "embedded")
      return Promise.resolve(
        apiError(
          404,
          "the embedded Inngest runner calls this handler in process; set INNGEST_DEV, INNGEST_BASE_URL or INNGEST_EVENT_KEY/INNGEST_SIGNING_KEY to serve it to an Inngest server",
        ),
      );
    return (inngestHandler[method] as unknown as Handler)(req, ctx);
  };
}

export const GET = served("GET");
export const POST = served("POST");
export const PUT = served("PUT");
