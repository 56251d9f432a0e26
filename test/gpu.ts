// One Dawn device per test process, shared by every test file in it.
import { requestDawnGpu } from '../src/cli/dawn.ts';
import type { Gpu } from '../src/engine/gpu.ts';

let shared: Promise<Gpu> | null = null;

export function testGpu(): Promise<Gpu> {
  shared ??= requestDawnGpu({ onError: (message) => console.error(`WebGPU error in test: ${message}`) });
  return shared;
}
