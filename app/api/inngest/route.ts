import { inngestHandler } from "@/inngest/serve";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";
// A step may run a model call and a tool; give it time.
export const maxDuration = 300;

export const { GET, POST, PUT } = inngestHandler;
