import Link from "next/link";
import { Button } from "@/components/ui/button";

export default function NotFound() {
  return (
    <div className="flex h-full flex-col items-center justify-center gap-3 text-center">
      <p className="text-4xl font-semibold">404</p>
      <p className="text-muted-foreground">There is nothing here. The plan may have been deleted, or the link is wrong.</p>
      <Button asChild variant="outline">
        <Link href="/">Back to plans</Link>
      </Button>
    </div>
  );
}
