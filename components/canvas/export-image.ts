import { getNodesBounds, getViewportForBounds, type Node } from "@xyflow/react";
import { toPng, toSvg } from "html-to-image";

/**
 * The canvas as an image, the way React Flow documents it: fit the nodes' bounds into an image of
 * the right size and render the viewport element with html-to-image at that transform. The edges'
 * SVG styles are inlined first (see `inlineSvgStyles`).
 */
export async function canvasImage(format: "png" | "svg", nodes: Node[], opts: { background: string }): Promise<string> {
  const viewport = document.querySelector<HTMLElement>(".react-flow__viewport");
  if (!viewport) throw new Error("the canvas is not on the page");
  const bounds = getNodesBounds(nodes);
  const padding = 48;
  // Real size up to 4096 px on the long side; big plans are scaled down to fit.
  const scale = Math.min(1, 4096 / Math.max(bounds.width + padding * 2, bounds.height + padding * 2, 1));
  const width = Math.max(320, Math.round((bounds.width + padding * 2) * scale));
  const height = Math.max(200, Math.round((bounds.height + padding * 2) * scale));
  const v = getViewportForBounds(bounds, width, height, 0.01, 2, padding / Math.max(width, height));
  const options = {
    backgroundColor: opts.background,
    width,
    height,
    style: { width: `${width}px`, height: `${height}px`, transform: `translate(${v.x}px, ${v.y}px) scale(${v.zoom})` },
  };
  const restore = inlineSvgStyles(viewport);
  try {
    return await (format === "png" ? toPng(viewport, options) : toSvg(viewport, options));
  } finally {
    restore();
  }
}

/** The presentation properties an edge (path, arrowhead marker) draws with. */
export const SVG_PAINT_PROPERTIES = [
  "stroke",
  "stroke-width",
  "stroke-dasharray",
  "stroke-dashoffset",
  "stroke-linecap",
  "stroke-linejoin",
  "stroke-opacity",
  "fill",
  "fill-opacity",
  "opacity",
  "visibility",
] as const;

/**
 * Why edges went missing: html-to-image (since 1.11.12) copies an `<svg>` with a plain deep
 * `cloneNode` and inlines the computed style of the `<svg>` element only, not of its children. The
 * edge paths get their stroke from React Flow's stylesheet (`stroke: var(--xy-edge-stroke)`, the
 * variable set on `.react-flow`, outside the viewport that is cloned), and the image carries neither
 * that stylesheet nor the variable, so every path came out with no stroke at all. Writing each SVG
 * descendant's computed paint onto its inline style for the moment of the capture makes the clone
 * self-contained; the returned function puts the original inline styles back.
 */
export function inlineSvgStyles(root: Element): () => void {
  const saved: [SVGElement, string | null][] = [];
  for (const el of root.querySelectorAll<SVGElement>("svg *")) {
    const computed = getComputedStyle(el);
    saved.push([el, el.getAttribute("style")]);
    for (const p of SVG_PAINT_PROPERTIES) {
      const value = computed.getPropertyValue(p);
      if (value) el.style.setProperty(p, value);
    }
  }
  return () => {
    for (const [el, style] of saved) {
      if (style === null) el.removeAttribute("style");
      else el.setAttribute("style", style);
    }
  };
}

export function download(href: string, filename: string) {
  const a = Object.assign(document.createElement("a"), { href, download: filename });
  document.body.append(a);
  a.click();
  a.remove();
}
