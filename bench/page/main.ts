// The bench page: bench/run.ts loads it once per part and calls
// `window.bench.run(part, options)`. Each part is imported only when asked
// for, so a page holds one framework and one device at a time.

import type { Gpu } from '../../src/engine/gpu.ts';
import { requestGpu } from '../../src/engine/request-gpu.ts';
import type { PartOptions } from '../parts/common.ts';

export type PartName =
  | 'ours'
  | 'tfjs-webgpu'
  | 'tfjs-webgl'
  | 'tfjs-wasm'
  | 'jaxjs-webgpu'
  | 'jaxjs-wasm'
  | 'train'
  | 'views'
  | 'cnn-ours'
  | 'cnn-tfjs-webgpu'
  | 'cnn-tfjs-webgl'
  | 'cnn-tfjs-wasm'
  | 'cnn-jaxjs-webgpu'
  | 'cnn-jaxjs-wasm';

const log = (message: string) => console.log(`[bench] ${message}`);

/** Runs `measure` on a device of its own, destroyed after. */
async function withGpu<T>(measure: (gpu: Gpu) => Promise<T>): Promise<T> {
  const gpu = await requestGpu(navigator.gpu, { onError: (message) => log(`WebGPU error: ${message}`) });
  try {
    return await measure(gpu);
  } finally {
    gpu.destroy();
  }
}

async function run(part: PartName, settings: { quick: boolean }): Promise<unknown> {
  const options: PartOptions = { ...settings, log };
  switch (part) {
    case 'ours': {
      const { benchOurs } = await import('../parts/ours.ts');
      return withGpu((gpu) => benchOurs(gpu, options));
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
    case 'cnn-ours': {
      const { benchOursCnn } = await import('../parts/ours-cnn.ts');
      return withGpu((gpu) => benchOursCnn(gpu, options));
    }
    case 'cnn-tfjs-webgpu':
    case 'cnn-tfjs-webgl':
    case 'cnn-tfjs-wasm': {
      const { benchTfjsCnn } = await import('../parts/tfjs-cnn.ts');
      return benchTfjsCnn(part.slice('cnn-tfjs-'.length) as 'webgpu' | 'webgl' | 'wasm', options);
    }
    case 'cnn-jaxjs-webgpu':
    case 'cnn-jaxjs-wasm': {
      const { benchJaxCnn } = await import('../parts/jaxjs-cnn.ts');
      return benchJaxCnn(part.slice('cnn-jaxjs-'.length) as 'webgpu' | 'wasm', options);
    }
    case 'train': {
      const { benchTraining } = await import('../parts/train.ts');
      return benchTraining(options);
    }
    case 'views': {
      const { benchViews } = await import('../parts/views.ts');
      return benchViews(options);
    }
  }
}

declare global {
  interface Window {
    bench: { run: typeof run };
  }
}

window.bench = { run };
