import type * as React from "react";
import { cn } from "@/lib/utils";

// shadcn/ui's table, owned here: one look for every list of rows (plans, runs, documents).

function Table({ className, ...props }: React.ComponentProps<"table">) {
  return (
    <div data-slot="table-container" className="relative w-full overflow-x-auto rounded-lg border">
      <table data-slot="table" className={cn("w-full caption-bottom text-sm", className)} {...props} />
    </div>
  );
}

function TableHeader({ className, ...props }: React.ComponentProps<"thead">) {
  return <thead data-slot="table-header" className={cn("bg-muted/50 text-left text-xs text-muted-foreground", className)} {...props} />;
}

function TableBody({ className, ...props }: React.ComponentProps<"tbody">) {
  return <tbody data-slot="table-body" className={className} {...props} />;
}

function TableRow({ className, ...props }: React.ComponentProps<"tr">) {
  return (
    <tr
      data-slot="table-row"
      className={cn("border-t transition-colors hover:bg-muted/40 [thead_&]:border-t-0 [thead_&]:hover:bg-transparent", className)}
      {...props}
    />
  );
}

function TableHead({ className, ...props }: React.ComponentProps<"th">) {
  return <th data-slot="table-head" className={cn("px-3 py-2 font-medium whitespace-nowrap", className)} {...props} />;
}

/** The last, unlabelled column of row actions (a delete button). */
function TableActionsHead({ className, ...props }: React.ComponentProps<"th">) {
  return (
    <TableHead className={cn("w-12 px-2", className)} {...props}>
      <span className="sr-only">Actions</span>
    </TableHead>
  );
}

function TableCell({ className, ...props }: React.ComponentProps<"td">) {
  return <td data-slot="table-cell" className={cn("px-3 py-2 align-middle", className)} {...props} />;
}

export { Table, TableActionsHead, TableBody, TableCell, TableHead, TableHeader, TableRow };
