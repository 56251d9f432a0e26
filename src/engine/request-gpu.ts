// Opening a device: the adapter asked for its largest buffer limits, and
// described for people and for kernels that pick their shapes per adapter.
//
// The caller hands in the `GPU` object (navigator.gpu in a page or worker,
// Dawn's `create()` in Node).

import { Gpu, GpuError, type GpuOptions } from './gpu.ts';

/** Resolves a WebGPU device, asking for the adapter's largest buffer limits so big datasets fit. */
export async function requestGpu(gpuApi: GPU | undefined, options: GpuOptions = {}): Promise<Gpu> {
  if (!gpuApi) {
    throw new GpuError('WebGPU is not available here: this browser or runtime has no navigator.gpu.');
  }
  const adapter = await gpuApi.requestAdapter({ powerPreference: options.powerPreference ?? 'high-performance' });
  if (!adapter) {
    throw new GpuError('WebGPU is available but no GPU adapter was found (the GPU may be blocklisted or disabled).');
  }
  const requiredLimits: Record<string, number> = {
    maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
    maxBufferSize: adapter.limits.maxBufferSize,
    maxStorageBuffersPerShaderStage: adapter.limits.maxStorageBuffersPerShaderStage,
  };
  const device = await adapter.requestDevice({ label: 'playground', requiredLimits });
  return new Gpu(device, describeAdapter(adapter), options);
}

/** What kernels need to know about the adapter beyond its limits. */
export interface AdapterDescription {
  /** Vendor, architecture and description, for people. */
  name: string;
  /**
   * A software adapter (SwiftShader, llvmpipe, WARP) running shaders on the
   * CPU, where the best kernel shapes differ from a GPU's.
   */
  runsOnCpu: boolean;
}

export function describeAdapter(adapter: Pick<GPUAdapter, 'info'>): AdapterDescription {
  const info = adapter.info;
  const parts = [info?.vendor, info?.architecture, info?.device, info?.description].filter((p) => p && p.length > 0);
  const name = parts.length > 0 ? [...new Set(parts)].join(' ') : 'unknown adapter';
  const fallback = (info as { isFallbackAdapter?: boolean } | undefined)?.isFallbackAdapter === true;
  return { name, runsOnCpu: fallback || /swiftshader|llvmpipe|lavapipe|\bwarp\b/i.test(name) };
}
