import type { Metadata } from "next";
import { DraftEditor } from "@/components/plans/draft-editor";

export const metadata: Metadata = { title: "Imported plan" };

export default function NewPlanPage() {
  return <DraftEditor />;
}
