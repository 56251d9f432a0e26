// The page shown when WebGPU cannot run here: what is missing, and how to get it.

import type { GpuProblemReason } from './store/gpu-slice.ts';
import type { Msg } from './i18n/translator.ts';
import { useT } from './i18n/useT.ts';
import { LanguageSwitch } from './LanguageSwitch.tsx';

interface NoWebGpuProps {
  reason: GpuProblemReason | null;
  problem: Msg | null;
}

const headlines = {
  'no-webgpu': 'noWebgpu.headline.no-webgpu',
  'no-adapter': 'noWebgpu.headline.no-adapter',
  device: 'noWebgpu.headline.device',
  worker: 'noWebgpu.headline.worker',
} as const satisfies Record<GpuProblemReason, string>;

export function NoWebGpu({ reason, problem }: NoWebGpuProps) {
  const tr = useT();
  return (
    <main className="no-webgpu">
      <div className="app__top">
        <h1>{tr.t('app.title')}</h1>
        <LanguageSwitch />
      </div>
      <section className="no-webgpu__card" aria-labelledby="no-webgpu-title">
        <h2 id="no-webgpu-title">{tr.t(headlines[reason ?? 'no-webgpu'])}</h2>
        <p>{tr.t('noWebgpu.cannotRun')}</p>
        {problem ? <p>{tr.rich('noWebgpu.found', { problem: tr.msg(problem) })}</p> : null}
        <h3>{tr.t('noWebgpu.howTo')}</h3>
        <ul>
          <li>{tr.rich('noWebgpu.chrome')}</li>
          <li>{tr.rich('noWebgpu.firefox')}</li>
          <li>{tr.rich('noWebgpu.safari')}</li>
          <li>{tr.rich('noWebgpu.gpuPage')}</li>
          <li>{tr.t('noWebgpu.secure')}</li>
        </ul>
        <p>{tr.t('noWebgpu.reload')}</p>
      </section>
    </main>
  );
}
