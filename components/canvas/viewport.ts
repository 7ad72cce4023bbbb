// How the editor frames the plan: every step in view, clear of the minimap, and never zoomed out
// so far that the text cannot be read.
import type { Edge, FitViewOptions, ReactFlowInstance } from "@xyflow/react";
import type { StepFlowNode } from "./step-node";

/** The minimap's size on the canvas (bottom right, React Flow's 15 px margin). */
export const MINIMAP_SIZE = { width: 160, height: 100 } as const;

type Length = `${number}px` | `${number}%`;
type Padding = { top: Length; left: Length; right: Length; bottom: Length };

/** Room under the fitted plan for the minimap, so after a fit or a layout it covers no step. */
const PADDING: Padding = { top: "48px", left: "6%", right: "6%", bottom: `${MINIMAP_SIZE.height + 40}px` };
/** Below Tailwind's sm breakpoint the minimap is hidden (max-sm:!hidden): the screen is the plan's. */
const PHONE_PADDING: Padding = { top: "24px", left: "5%", right: "5%", bottom: "24px" };

export const isPhoneWidth = () => typeof window !== "undefined" && window.matchMedia("(max-width: 639.98px)").matches;
const padding = () => (isPhoneWidth() ? PHONE_PADDING : PADDING);

/**
 * Fit View: every step, including ones added a moment ago and not yet measured (their declared
 * size counts; React Flow would otherwise leave them out of the bounds).
 */
export const fitAll = (): FitViewOptions => ({ padding: padding(), maxZoom: 1, includeHiddenNodes: true });

/** Below this zoom a node's text is unreadable (nodes switch to simple boxes at 0.35). */
export const READABLE_ZOOM = 0.6;

const px = (v: string, size: number) => (v.endsWith("%") ? (parseFloat(v) / 100) * size : parseFloat(v));

/**
 * After an auto-layout: the whole plan when it fits at a readable zoom; otherwise the readable zoom,
 * showing where the plan starts (its first rank at the top or left), and the user pans for the rest.
 */
export function fitReadable(rf: ReactFlowInstance<StepFlowNode, Edge>, viewport: { width: number; height: number }, duration = 200): void {
  const nodes = rf.getNodes();
  if (!nodes.length || !viewport.width || !viewport.height) return;
  const b = rf.getNodesBounds(nodes);
  const pad = {
    top: px(PADDING.top, viewport.height),
    bottom: px(PADDING.bottom, viewport.height),
    left: px(PADDING.left, viewport.width),
    right: px(PADDING.right, viewport.width),
  };
  const room = { width: viewport.width - pad.left - pad.right, height: viewport.height - pad.top - pad.bottom };
  const fit = Math.min(room.width / b.width, room.height / b.height, 1);
  if (fit >= READABLE_ZOOM) {
    void rf.fitView({ ...fitAll(), duration });
    return;
  }
  const zoom = READABLE_ZOOM;
  // Per axis: centred when the plan fits that way, else aligned to where it starts.
  const axis = (start: number, size: number, padStart: number, roomSize: number) =>
    size * zoom <= roomSize ? padStart + (roomSize - size * zoom) / 2 - start * zoom : padStart - start * zoom;
  void rf.setViewport({ x: axis(b.x, b.width, pad.left, room.width), y: axis(b.y, b.height, pad.top, room.height), zoom }, { duration });
}
