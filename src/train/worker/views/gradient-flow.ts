// The view "Gradient flow": per layer, the norm of its weight gradient and the
// size of its update against its weights, over the steps of the run. The
// samples come from a probe on the training session (gradient-flow-probe.ts):
// its GPU work rides in the sampled steps' own command encoders and its
// numbers in the loss readbacks, so computing the view reads nothing back.
// While the view is off screen nobody claims the series: the probe then
// stops sampling once IDLE_MS and IDLE_STEPS have both passed since the last
// claim, so a view nobody looks at costs nothing.

import { GradientFlowProbe, type FlowSeries } from '../../gradient-flow-probe.ts';
import type { TrainingSession } from '../../session.ts';
import { defineView } from './view.ts';

export interface GradientFlowData extends FlowSeries {
  /** Steps between samples. */
  every: number;
}

/**
 * A shown view claims the series every 20 steps or 500 ms, whichever comes
 * later (its schedule below): with both bounds well past that, a shown view
 * never loses its probe, on a fast GPU or a slow one.
 */
const IDLE_MS = 3000;
const IDLE_STEPS = 60;

let probe: GradientFlowProbe | null = null;
let lastClaim = -Infinity;
let lastClaimStep = -Infinity;

function probeFor(session: TrainingSession): GradientFlowProbe {
  if (probe?.session !== session) {
    probe?.destroy();
    probe = new GradientFlowProbe(session, undefined, () => performance.now() - lastClaim < IDLE_MS || session.steps - lastClaimStep < IDLE_STEPS);
  }
  return probe;
}

export const gradientFlowView = defineView({
  id: 'gradient-flow',
  schedule: { model: 'run', everySteps: 20, onEpoch: true, minIntervalMs: 500 },
  compute: async ({ run }): Promise<GradientFlowData | null> => {
    if (!run) return null;
    const current = probeFor(run.session);
    lastClaim = performance.now();
    lastClaimStep = run.session.steps;
    current.attach();
    return { ...current.series, every: current.every };
  },
});
