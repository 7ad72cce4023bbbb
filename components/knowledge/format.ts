import type { DocumentFormat } from "@/lib/db/schema-documents";

export const FORMAT_LABELS: Record<DocumentFormat, string> = { markdown: "Markdown", text: "Plain text" };

const count = new Intl.NumberFormat("en");
export const formatChars = (n: number) => `${count.format(n)} ${n === 1 ? "char" : "chars"}`;

export function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return url;
  }
}
