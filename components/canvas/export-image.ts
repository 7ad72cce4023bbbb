import { getNodesBounds, getViewportForBounds, type Node } from "@xyflow/react";
import { toPng, toSvg } from "html-to-image";

/**
 * The canvas as an image, the way React Flow documents it: fit the nodes' bounds into an image of
 * the right size and render the viewport element with html-to-image at that transform.
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
  return format === "png" ? toPng(viewport, options) : toSvg(viewport, options);
}

export function download(href: string, filename: string) {
  const a = Object.assign(document.createElement("a"), { href, download: filename });
  document.body.append(a);
  a.click();
  a.remove();
}
