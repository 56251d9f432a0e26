// Paints the decision-boundary plot on a 2D context whose unit is one CSS pixel.
import { CANVAS_SIZE, PLOT, niceTicks, toCanvas } from './axes.ts';
import { css, heatmapRgba, labelColour } from './colours.ts';
import type { BoundaryGrid, Extent } from './grid.ts';

export interface BoundaryPoint {
  x: number;
  y: number;
  label: number;
  split: 'train' | 'test';
}

const AXIS_TEXT = '#52606d';
const OUTLINE = '#1f2933';
const EMPTY_PLOT = '#f5f7f8';
const POINT_RADIUS = 4.5;

/** Draws the heat map through a grid-sized scratch canvas, scaled up with smoothing so the boundary looks continuous. */
function paintHeatmap(ctx: CanvasRenderingContext2D, grid: BoundaryGrid, scratch: HTMLCanvasElement) {
  const { resolution } = grid;
  scratch.width = resolution;
  scratch.height = resolution;
  const sctx = scratch.getContext('2d');
  if (!sctx) return;
  sctx.putImageData(new ImageData(heatmapRgba(grid.values, resolution), resolution, resolution), 0, 0);
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(scratch, PLOT.left, PLOT.top, PLOT.size, PLOT.size);
}

function paintPoints(ctx: CanvasRenderingContext2D, points: readonly BoundaryPoint[], extent: Extent) {
  ctx.save();
  ctx.beginPath();
  ctx.rect(PLOT.left, PLOT.top, PLOT.size, PLOT.size);
  ctx.clip();
  // Test points last, so the few held-out points are never hidden under training points.
  const ordered = [...points.filter((p) => p.split === 'train'), ...points.filter((p) => p.split === 'test')];
  for (const point of ordered) {
    const { px, py } = toCanvas(point.x, point.y, extent);
    const colour = css(labelColour(point.label));
    ctx.beginPath();
    ctx.arc(px, py, POINT_RADIUS, 0, 2 * Math.PI);
    if (point.split === 'train') {
      ctx.fillStyle = colour;
      ctx.fill();
      ctx.lineWidth = 1;
      ctx.strokeStyle = OUTLINE;
      ctx.stroke();
    } else {
      // A hollow ring: white inside, the label's colour, then a thin dark edge so it shows on any background.
      ctx.fillStyle = '#fff';
      ctx.fill();
      ctx.lineWidth = 2.5;
      ctx.strokeStyle = colour;
      ctx.stroke();
      ctx.beginPath();
      ctx.arc(px, py, POINT_RADIUS + 1.5, 0, 2 * Math.PI);
      ctx.lineWidth = 0.75;
      ctx.strokeStyle = OUTLINE;
      ctx.stroke();
    }
  }
  ctx.restore();
}

function paintAxes(ctx: CanvasRenderingContext2D, extent: Extent) {
  const [x0, x1, y0, y1] = extent;
  const bottom = PLOT.top + PLOT.size;
  ctx.strokeStyle = '#9aa5b1';
  ctx.lineWidth = 1;
  ctx.strokeRect(PLOT.left + 0.5, PLOT.top + 0.5, PLOT.size - 1, PLOT.size - 1);
  ctx.fillStyle = AXIS_TEXT;
  ctx.font = '11px system-ui, sans-serif';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (const t of niceTicks(x0, x1)) {
    const { px } = toCanvas(t, y0, extent);
    ctx.fillRect(Math.round(px), bottom, 1, 4);
    ctx.fillText(String(t), px, bottom + 6);
  }
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const t of niceTicks(y0, y1)) {
    const { py } = toCanvas(x0, t, extent);
    ctx.fillRect(PLOT.left - 4, Math.round(py), 4, 1);
    ctx.fillText(String(t), PLOT.left - 6, py);
  }
  ctx.font = 'italic 12px system-ui, sans-serif';
  ctx.textAlign = 'center';
  ctx.fillText('x', PLOT.left + PLOT.size / 2, bottom + 24);
  ctx.fillText('y', 10, PLOT.top + PLOT.size / 2);
}

export function paintBoundary(
  ctx: CanvasRenderingContext2D,
  points: readonly BoundaryPoint[],
  grid: BoundaryGrid | null,
  extent: Extent,
  scratch: HTMLCanvasElement,
) {
  ctx.clearRect(0, 0, CANVAS_SIZE, CANVAS_SIZE);
  ctx.fillStyle = EMPTY_PLOT;
  ctx.fillRect(PLOT.left, PLOT.top, PLOT.size, PLOT.size);
  if (grid) paintHeatmap(ctx, grid, scratch);
  paintPoints(ctx, points, extent);
  paintAxes(ctx, extent);
}
