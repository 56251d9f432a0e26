// The page shown when WebGPU cannot run here: what is missing, and how to get it.

import type { GpuProblemReason } from './store/gpu-slice.ts';

interface NoWebGpuProps {
  reason: GpuProblemReason | null;
  problem: string | null;
}

const headlines: Record<GpuProblemReason, string> = {
  'no-webgpu': 'This browser does not offer WebGPU',
  'no-adapter': 'WebGPU is there, but no GPU is available to it',
  device: 'The GPU could not be started',
  worker: 'The training worker could not start',
};

export function NoWebGpu({ reason, problem }: NoWebGpuProps) {
  return (
    <main className="no-webgpu">
      <h1>WebGPU training playground</h1>
      <section className="no-webgpu__card" aria-labelledby="no-webgpu-title">
        <h2 id="no-webgpu-title">{headlines[reason ?? 'no-webgpu']}</h2>
        <p>This playground trains neural networks on your GPU through WebGPU, so it cannot run here.</p>
        {problem ? (
          <p>
            <strong>What the page found:</strong> {problem}
          </p>
        ) : null}
        <h3>How to get WebGPU</h3>
        <ul>
          <li>
            <strong>Chrome or Edge 113 or newer</strong> on Windows, macOS or ChromeOS have it on by default. On Linux, open{' '}
            <code>chrome://flags/#enable-unsafe-webgpu</code>, enable it (and <code>#enable-vulkan</code>), and restart the browser.
          </li>
          <li>
            <strong>Firefox</strong>: version 141 or newer has it on Windows; elsewhere set <code>dom.webgpu.enabled</code> to true in{' '}
            <code>about:config</code> (or use Firefox Nightly).
          </li>
          <li>
            <strong>Safari</strong>: Safari 26 has it; in older versions enable WebGPU under Develop → Feature Flags (or use Safari Technology Preview).
          </li>
          <li>
            Already on one of these? Open <code>chrome://gpu</code> (or <code>edge://gpu</code>) and look for “WebGPU: Hardware accelerated”. If the GPU is
            blocklisted, update its driver, or turn on hardware acceleration in the browser’s settings.
          </li>
          <li>WebGPU only works on secure pages: https, or http on localhost / 127.0.0.1.</li>
        </ul>
        <p>Then reload this page.</p>
      </section>
    </main>
  );
}
