import { getDb } from "@/lib/db";
import { handle } from "@/lib/http/json";
import { deliverWebhook } from "@/lib/triggers/webhook-delivery";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ hookToken: string }> };

/**
 * A webhook delivery. Public: no session or API token — the URL finds the webhook and the
 * Planvas-Signature header proves the sender (lib/triggers/webhook-delivery.ts). The proxy does not
 * run for /api (proxy.ts), so nothing here redirects to /login or reads the body first.
 */
export const POST = handle(async (req: Request, ctx: Ctx) => deliverWebhook(await getDb(), (await ctx.params).hookToken, req));
