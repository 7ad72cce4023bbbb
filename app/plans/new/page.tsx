import type { Metadata } from "next";
import { DraftEditor } from "@/components/plans/draft-editor";

export const metadata: Metadata = { title: "New plan" };

export default async function NewPlanPage({ searchParams }: { searchParams: Promise<{ goal?: string | string[] }> }) {
  const { goal } = await searchParams;
  const text = (Array.isArray(goal) ? goal[0] : goal)?.trim().slice(0, 2000);
  return <DraftEditor goal={text || undefined} />;
}
