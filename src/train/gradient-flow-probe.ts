// The "Gradient flow" view's work on a training session: every `every` steps,
// the norms of each layer's weight gradient and update (GradientFlow, on the
// GPU), recorded into the step's own command encoder and read back with the
// step losses. The series it keeps grows by one sample per `every` steps and
// is thinned to at most MAX_SAMPLES, so a long run stays a few kilobytes.

import { GradientFlow, type GradientFlowSample } from '../engine/gradient-flow.ts';
import { kindOf } from '../engine/layer-spec.ts';
import type { StepProbe, TrainingSession } from './session.ts';

const MAX_SAMPLES = 600;

export interface FlowLayer {
  /** Index of the layer in the Sequential. */
  layer: number;
  /** As PyTorch prints it: "Linear(784, 128)". */
  name: string;
}

export interface FlowSeries {
  layers: FlowLayer[];
  /** Steps (from 1) the samples were taken after. */
  steps: number[];
  /** Per layer, ‖∂loss/∂W‖ at each sampled step. */
  gradNorms: number[][];
  /** Per layer, ‖ΔW‖ / ‖W‖ of the update at each sampled step. */
  updateRatios: number[][];
}

/** Steps between samples: about a hundred per epoch, and never every step (the view costs well under 10% then). */
export function sampleEvery(stepsPerEpoch: number): number {
  return Math.max(4, Math.round(stepsPerEpoch / 100));
}

export class GradientFlowProbe implements StepProbe {
  readonly every: number;
  readonly series: FlowSeries;
  private readonly flow: GradientFlow;
  private stride = 1;
  private sampleCount = 0;

  constructor(
    readonly session: TrainingSession,
    every = sampleEvery(session.batchesPerEpoch),
  ) {
    this.every = every;
    const model = session.model;
    const weights = model.parameters.entries.filter((entry) => entry.name.endsWith('.weight'));
    const params = model.parameters;
    this.flow = new GradientFlow(
      session.gpu,
      { grads: params.slice(params.grads), values: params.slice(params.values), backup: session.weightsBeforeStep },
      weights.map((entry) => ({ offset: entry.offset, length: entry.value.size })),
    );
    const layers = weights.map((entry) => {
      const layer = Number(entry.name.split('.')[0]);
      return { layer, name: kindOf(model.layers[layer]!).describe(model.layers[layer]!) };
    });
    this.series = { layers, steps: [], gradNorms: layers.map(() => []), updateRatios: layers.map(() => []) };
  }

  afterStep(step: number): void {
    if (step % this.every === 0) this.flow.record(step);
  }

  slices() {
    return this.flow.slices();
  }

  readout(bytes: ArrayBuffer[]): void {
    for (const sample of this.flow.readout(bytes)) this.add(sample);
  }

  /** Keeps every `stride`-th sample; past MAX_SAMPLES, every other one of those and twice the stride. */
  private add({ step, tensors }: GradientFlowSample): void {
    if (this.sampleCount++ % this.stride !== 0) return;
    const s = this.series;
    s.steps.push(step);
    tensors.forEach((t, i) => {
      s.gradNorms[i]!.push(t.grad);
      s.updateRatios[i]!.push(t.weight > 0 ? t.update / t.weight : NaN);
    });
    if (s.steps.length > MAX_SAMPLES) {
      const even = <T>(values: T[]) => values.filter((_, i) => i % 2 === 0);
      s.steps = even(s.steps);
      s.gradNorms = s.gradNorms.map(even);
      s.updateRatios = s.updateRatios.map(even);
      this.stride *= 2;
    }
  }

  /** Starts sampling the session's steps. */
  attach(): void {
    this.session.probes.add(this);
  }

  detach(): void {
    this.session.probes.delete(this);
  }

  destroy(): void {
    this.detach();
    this.flow.destroy();
  }
}
