import type { Metadata } from "next";
import { TemplateGallery, type GalleryItem } from "@/components/templates/template-gallery";
import { validatePlan } from "@/lib/plan/validate";
import { dbAndUser } from "@/lib/runs/http";
import { STARTERS } from "@/lib/templates/starters";
import { getVersion, listTemplates } from "@/lib/templates/store";
import type { Plan } from "@/lib/plan/schema";
import type { TemplateParam } from "@/lib/templates/params";
import { currentWorkspaceId } from "@/lib/workspaces/current";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Templates" };

const shape = (plan: Plan, params: TemplateParam[]) => ({
  tools: plan.steps.map((s) => s.toolName),
  gates: plan.steps.filter((s) => s.requiresApproval).length,
  params: params.map((p) => ({ name: p.name, label: p.label })),
});

export default async function TemplatesPage() {
  const { db, user } = await dbAndUser();
  const own = await listTemplates(db, user, await currentWorkspaceId(db, user));
  const items: GalleryItem[] = [];
  for (const t of own) {
    const v = await getVersion(db, user, t.id, t.latestVersion);
    items.push({ id: t.id, name: t.name, description: t.description, latestVersion: t.latestVersion, starter: false, ...shape(v.plan, v.params) });
  }
  for (const s of STARTERS) {
    const v = validatePlan(s.plan);
    if (v.ok) items.push({ id: s.slug, name: s.name, description: s.description, latestVersion: 1, starter: true, ...shape(v.plan, s.params) });
  }
  return <TemplateGallery items={items} />;
}
