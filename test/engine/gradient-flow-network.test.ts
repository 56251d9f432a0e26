// The "Gradient flow" numbers of a whole training step (GradientFlowProbe on a
// TrainingSession: recorded into the step's encoder, read with the losses)
// against float64: the gradient of each weight matrix by central finite
// differences of the same loss computed on the CPU (sequentialLossRef), from
// the same initial weights and batch.
//
// Tolerances: each gradient element is within about 5e-6 of its tensor's
// largest element (network-gradients.test.ts), so the norm is within ~5e-6
// relative; we allow 2e-5. The update is param_after − param_before in f32:
// p − lr·g rounds to u·|p| ≈ 6e-8·0.5, against lr·|g| ≈ 1e-3 per element here,
// so ‖Δw‖ carries ~1e-4 relative error of its own; we allow 5e-4 on it.

import { describe, expect, it } from 'vitest';
import type { LayerSpec } from '../../src/engine/layer-spec.ts';
import { GradientFlowProbe } from '../../src/train/gradient-flow-probe.ts';
import { TrainingSession } from '../../src/train/session.ts';
import type { SplitData } from '../../src/engine/gpu-split.ts';
import { expectClose, labelsU32, uniformF32, useGpu } from './helpers.ts';
import { finiteDifferences, sequentialLossRef, sumOfSquaresRef, type RefLayer } from './reference.ts';

const gpuOf = useGpu();

function split(count: number, features: number, classes: number, seed: number): SplitData {
  return { inputs: uniformF32(count * features, seed), labels: Uint8Array.from(labelsU32(count, classes, seed + 1)), count, features };
}

function session(layers: LayerSpec[], data: SplitData, lr: number, batchSize: number): TrainingSession {
  return new TrainingSession(
    gpuOf(),
    { train: data, test: split(4, data.features, 3, 99) },
    { dataset: 'blobs', layers, loss: 'cross-entropy', optimizer: { type: 'sgd', lr }, batchSize, epochs: 1, seed: 7, shuffle: false, flip: false },
  );
}

describe('gradient flow of a training step', () => {
  it('‖∂loss/∂W‖ and ‖ΔW‖/‖W‖ of each layer match float64 finite differences (Linear(5, 8) → Sigmoid → Linear(8, 6) → Sigmoid → Linear(6, 3))', async () => {
    const layers: RefLayer[] & LayerSpec[] = [
      { type: 'linear', in: 5, out: 8 },
      { type: 'sigmoid' },
      { type: 'linear', in: 8, out: 6 },
      { type: 'sigmoid' },
      { type: 'linear', in: 6, out: 3 },
    ];
    const data = split(6, 5, 3, 11);
    const lr = 0.5;
    const s = session(layers, data, lr, 6);
    const probe = new GradientFlowProbe(s, 1);
    probe.attach();
    const initial = new Map((await s.model.stateDict()).map((t) => [t.name, Float64Array.from(t.data)]));
    s.step();
    await s.readLosses();
    const series = probe.series;
    expect(series.steps).toEqual([1]);
    expect(series.layers.map((l) => l.name)).toEqual(['Linear(5, 8)', 'Linear(8, 6)', 'Linear(6, 3)']);
    const labels = Float64Array.from(data.labels);
    const lossAt = () => sequentialLossRef(layers, initial, data.inputs, 6, 'cross-entropy', labels).loss;
    ['0.weight', '2.weight', '4.weight'].forEach((name, i) => {
      const fd = finiteDifferences(initial.get(name)!, lossAt);
      const gradNorm = Math.sqrt(sumOfSquaresRef(fd));
      const weightNorm = Math.sqrt(sumOfSquaresRef(initial.get(name)!));
      expectClose([series.gradNorms[i]![0]!], [gradNorm], 2e-5 * gradNorm, `${name}: ‖g‖`);
      // Plain SGD: ΔW = −lr·g.
      const ratio = (lr * gradNorm) / weightNorm;
      expectClose([series.updateRatios[i]![0]!], [ratio], 5e-4 * ratio, `${name}: ‖ΔW‖/‖W‖`);
    });
    probe.destroy();
    s.destroy();
  });

  it('samples every k-th step only, and costs nothing once detached', async () => {
    const s = session([{ type: 'linear', in: 5, out: 3 }], split(12, 5, 3, 12), 0.1, 3);
    const probe = new GradientFlowProbe(s, 2);
    probe.attach();
    for (let i = 0; i < 4; i++) s.step();
    await s.readLosses();
    expect(probe.series.steps).toEqual([2, 4]);
    probe.detach();
    const dispatches = s.gpu.stats.dispatches;
    s.step();
    s.step();
    await s.readLosses();
    const perStep = (s.gpu.stats.dispatches - dispatches) / 2;
    expect(probe.series.steps).toEqual([2, 4]);
    probe.attach();
    const before = s.gpu.stats.dispatches;
    s.step();
    s.step();
    await s.readLosses();
    // One sampled step of two: three dispatches more than two plain steps.
    expect(s.gpu.stats.dispatches - before).toBe(2 * perStep + 3);
    expect(probe.series.steps).toEqual([2, 4, 8]);
    probe.destroy();
    s.destroy();
  });

  for (const activation of ['sigmoid', 'relu'] as const) {
    it(`a deep MLP with ${activation}: the first layer's gradient norm ${activation === 'sigmoid' ? 'vanishes, orders of magnitude below' : 'stays within an order of magnitude of'} the last's`, async () => {
      const hidden = (n: number, m: number): LayerSpec[] => [{ type: 'linear', in: n, out: m }, { type: activation }];
      const layers = [...hidden(64, 32), ...hidden(32, 32), ...hidden(32, 32), ...hidden(32, 32), { type: 'linear', in: 32, out: 10 } as LayerSpec];
      const s = session(layers, split(32, 64, 10, 13), 0.1, 32);
      const probe = new GradientFlowProbe(s, 1);
      probe.attach();
      for (let i = 0; i < 3; i++) s.step();
      await s.readLosses();
      const norms = probe.series.gradNorms.map((series) => series.at(-1)!);
      // Measured here: sigmoid 3.6e-4 … 3.1e-1 from the first layer to the last (a ratio of 1e-3: each sigmoid
      // multiplies the backward signal by σ' ≤ 1/4), ReLU 2.1e-2 … 4.9e-2 (0.43). The view must show that gap.
      const ratio = norms[0]! / norms.at(-1)!;
      if (activation === 'sigmoid') expect(ratio).toBeLessThan(1e-2);
      else expect(ratio).toBeGreaterThan(0.1);
      probe.destroy();
      s.destroy();
    });
  }
});
