import type { StateCreator } from 'zustand';
import type { Msg } from '../i18n/translator.ts';
import type { AppState } from './store.ts';

export type GpuStatus = 'starting' | 'ready' | 'unsupported' | 'failed' | 'lost';
export type GpuProblemReason = 'no-webgpu' | 'no-adapter' | 'device' | 'worker';

export interface GpuSlice {
  gpuStatus: GpuStatus;
  adapterName: string | null;
  /** Why WebGPU is unusable, or why the device was lost. */
  gpuProblem: Msg | null;
  gpuProblemReason: GpuProblemReason | null;
  /** The latest error WebGPU reported without stopping anything. */
  gpuWarning: Msg | null;
  /** Said once a new device replaced a lost one. */
  gpuRecovered: Msg | null;
}

export const createGpuSlice: StateCreator<AppState, [], [], GpuSlice> = () => ({
  gpuStatus: 'starting',
  adapterName: null,
  gpuProblem: null,
  gpuProblemReason: null,
  gpuWarning: null,
  gpuRecovered: null,
});
