// The bench page: bench/run.ts loads it once per part and calls
// `window.bench.run(part, options)`. Each part is imported only when asked
// for, so a page holds one framework and one device at a time.

import { requestGpu } from '../../src/engine/request-gpu.ts';
import type { PartOptions } from '../parts/common.ts';

export type PartName = 'ours' | 'tfjs-webgpu' | 'tfjs-webgl' | 'tfjs-wasm' | 'jaxjs-webgpu' | 'jaxjs-wasm' | 'train';

const log = (message: string) => console.log(`[bench] ${message}`);

async function run(part: PartName, settings: { quick: boolean }): Promise<unknown> {
  const options: PartOptions = { ...settings, log };
  switch (part) {
    case 'ours': {
      const { benchOurs } = await import('../parts/ours.ts');
      const gpu = await requestGpu(navigator.gpu, { onError: (message) => log(`WebGPU error: ${message}`) });
      try {
        return await benchOurs(gpu, options);
      } finally {
        gpu.destroy();
      }
    }
    case 'tfjs-webgpu':
    case 'tfjs-webgl':
    case 'tfjs-wasm': {
      const { benchTfjs } = await import('../parts/tfjs.ts');
      return benchTfjs(part.slice('tfjs-'.length) as 'webgpu' | 'webgl' | 'wasm', options);
    }
    case 'jaxjs-webgpu':
    case 'jaxjs-wasm': {
      const { benchJax } = await import('../parts/jaxjs.ts');
      return benchJax(part.slice('jaxjs-'.length) as 'webgpu' | 'wasm', options);
    }
    case 'train': {
      const { benchTraining } = await import('../parts/train.ts');
      return benchTraining(options);
    }
  }
}

declare global {
  interface Window {
    bench: { run: typeof run };
  }
}

window.bench = { run };
