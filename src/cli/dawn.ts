// WebGPU in Node through Dawn (the npm package `webgpu`).

import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Gpu, GpuOptions } from '../engine/gpu.ts';
import { requestGpu } from '../engine/request-gpu.ts';

/**
 * Dawn's navigator object must stay reachable for as long as any device lives:
 * when it is garbage-collected, the process dies at random (segfaults, futex
 * errors). The module keeps it, and the Gpu holds it too.
 */
let dawn: GPU | null = null;

const swiftShaderIcds = ['/usr/lib/chromium/vk_swiftshader_icd.json', '/usr/lib/chromium-browser/vk_swiftshader_icd.json'];

function machineHasGpu(): boolean {
  const render = existsSync('/dev/dri') && readdirSync('/dev/dri').some((name) => name.startsWith('renderD'));
  return render || existsSync('/dev/nvidia0');
}

/**
 * On a machine without a GPU, points Vulkan at Chromium's SwiftShader (a CPU
 * implementation Dawn accepts) unless the caller chose a driver. Must run
 * before Dawn loads Vulkan, i.e. before the first `create()`.
 */
export function chooseVulkanDriver(): string | null {
  // Before the early return: a driver chosen by the caller loads the same layers.
  quietWayland();
  if (process.env.VK_ICD_FILENAMES) return null;
  const wantSoftware = process.env.WEBGPU_ADAPTER === 'swiftshader' || (!machineHasGpu() && process.env.WEBGPU_ADAPTER !== 'native');
  const icd = wantSoftware ? swiftShaderIcds.find((path) => existsSync(path)) : undefined;
  if (icd) {
    process.env.VK_ICD_FILENAMES = icd;
    // Mesa's device-select layer (an implicit Vulkan layer) only orders GPUs
    // by the display they drive; with SwiftShader alone it has nothing to do.
    process.env.NODEVICE_SELECT ??= '1';
  }
  return icd ?? null;
}

/**
 * Mesa's device-select layer asks Wayland for the display, and libwayland
 * prints "error: XDG_RUNTIME_DIR is invalid or not set in the environment."
 * to stderr when that variable is unset or not an absolute path, as in
 * containers and cron jobs. It is not about the user's run: give the process
 * a private, empty runtime folder instead (no display is found there, quietly).
 */
function quietWayland(): void {
  if (process.env.XDG_RUNTIME_DIR?.startsWith('/')) return;
  const folder = mkdtempSync(path.join(tmpdir(), 'webgpu-runtime-'));
  process.env.XDG_RUNTIME_DIR = folder;
  process.once('exit', () => rmSync(folder, { recursive: true, force: true }));
}

export async function requestDawnGpu(options: GpuOptions = {}): Promise<Gpu> {
  chooseVulkanDriver();
  const { create, globals } = await import('webgpu');
  Object.assign(globalThis, globals);
  dawn ??= create([]) as GPU;
  try {
    return await requestGpu(dawn, { ...options, keepAlive: dawn });
  } catch (error) {
    const hint = existsSync('/usr/lib/x86_64-linux-gnu/libvulkan.so.1') || existsSync('/usr/lib/aarch64-linux-gnu/libvulkan.so.1')
      ? 'check the GPU driver, or set WEBGPU_ADAPTER=swiftshader with Chromium installed (apt-get install chromium)'
      : 'the Vulkan loader is missing: apt-get install libvulkan1 (and chromium, whose SwiftShader runs without a GPU)';
    throw new Error(`${(error as Error).message} In Node: ${hint}.`);
  }
}
