// What the engine learns about an adapter: a name for people, and whether it
// runs shaders on the CPU (matmul.ts picks its block size by that).

import { describe, expect, it } from 'vitest';
import { describeAdapter, requestGpu } from '../../src/engine/request-gpu.ts';

const adapterWith = (info: Partial<GPUAdapterInfo> & { isFallbackAdapter?: boolean }) => ({ info: info as GPUAdapterInfo });

describe('describeAdapter', () => {
  it('names the adapter and tells software adapters from GPUs', () => {
    // What Chromium and Dawn report for SwiftShader, Mesa's llvmpipe, and two GPUs.
    expect(describeAdapter(adapterWith({ vendor: 'google', architecture: 'swiftshader', description: 'SwiftShader driver 5.0.0' }))).toEqual({
      name: 'google swiftshader SwiftShader driver 5.0.0',
      runsOnCpu: true,
    });
    expect(describeAdapter(adapterWith({ vendor: 'mesa', description: 'llvmpipe (LLVM 19.1.7, 256 bits)' })).runsOnCpu).toBe(true);
    expect(describeAdapter(adapterWith({ vendor: 'nvidia', architecture: 'hopper', description: 'NVIDIA H100 80GB HBM3' }))).toEqual({
      name: 'nvidia hopper NVIDIA H100 80GB HBM3',
      runsOnCpu: false,
    });
    expect(describeAdapter(adapterWith({ vendor: 'apple', architecture: 'metal-3' })).runsOnCpu).toBe(false);
  });

  it('counts a fallback adapter as running on the CPU, and names an adapter that says nothing', () => {
    expect(describeAdapter(adapterWith({ vendor: '', isFallbackAdapter: true }))).toEqual({ name: 'unknown adapter', runsOnCpu: true });
  });
});

describe('requestGpu', () => {
  it('explains a runtime without WebGPU, and one with no adapter', async () => {
    await expect(requestGpu(undefined)).rejects.toThrow(/no navigator\.gpu/);
    const noAdapter = { requestAdapter: async () => null } as unknown as GPU;
    await expect(requestGpu(noAdapter)).rejects.toThrow(/no GPU adapter was found/);
  });
});
