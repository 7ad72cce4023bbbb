import { PlanList } from "@/components/plans/plan-list";
import { planSummaryJson } from "@/lib/http/plans";
import { currentPlanStore } from "@/lib/plans";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  const plans = await (await currentPlanStore()).list();
  return <PlanList plans={plans.map(planSummaryJson)} />;
}
