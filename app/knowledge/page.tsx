import type { Metadata } from "next";
import { KnowledgeView } from "@/components/knowledge/knowledge-view";
import { currentKnowledgeBase, KNOWLEDGE_LIMITS } from "@/lib/knowledge";
import { documentSummaryJson } from "@/lib/knowledge/http";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Knowledge" };

export default async function KnowledgePage() {
  const documents = await (await currentKnowledgeBase()).list({ limit: KNOWLEDGE_LIMITS.maxList });
  return <KnowledgeView documents={documents.map(documentSummaryJson)} limit={KNOWLEDGE_LIMITS.maxList} />;
}
