import { PlanList } from "@/components/plans/plan-list";
import { describeModels, modelSettings } from "@/lib/ai/config";
import { planSummaryJson } from "@/lib/http/plans";
import { currentPlanStore } from "@/lib/plans";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  const plans = await (await currentPlanStore()).list();
  const settings = modelSettings();
  return <PlanList plans={plans.map(planSummaryJson)} model={{ provider: settings.provider, description: describeModels(settings) }} />;
}
