// Shared by the engine tests: seeded inputs, comparisons with a per-element
// tolerance that report the worst element, and a watch on WebGPU errors.

import { afterEach, beforeEach, expect } from 'vitest';
import { testGpu } from '../gpu.ts';
import type { Gpu } from '../../src/engine/gpu.ts';

/** The unit roundoff of f32: a correctly rounded f32 operation has relative error ≤ U. */
export const U = 2 ** -24;

/** Mulberry32: the tests' own PRNG, independent of the engine's. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `n` f32 values uniform in [low, high). */
export function uniformF32(n: number, seed: number, low = -1, high = 1): Float32Array {
  const next = rng(seed);
  return Float32Array.from({ length: n }, () => low + (high - low) * next());
}

/** `n` integers in [0, classes). */
export function labelsU32(n: number, classes: number, seed: number): Uint32Array {
  const next = rng(seed);
  return Uint32Array.from({ length: n }, () => Math.floor(next() * classes));
}

/**
 * Checks |actual[i] − expected[i]| ≤ tolerance(i) for every i and fails with the
 * worst element (index, values, tolerance) rather than the first: that says
 * how far off a kernel is, not only that it is. NaN never passes.
 */
export function expectClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  tolerance: number | ((i: number) => number),
  what: string,
): void {
  expect(actual.length, `${what}: length`).toBe(expected.length);
  const tol = typeof tolerance === 'number' ? () => tolerance : tolerance;
  let worst = -1;
  let worstRatio = -1;
  for (let i = 0; i < expected.length; i++) {
    const error = Math.abs(actual[i]! - expected[i]!);
    const ratio = error === 0 ? 0 : Number.isNaN(error) ? Infinity : error / tol(i);
    if (ratio > worstRatio) {
      worstRatio = ratio;
      worst = i;
    }
  }
  // REPORT_TOLERANCE=1 prints how much of each tolerance was used, to see how tight it is.
  if (process.env.REPORT_TOLERANCE) console.log(`${what}: worst error ${worstRatio.toPrecision(3)}× the tolerance`);
  if (worstRatio > 1) {
    const i = worst;
    expect.fail(
      `${what}: element ${i} is ${actual[i]}, expected ${expected[i]} ± ${tol(i)} ` +
        `(error ${Math.abs(actual[i]! - expected[i]!)}, ${worstRatio.toPrecision(3)}× the tolerance)`,
    );
  }
}

/**
 * The shared device, with every WebGPU error it reports during a test
 * collected: a test that caused a validation error fails, even when its
 * numbers happen to look right.
 */
export function useGpu(): () => Gpu {
  let gpu: Gpu | null = null;
  let errors: string[] = [];
  let stop: (() => void) | null = null;
  beforeEach(async () => {
    gpu = await testGpu();
    errors = [];
    stop = gpu.onError((message) => errors.push(message));
  });
  afterEach(async () => {
    await gpu!.finish();
    await gpu!.checkCompileErrors();
    stop?.();
    expect(errors, 'WebGPU errors during the test').toEqual([]);
  });
  return () => gpu!;
}

export function toF64(values: ArrayLike<number>): Float64Array {
  return Float64Array.from(values);
}
