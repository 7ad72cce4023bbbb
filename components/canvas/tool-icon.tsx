import { Globe, Image, ListTree, PenLine, Puzzle, Search, Send, TextQuote, type LucideProps } from "lucide-react";
import type { ToolIconName } from "@/lib/tools/define";

// lib/tools names icons as strings so the domain stays React-free; this is the one mapping. It is
// total over ToolIconName: an icon a tool may name without a component here does not compile.
const icons = {
  search: Search,
  globe: Globe,
  "text-quote": TextQuote,
  "list-tree": ListTree,
  "pen-line": PenLine,
  image: Image,
  send: Send,
  puzzle: Puzzle,
} as const satisfies Record<ToolIconName, React.ComponentType<LucideProps>>;

/** Any name is accepted (a plan may name an unknown tool); unknown names show the puzzle piece. */
export function ToolIcon({ name, ...props }: { name: string | undefined } & LucideProps) {
  const Icon: React.ComponentType<LucideProps> = name && Object.hasOwn(icons, name) ? icons[name as ToolIconName] : Puzzle;
  return <Icon aria-hidden {...props} />;
}
