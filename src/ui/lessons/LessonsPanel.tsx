// The Lessons panel: the tutorials as guided lessons. The list of lessons,
// then one step at a time: what to do and what to watch for, a button that
// sets the playground up for it, the goal (marked when the training state
// reaches it), PyTorch's figure beside the learner's, the PyTorch code the
// step mirrors, and a link to the step. Beside the page on a wide screen, so
// the training stays in view.

import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Translator } from '../app/i18n/translator.ts';
import { useT } from '../app/i18n/useT.ts';
import { useAppStore } from '../app/store/store.ts';
import { goalText, goalView } from './goals.ts';
import type { Lesson, LessonStep } from './lesson.ts';
import { stepAddress } from './lesson-link.ts';
import { findLesson, lessons, stepAt } from './lessons.ts';
import { latestFigure, metricText, referenceFigure, type Reference } from './reference.ts';
import { applySetup, changesSettings, describeSetup } from './setup.ts';
import './lessons.css';

const PANEL_ID = 'lessons-panel';

/** The header's button that opens and closes the panel. */
export function LessonsButton() {
  const tr = useT();
  const open = useAppStore((s) => s.lessonsOpen);
  const setOpen = useAppStore((s) => s.setLessonsOpen);
  return (
    <button type="button" className="button lessons-button" aria-expanded={open} aria-controls={PANEL_ID} onClick={() => setOpen(!open)}>
      {tr.t('lessons.button')}
    </button>
  );
}

export function LessonsPanel() {
  const tr = useT();
  const open = useAppStore((s) => s.lessonsOpen);
  const position = useAppStore((s) => s.lessonPosition);
  const notice = useAppStore((s) => s.lessonNotice);
  const setOpen = useAppStore((s) => s.setLessonsOpen);
  const setNotice = useAppStore((s) => s.setLessonNotice);
  if (!open) return null;
  const lesson = position ? findLesson(position.lessonId) : undefined;
  const step = lesson && position ? stepAt(lesson, position.step) : undefined;
  return (
    <aside id={PANEL_ID} className="lessons" aria-labelledby="lessons-title">
      <div className="lessons__head">
        <h2 id="lessons-title" className="lessons__title">
          {tr.t('lessons.title')}
        </h2>
        <button type="button" className="button button--quiet" onClick={() => setOpen(false)}>
          {tr.t('lessons.close')}
        </button>
      </div>
      {notice ? (
        <div className="notice notice--warning lessons__notice" role="status">
          {tr.msg(notice)}{' '}
          <button type="button" className="button button--quiet" onClick={() => setNotice(null)}>
            {tr.t('lessons.dismiss')}
          </button>
        </div>
      ) : null}
      {lesson && step && position ? <StepView lesson={lesson} step={step} number={position.step} /> : <LessonList />}
    </aside>
  );
}

function LessonList() {
  const tr = useT();
  const reached = useAppStore((s) => s.lessonReached);
  const go = useAppStore((s) => s.goToLessonStep);
  return (
    <>
      <p className="lessons__intro">{tr.t('lessons.intro')}</p>
      <ol className="lessons__list">
        {lessons.map((lesson) => {
          const done = lesson.steps.filter((s) => reached[lesson.id]?.includes(s.id)).length;
          // Back where the learner left off: the first step not reached yet.
          const next = lesson.steps.findIndex((s) => !reached[lesson.id]?.includes(s.id));
          return (
            <li key={lesson.id} className="lessons__item">
              <button type="button" className="lessons__open" onClick={() => go({ lessonId: lesson.id, step: next < 0 ? 1 : next + 1 })}>
                {tr.t(lesson.title)}
              </button>
              <p className="lessons__summary">{tr.t(lesson.summary)}</p>
              <p className="lessons__count">{tr.t('lessons.progress', { reached: done, total: lesson.steps.length })}</p>
            </li>
          );
        })}
      </ol>
    </>
  );
}

function StepView({ lesson, step, number }: { lesson: Lesson; step: LessonStep; number: number }) {
  const tr = useT();
  const reached = useAppStore((s) => s.lessonReached[lesson.id]);
  const go = useAppStore((s) => s.goToLessonStep);
  const total = lesson.steps.length;
  const isReached = (s: LessonStep) => reached?.includes(s.id) ?? false;
  const address = stepAddress(location.href, { lessonId: lesson.id, step: number });
  return (
    <div className="lessons__lesson">
      <button type="button" className="button button--quiet lessons__back" onClick={() => go(null)}>
        {tr.t('lessons.all')}
      </button>
      <h3 className="lessons__lesson-title">{tr.t(lesson.title)}</h3>
      <nav aria-label={tr.t('lessons.steps')}>
        <ol className="lessons__steps">
          {lesson.steps.map((s, i) => (
            <li key={s.id}>
              <button
                type="button"
                className={`lessons__step-button${isReached(s) ? ' lessons__step-button--reached' : ''}`}
                aria-current={i + 1 === number ? 'step' : undefined}
                aria-label={tr.t(isReached(s) ? 'lessons.stepButtonReached' : 'lessons.stepButton', { n: i + 1, title: tr.t(s.title) })}
                onClick={() => go({ lessonId: lesson.id, step: i + 1 })}
              >
                {isReached(s) ? '✓' : i + 1}
              </button>
            </li>
          ))}
        </ol>
      </nav>
      <article className="lessons__step" aria-labelledby="lessons-step-title">
        <p className="lessons__step-of">{tr.t('lessons.stepOf', { n: number, total })}</p>
        <h4 id="lessons-step-title" className="lessons__step-title">
          {tr.t(step.title)}
        </h4>
        {step.texts.map((key) => (
          <p key={key} className="lessons__text">
            {tr.rich(key)}
          </p>
        ))}
        {step.setup ? <SetupButton step={step} /> : null}
        <GoalStatus lesson={lesson} step={step} />
        {step.reference ? <ReferenceTable reference={step.reference} /> : null}
        {step.code ? (
          <div className="lessons__code">
            <h5 className="lessons__code-title">{tr.t('lessons.code')}</h5>
            <pre>
              <code lang="en">{step.code}</code>
            </pre>
          </div>
        ) : null}
      </article>
      <div className="lessons__nav">
        <button type="button" className="button" disabled={number <= 1} onClick={() => go({ lessonId: lesson.id, step: number - 1 })}>
          {tr.t('lessons.previous')}
        </button>
        <button type="button" className="button" disabled={number >= total} onClick={() => go({ lessonId: lesson.id, step: number + 1 })}>
          {tr.t('lessons.next')}
        </button>
      </div>
      <p className="lessons__link">
        <a
          href={address}
          onClick={(e) => {
            // The address bar takes the step (app/url-state.ts follows lessonPosition); no reload, so the run stays.
            e.preventDefault();
            history.replaceState(history.state, '', address);
          }}
        >
          {tr.t('lessons.link')}
        </a>
      </p>
    </div>
  );
}

function SetupButton({ step }: { step: LessonStep }) {
  const tr = useT();
  const [done, setDone] = useState<string | null>(null);
  const status = useAppStore((s) => s.run.status);
  const actions = useAppStore(
    useShallow((s) => ({
      choosePreset: s.choosePreset,
      setOptimizer: s.setOptimizer,
      setActivation: s.setActivation,
      setFlip: s.setFlip,
      setReluAfterLast: s.setReluAfterLast,
      setText: s.setText,
    })),
  );
  const setup = step.setup!;
  const busy = changesSettings(setup) && (status === 'starting' || status === 'running' || status === 'paused');
  const apply = () => {
    applySetup(setup, actions);
    if (setup.section) document.getElementById(setup.section)?.scrollIntoView({ block: 'start' });
    setDone(step.id);
  };
  return (
    <div className="lessons__setup">
      <button type="button" className="button button--primary" onClick={apply} disabled={busy}>
        {tr.t(changesSettings(setup) ? 'lessons.setUp' : 'lessons.show')}
      </button>
      <p className="lessons__changes">{tr.t('lessons.changes', { changes: describeSetup(setup, tr).join(', ') })}</p>
      {busy ? <p className="lessons__hint">{tr.t('lessons.busy')}</p> : null}
      {done === step.id && !busy && changesSettings(setup) ? (
        <p className="lessons__hint" role="status">
          {tr.t('lessons.setUpDone')}
        </p>
      ) : null}
    </div>
  );
}

function GoalStatus({ lesson, step }: { lesson: Lesson; step: LessonStep }) {
  const tr = useT();
  const reached = useAppStore((s) => s.lessonReached[lesson.id]?.includes(step.id) ?? false);
  return (
    <div className={`lessons__goal${reached ? ' lessons__goal--reached' : ''}`} role="status" aria-label={tr.t('lessons.goal')}>
      <p className="lessons__goal-head">
        <strong>{tr.t('lessons.goal')}</strong> {goalText(step.goal, tr)}
      </p>
      <p className="lessons__goal-state">{reached ? tr.t('lessons.reached') : tr.t('lessons.notYet')}</p>
    </div>
  );
}

function ReferenceTable({ reference }: { reference: Reference }) {
  const tr = useT();
  const view = useAppStore(useShallow((s) => goalView(s)));
  const figure = referenceFigure(reference);
  if (!figure) return null;
  const mine = latestFigure(figure.metric, view.epochResults);
  return (
    <table className="lessons__reference">
      <caption>{tr.t('lessons.reference')}</caption>
      <tbody>
        <tr>
          <th scope="row">{tr.t('lessons.reference.pytorch', { source: figure.source(tr) })}</th>
          <td>{metricText(figure.metric, figure.value, figure.digits, tr)}</td>
        </tr>
        <tr>
          <th scope="row">{tr.t('lessons.reference.yours')}</th>
          <td>{mine ? yours(tr, figure.metric, mine, figure.digits, view.run?.epochs ?? 0) : tr.t('lessons.reference.none')}</td>
        </tr>
      </tbody>
    </table>
  );
}

function yours(tr: Translator, metric: Parameters<typeof metricText>[0], mine: { value: number; epoch: number }, digits: number, epochs: number): string {
  return tr.t('lessons.reference.after', { figure: metricText(metric, mine.value, digits, tr), epoch: mine.epoch, epochs });
}
