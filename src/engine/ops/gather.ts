// The batch gather (shaders/gather.wgsl): the next rows of a split that lives
// on the GPU, in the order its index list gives, scaled to [0, 1] when they
// are bytes and flipped at random when asked, then the split's cursor moved
// on by one batch, all on the GPU, so a training step writes nothing from the
// CPU.

import source from '../../../shaders/gather.wgsl?raw';
import type { BufferSlice } from '../gpu.ts';
import { defineKernel, groupsFor, u32, uniforms } from '../kernel.ts';
import { ShapeError, type Tensor } from '../tensor.ts';

const gatherKernel = defineKernel('gather_batch', source);
const advanceKernel = defineKernel('advance_cursor', source, { entryPoint: 'advance' });

export interface GatherSource {
  /** [start of the batch in `order`, flip seed]. */
  cursor: BufferSlice;
  order: BufferSlice;
  /** Rows of `features` values: bytes four to a word, or f32. */
  data: BufferSlice;
  labels: BufferSlice;
  byteInputs: boolean;
  byteLabels: boolean;
}

/**
 * Records the gather of the next `out.x.shape[0]` rows into `out.x`
 * [batch, features] and their labels into `out.labels`, then the cursor's
 * advance. `flipWidth` is the image width for random horizontal flips, 0 for none.
 */
export function gatherBatch(source: GatherSource, out: { x: Tensor; labels: Tensor }, flipWidth: number): void {
  const [batchSize, features] = out.x.shape as [number, number];
  if (out.x.shape.length !== 2 || out.labels.size !== batchSize) {
    throw new ShapeError(`gather: a batch of [batch, features] and one label per row, got ${out.x.shape.join('×')} and ${out.labels.size} labels`);
  }
  const gpu = out.x.gpu;
  const params = uniforms(u32(batchSize), u32(features), u32(flipWidth));
  // Whole u32 words of four pixels, where rows and the flip width allow (MNIST's 784 and 28 do).
  const words = source.byteInputs && features % 4 === 0 && flipWidth % 4 === 0;
  gpu.dispatch(gatherKernel, {
    constants: { BYTE_INPUTS: source.byteInputs ? 1 : 0, BYTE_LABELS: source.byteLabels ? 1 : 0, WORDS: words ? 1 : 0 },
    uniforms: params,
    bindings: {
      cursor: source.cursor,
      order: source.order,
      data: source.data,
      labelsIn: source.labels,
      x: out.x.slice,
      labelsOut: out.labels.slice,
    },
    // One workgroup row per batch row, in z past 65,535 rows.
    workgroups: [groupsFor(words ? features / 4 : features, 64), Math.min(batchSize, 65535), Math.ceil(batchSize / 65535)],
  });
  gpu.dispatch(advanceKernel, { uniforms: params, bindings: { cursor: source.cursor }, workgroups: [1] });
}
