// Ours in Node on Dawn (--node), in the bench's own process. The engine's
// `.wgsl?raw` imports load through scripts/register-wgsl.mjs, which the
// bench script passes to Node; requestDawnGpu picks SwiftShader on a machine
// without a GPU, as the CLI does.

import { requestDawnGpu } from '../src/cli/dawn.ts';
import { benchOurs, type OursResult } from './parts/ours.ts';
import type { PartOptions } from './parts/common.ts';

export async function benchOursInNode(options: PartOptions): Promise<OursResult> {
  const gpu = await requestDawnGpu({ onError: (message) => options.log(`WebGPU error: ${message}`) });
  try {
    return await benchOurs(gpu, options);
  } finally {
    gpu.destroy();
  }
}
