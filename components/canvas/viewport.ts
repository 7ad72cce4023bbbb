// How the editor frames the plan: every step in view, clear of the minimap, and never zoomed out
// so far that the text cannot be read.
import { getNodesBounds, getViewportForBounds, type Edge, type FitViewOptions, type ReactFlowInstance, type Viewport } from "@xyflow/react";
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

/** The canvas's zoom limits (React Flow's minZoom / maxZoom). */
export const ZOOM_LIMITS = { min: 0.02, max: 2 } as const;

/**
 * The viewport the editor opens at: what fitting every step into the pane gives (fitAll), computed
 * from the nodes' declared sizes before anything is drawn. Step nodes are drawn at exactly that size,
 * so React Flow's own fit after measuring lands on the same viewport; starting there means every
 * node is drawn once, at the zoom it is shown at, instead of once at 100 % and again after the fit.
 */
export function openingViewport(nodes: readonly StepFlowNode[], pane: { width: number; height: number }): Viewport | undefined {
  if (!nodes.length || !pane.width || !pane.height) return undefined;
  const fit = fitAll();
  return getViewportForBounds(
    getNodesBounds([...nodes]),
    pane.width,
    pane.height,
    fit.minZoom ?? ZOOM_LIMITS.min,
    fit.maxZoom ?? ZOOM_LIMITS.max,
    fit.padding ?? 0.1,
  );
}
