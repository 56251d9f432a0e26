// The shell: the GPU gate, the header, and the numbered sections in the order
// a first visit goes through them.

import type { ReactNode } from 'react';
import { ComparePanel } from '../compare/ComparePanel.tsx';
import { ModelPanel } from '../model-io/ModelPanel.tsx';
import { SetupPanel } from '../setup/SetupPanel.tsx';
import { TrainPanel } from '../train/TrainPanel.tsx';
import { formatCount } from './kit/format.ts';
import { NoWebGpu } from './NoWebGpu.tsx';
import { DrawSection } from './sections/DrawSection.tsx';
import { ResultsSection } from './sections/ResultsSection.tsx';
import { datasetLabels } from './store/settings.ts';
import { useAppStore } from './store/store.ts';

const sections = [
  ['setup', '1. Set up'],
  ['train', '2. Train'],
  ['draw', '3. Draw'],
  ['results', '4. Results'],
  ['compare', '5. Compare optimizers'],
  ['model', '6. Save and load'],
] as const;

function sectionTitle(id: (typeof sections)[number][0]): string {
  return sections.find(([key]) => key === id)![1];
}

export function App() {
  const status = useAppStore((s) => s.gpuStatus);
  const reason = useAppStore((s) => s.gpuProblemReason);
  const problem = useAppStore((s) => s.gpuProblem);
  if (status === 'unsupported' || status === 'failed') return <NoWebGpu reason={reason} problem={problem} />;
  return (
    <div className="app">
      <Header />
      <main className="app__main">
        <Section id="setup" title={sectionTitle('setup')} className="app__setup">
          <SetupPanel />
        </Section>
        <Section id="train" title={sectionTitle('train')} className="app__train">
          <TrainPanel />
        </Section>
        <Section id="draw" title={sectionTitle('draw')} className="app__draw">
          <DrawSection />
        </Section>
        <Section id="results" title={sectionTitle('results')} className="app__results">
          <ResultsSection />
        </Section>
        <Section id="compare" title={sectionTitle('compare')} className="app__compare">
          <ComparePanel />
        </Section>
        <Section id="model" title={sectionTitle('model')} className="app__model">
          <ModelPanel />
        </Section>
      </main>
      <footer className="app__footer">
        Everything runs in this page: the data, the training and the model never leave your computer. Handwritten WGSL kernels, a TypeScript autograd, PyTorch’s
        initialisation and optimizers.
      </footer>
    </div>
  );
}

function Section({ id, title, className, children }: { id: string; title: string; className: string; children: ReactNode }) {
  return (
    <section id={id} className={`section ${className}`} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="section__title">
        {title}
      </h2>
      {children}
    </section>
  );
}

function Header() {
  const status = useAppStore((s) => s.gpuStatus);
  const adapterName = useAppStore((s) => s.adapterName);
  const problem = useAppStore((s) => s.gpuProblem);
  const warning = useAppStore((s) => s.gpuWarning);
  const recovered = useAppStore((s) => s.gpuRecovered);
  const dataset = useAppStore((s) => s.settings.dataset);
  const data = useAppStore((s) => s.datasets[s.settings.dataset]);
  let dataText = `Loading ${datasetLabels[dataset]}…`;
  if (data?.status === 'ready') {
    dataText = `${datasetLabels[dataset]}: ${formatCount(data.trainCount ?? 0)} training and ${formatCount(data.testCount ?? 0)} test ${dataset === 'blobs' ? 'points' : 'images'} loaded`;
  } else if (data?.status === 'error') dataText = `${datasetLabels[dataset]} could not be loaded: ${data.message ?? ''}`;
  return (
    <header className="app__header">
      <h1>WebGPU training playground</h1>
      <p className="app__intro">
        Train a neural network on your own GPU, right in this page: press <strong>Train</strong> and watch the loss fall, then draw a digit and see what the
        model reads.
      </p>
      <nav className="app__nav" aria-label="Sections">
        {sections.map(([id, title]) => (
          <a key={id} href={`#${id}`}>
            {title}
          </a>
        ))}
      </nav>
      <p className="app__facts" role="status" aria-label="Playground status">
        <span className="app__fact">
          {status === 'ready' ? (
            <>
              GPU: <span className="app__adapter">{adapterName}</span>
            </>
          ) : status === 'starting' ? (
            'Starting WebGPU…'
          ) : null}
        </span>
        {status === 'ready' || status === 'starting' ? <span className="app__fact">{dataText}</span> : null}
      </p>
      {status === 'lost' ? (
        <div className="notice notice--error" role="alert">
          <strong>The GPU device was lost</strong> ({problem}). This can happen when the GPU driver restarts or the GPU is needed elsewhere. Getting a new
          device…
        </div>
      ) : null}
      {recovered && status === 'ready' ? (
        <div className="notice notice--warning" role="status" aria-label="GPU recovery">
          {recovered}
        </div>
      ) : null}
      {warning && status === 'ready' ? (
        <div className="notice notice--warning" role="alert">
          WebGPU reported a problem: {warning}
        </div>
      ) : null}
    </header>
  );
}
