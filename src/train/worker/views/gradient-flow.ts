// The view "Gradient flow": per layer, the norm of its weight gradient and the
// size of its update against its weights, over the steps of the run. The
// samples come from a probe on the training session (gradient-flow-probe.ts):
// its GPU work rides in the sampled steps' own command encoders and its
// numbers in the loss readbacks, so computing the view reads nothing back.
// While the view is off screen the probe is detached (hide), so a view
// nobody looks at costs nothing.

import { GradientFlowProbe, type FlowSeries } from '../../gradient-flow-probe.ts';
import type { TrainingSession } from '../../session.ts';
import { defineView } from './view.ts';

export interface GradientFlowData extends FlowSeries {
  /** Steps between samples. */
  every: number;
}

let probe: GradientFlowProbe | null = null;

function probeFor(session: TrainingSession): GradientFlowProbe {
  if (probe?.session !== session) {
    probe?.destroy();
    probe = new GradientFlowProbe(session);
  }
  return probe;
}

export const gradientFlowView = defineView({
  id: 'gradient-flow',
  schedule: { model: 'run', everySteps: 20, onEpoch: true, minIntervalMs: 500 },
  compute: async ({ run }): Promise<GradientFlowData | null> => {
    if (!run) return null;
    const current = probeFor(run.session);
    current.attach();
    return { ...current.series, every: current.every };
  },
  hide: () => probe?.detach(),
});
