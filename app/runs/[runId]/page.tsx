import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { RunView } from "@/components/runs/run-view";
import { getCurrentUser } from "@/lib/auth";
import { getDb } from "@/lib/db";
import { planStore } from "@/lib/plans";
import { getRunView } from "@/lib/runs/service";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Run" };

export default async function RunPage({ params, searchParams }: { params: Promise<{ runId: string }>; searchParams: Promise<{ step?: string }> }) {
  const { runId } = await params;
  const { step } = await searchParams;
  const [db, user] = await Promise.all([getDb(), getCurrentUser()]);
  const run = await getRunView(db, user, runId);
  if (!run) notFound();
  const version = await planStore(db, user).get(run.planId, run.version);
  if (!version) notFound();
  return <RunView initial={run} plan={version.plan} initialStep={typeof step === "string" ? step : undefined} />;
}
