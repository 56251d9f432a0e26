// The shell: the GPU gate, the header, and the numbered sections in the order
// a first visit goes through them. On a wide screen the first three (setup,
// train, draw) fill the window below the header, each scrolling inside its
// own column, and the others follow below (app.css); the header's height is
// measured so that the three columns end at the window's bottom.

import { useLayoutEffect, useRef, type ReactNode } from 'react';
import { ComparePanel } from '../compare/ComparePanel.tsx';
import { LessonsButton, LessonsPanel } from '../lessons/LessonsPanel.tsx';
import { ModelPanel } from '../model-io/ModelPanel.tsx';
import { SetupPanel } from '../setup/SetupPanel.tsx';
import { TrainPanel } from '../train/TrainPanel.tsx';
import type { MessageId } from './i18n/translator.ts';
import { useT } from './i18n/useT.ts';
import { CopyLink } from './CopyLink.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { LinkNotices } from './LinkNotices.tsx';
import { NoWebGpu } from './NoWebGpu.tsx';
import { DrawSection } from './sections/DrawSection.tsx';
import { datasetInfo } from '../../train/config.ts';
import { ResultsSection } from './sections/ResultsSection.tsx';
import { datasetLabelKeys } from './store/settings.ts';
import { useAppStore } from './store/store.ts';

const sections = [
  ['setup', 'section.setup'],
  ['train', 'section.train'],
  ['draw', 'section.draw'],
  ['results', 'section.results'],
  ['compare', 'section.compare'],
  ['model', 'section.model'],
] as const satisfies readonly (readonly [string, MessageId])[];

type SectionId = (typeof sections)[number][0];

function sectionTitle(id: SectionId): (typeof sections)[number][1] {
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
      <LessonsPanel />
      <main className="app__main">
        <Section id="setup" className="app__setup">
          <SetupPanel />
        </Section>
        <Section id="train" className="app__train">
          <TrainPanel />
        </Section>
        <Section id="draw" className="app__draw">
          <DrawSection />
        </Section>
        <Section id="results" className="app__results">
          <ResultsSection />
        </Section>
        <Section id="compare" className="app__compare">
          <ComparePanel />
        </Section>
        <Section id="model" className="app__model">
          <ModelPanel />
        </Section>
      </main>
      <Footer />
    </div>
  );
}

function Footer() {
  const tr = useT();
  return <footer className="app__footer">{tr.t('app.footer')}</footer>;
}

function Section({ id, className, children }: { id: SectionId; className: string; children: ReactNode }) {
  const tr = useT();
  return (
    <section id={id} className={`section ${className}`} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="section__title">
        {tr.t(sectionTitle(id))}
      </h2>
      {children}
    </section>
  );
}

function Header() {
  const tr = useT();
  const status = useAppStore((s) => s.gpuStatus);
  const adapterName = useAppStore((s) => s.adapterName);
  const problem = useAppStore((s) => s.gpuProblem);
  const warning = useAppStore((s) => s.gpuWarning);
  const recovered = useAppStore((s) => s.gpuRecovered);
  const languageNotice = useAppStore((s) => s.languageNotice);
  const dataset = useAppStore((s) => s.settings.dataset);
  const data = useAppStore((s) => s.datasets[s.settings.dataset]);
  const name = tr.t(datasetLabelKeys[dataset]);
  let dataText = tr.t('header.dataLoading', { dataset: name });
  if (data?.status === 'ready') {
    const counts = { dataset: name, train: tr.count(data.trainCount ?? 0), test: tr.count(data.testCount ?? 0) };
    dataText = datasetInfo(dataset).plane ? tr.t('header.dataReadyPoints', counts) : tr.t('header.dataReady', counts);
  } else if (data?.status === 'error') dataText = tr.t('header.dataError', { dataset: name, message: data.message ? tr.msg(data.message) : '' });
  const ref = useHeightProperty<HTMLElement>('--app-header-height');
  return (
    <header className="app__header" ref={ref}>
      <div className="app__top">
        <h1>{tr.t('app.title')}</h1>
        <div className="app__tools">
          <LessonsButton />
          <CopyLink />
          <LanguageSwitch />
        </div>
      </div>
      <p className="app__intro">{tr.rich('app.intro')}</p>
      <div className="app__bar">
        <nav className="app__nav" aria-label={tr.t('app.sections')}>
          {sections.map(([id, title]) => (
            <a key={id} href={`#${id}`}>
              {tr.t(title)}
            </a>
          ))}
        </nav>
        <p className="app__facts" role="status" aria-label={tr.t('app.status')}>
          <span className="app__fact">
            {status === 'ready' ? (
              <>
                {tr.t('header.gpu')} <span className="app__adapter">{adapterName}</span>
              </>
            ) : status === 'starting' ? (
              tr.t('header.startingWebgpu')
            ) : null}
          </span>
          {status === 'ready' || status === 'starting' ? <span className="app__fact">{dataText}</span> : null}
        </p>
      </div>
      {languageNotice ? (
        <div className="notice notice--warning" role="status">
          {tr.msg(languageNotice)}
        </div>
      ) : null}
      <LinkNotices />
      {status === 'lost' ? (
        <div className="notice notice--error" role="alert">
          {tr.rich('header.lost', { problem: problem ? tr.msg(problem) : '' })}
        </div>
      ) : null}
      {recovered && status === 'ready' ? (
        <div className="notice notice--warning" role="status" aria-label={tr.t('header.recovery')}>
          {tr.msg(recovered)}
        </div>
      ) : null}
      {warning && status === 'ready' ? (
        <div className="notice notice--warning" role="alert">
          {tr.t('header.warning', { warning: tr.msg(warning) })}
        </div>
      ) : null}
    </header>
  );
}

/** Keeps an element's height in a CSS property of the document (the layout sizes the first screen with it). */
function useHeightProperty<T extends HTMLElement>(property: string) {
  const ref = useRef<T>(null);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const root = document.documentElement;
    const update = () => root.style.setProperty(property, `${element.offsetHeight}px`);
    update();
    // Without ResizeObserver (old browsers, jsdom) the first height stays; a header that grows later then pushes the columns' bottom below the window.
    if (typeof ResizeObserver === 'undefined') return () => root.style.removeProperty(property);
    const observer = new ResizeObserver(update);
    observer.observe(element);
    return () => {
      observer.disconnect();
      root.style.removeProperty(property);
    };
  }, [property]);
  return ref;
}
