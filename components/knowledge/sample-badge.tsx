"use client";

import { Badge } from "@/components/ui/badge";
import { Tooltip, TooltipContent, TooltipTrigger } from "@/components/ui/tooltip";

export const SAMPLE_TOOLTIP = "Sample data shipped with Planvas so the offline demo has something to search";

export function SampleBadge() {
  return (
    <Tooltip>
      <TooltipTrigger asChild>
        <Badge variant="secondary" tabIndex={0} data-testid="sample-badge" className="cursor-default">
          Sample
        </Badge>
      </TooltipTrigger>
      <TooltipContent className="max-w-64">{SAMPLE_TOOLTIP}</TooltipContent>
    </Tooltip>
  );
}
