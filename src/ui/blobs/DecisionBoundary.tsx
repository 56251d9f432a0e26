import { useEffect, useMemo, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import { useT } from '../app/i18n/useT.ts';
import { backingScale } from '../shared/canvas.ts';
import { CANVAS_SIZE, toData } from './axes.ts';
import { CLASS_COLOURS, HEATMAP_STRENGTH, css, probabilityColour, type Rgb } from './colours.ts';
import { extentAround } from '../../train/grid.ts';
import { describeProbability, probabilityAt, type BoundaryGrid } from './grid.ts';
import { paintBoundary, type BoundaryPoint } from './paint.ts';
import './blobs.css';

interface DecisionBoundaryProps {
  points: BoundaryPoint[];
  /** The model's probability of class 1 over the plane, or null before there is a model to ask. */
  grid: BoundaryGrid | null;
}

const GRADIENT = `linear-gradient(to right, ${[0, 0.5, 1].map((p) => css(probabilityColour(p, HEATMAP_STRENGTH))).join(', ')})`;

/** The plane coloured by what the model answers at each point, with the data on top. */
export function DecisionBoundary({ points, grid }: DecisionBoundaryProps) {
  const tr = useT();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const scratchRef = useRef<HTMLCanvasElement | null>(null);
  const [scale] = useState(backingScale);
  const [readout, setReadout] = useState<string | null>(null);
  const extent = useMemo(() => grid?.extent ?? extentAround(points.flatMap(({ x, y }) => [x, y])), [grid, points]);

  useEffect(() => {
    const ctx = canvasRef.current?.getContext('2d');
    if (!ctx) return;
    scratchRef.current ??= document.createElement('canvas');
    ctx.setTransform(scale, 0, 0, scale, 0, 0);
    paintBoundary(ctx, points, grid, extent, scratchRef.current);
  }, [points, grid, extent, scale]);

  const onPointerMove = (e: ReactPointerEvent<HTMLCanvasElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    if (!grid || rect.width === 0) return;
    const { x, y } = toData(
      ((e.clientX - rect.left) * CANVAS_SIZE) / rect.width,
      ((e.clientY - rect.top) * CANVAS_SIZE) / rect.height,
      extent,
    );
    const p = probabilityAt(grid, x, y);
    setReadout(p === null ? null : tr.t('boundary.readout', { x: tr.decimal(x, 2, true), y: tr.decimal(y, 2, true), answer: describeProbability(p, tr) }));
  };

  return (
    <figure className="boundary">
      <canvas
        ref={canvasRef}
        className="boundary__canvas"
        aria-label={tr.t('boundary.label')}
        role="img"
        width={CANVAS_SIZE * scale}
        height={CANVAS_SIZE * scale}
        onPointerMove={onPointerMove}
        onPointerLeave={() => setReadout(null)}
      />
      <figcaption className="boundary__legend">
        <span className="boundary__scale">
          <span className="boundary__class">
            <Dot colour={CLASS_COLOURS[0]!} /> {tr.t('boundary.class', { n: 0 })}
          </span>
          <span className="boundary__gradient" style={{ background: GRADIENT }} aria-hidden="true" />
          <span className="boundary__class">
            <Dot colour={CLASS_COLOURS[1]!} /> {tr.t('boundary.class', { n: 1 })}
          </span>
        </span>
        <span className="boundary__note">
          {grid ? tr.t('boundary.note') : tr.t('boundary.noteEmpty')}
        </span>
        <span className="boundary__keys">
          <span><Dot colour={CLASS_COLOURS[0]!} /><Dot colour={CLASS_COLOURS[1]!} /> {tr.t('boundary.trainingPoints')}</span>
          <span><Dot colour={CLASS_COLOURS[0]!} hollow /><Dot colour={CLASS_COLOURS[1]!} hollow /> {tr.t('boundary.testPoints')}</span>
        </span>
        <span className="boundary__readout">{readout ?? (grid ? tr.t('boundary.pointAt') : '')}</span>
      </figcaption>
    </figure>
  );
}

function Dot({ colour, hollow = false }: { colour: Rgb; hollow?: boolean }) {
  const c = css(colour);
  return (
    <svg className="boundary__dot" viewBox="0 0 12 12" aria-hidden="true">
      {hollow ? (
        <circle cx="6" cy="6" r="4" fill="#fff" stroke={c} strokeWidth="2.5" />
      ) : (
        <circle cx="6" cy="6" r="4.5" fill={c} stroke="#1f2933" strokeWidth="1" />
      )}
    </svg>
  );
}
