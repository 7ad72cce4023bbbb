import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PlanEditor } from "@/components/canvas/plan-editor";
import { currentPlanStore } from "@/lib/plans";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ planId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const found = await (await currentPlanStore()).get((await params).planId);
  return { title: found?.title ?? "Plan not found" };
}

export default async function PlanPage({ params }: Props) {
  const { planId } = await params;
  const found = await (await currentPlanStore()).get(planId);
  if (!found) notFound();
  return (
    <PlanEditor
      key={`${found.id}@${found.version}`}
      planId={found.id}
      version={found.version}
      plan={found.plan}
      savedAt={found.savedAt.toISOString()}
      template={found.template}
    />
  );
}
