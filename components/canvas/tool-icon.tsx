import { Globe, Image, ListTree, PenLine, Puzzle, Search, Send, TextQuote, type LucideProps } from "lucide-react";

// lib/tools names icons as strings so the domain stays React-free; this is the one mapping.
const icons: Record<string, React.ComponentType<LucideProps>> = {
  search: Search,
  globe: Globe,
  "text-quote": TextQuote,
  "list-tree": ListTree,
  "pen-line": PenLine,
  image: Image,
  send: Send,
};

export function ToolIcon({ name, ...props }: { name: string | undefined } & LucideProps) {
  const Icon = (name && Object.hasOwn(icons, name) ? icons[name] : undefined) ?? Puzzle;
  return <Icon aria-hidden {...props} />;
}
