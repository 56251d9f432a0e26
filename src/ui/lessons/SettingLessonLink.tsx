// "See it in a lesson: 5. Optimising the model’s parameters, step 2": the end
// of a setup field's help. A real link to the step's address (it opens in a
// new tab as one); a plain click opens the Lessons panel at the step instead,
// without a reload, so the run on screen stays.

import type { ReactNode } from 'react';
import type { Translator } from '../app/i18n/translator.ts';
import { useT } from '../app/i18n/useT.ts';
import { useAppStore } from '../app/store/store.ts';
import { stepAddress } from './lesson-link.ts';
import { findLesson } from './lessons.ts';
import { settingLessons, type SettingTip } from './setting-lessons.ts';

export function SettingLessonLink({ tip }: { tip: SettingTip }) {
  const tr = useT();
  const go = useAppStore((s) => s.goToLessonStep);
  const position = settingLessons[tip];
  const lesson = position ? findLesson(position.lessonId) : undefined;
  if (!position || !lesson) return null;
  const address = stepAddress(location.href, position);
  return (
    <a
      className="field__lesson-link"
      href={address}
      onClick={(e) => {
        // A click with a modifier (new tab, new window) is left to the browser.
        if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
        e.preventDefault();
        go(position);
      }}
    >
      {tr.t('helpLinks.seeInLesson', { lesson: tr.t(lesson.title), n: position.step })}
    </a>
  );
}

/** A setup field's help props: its tip, and the link to the step that shows it. */
export function settingHelp(tip: SettingTip, tr: Translator): { tip: string; helpMore: ReactNode } {
  return { tip: tr.t(tip), helpMore: <SettingLessonLink tip={tip} /> };
}
