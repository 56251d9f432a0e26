// WebGPU in Node through Dawn (the npm package `webgpu`).

import { create, globals } from 'webgpu';
import { requestGpu, type Gpu, type GpuOptions } from '../engine/gpu.ts';

/**
 * Dawn's navigator object must stay reachable for as long as any device lives:
 * when it is garbage-collected, the process dies at random (segfaults, futex
 * errors). The module keeps it, and the Gpu holds it too.
 */
let dawn: GPU | null = null;

export async function requestDawnGpu(options: GpuOptions = {}): Promise<Gpu> {
  Object.assign(globalThis, globals);
  dawn ??= create([]) as GPU;
  return requestGpu(dawn, { ...options, keepAlive: dawn });
}
