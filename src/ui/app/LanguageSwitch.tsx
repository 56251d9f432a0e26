// The language switch: a select labelled in the page's language, each
// language named in itself (한국어, English).

import { useId } from 'react';
import { LANGUAGES, type Language } from './i18n/translator.ts';
import { useT } from './i18n/useT.ts';
import { useAppStore } from './store/store.ts';

const languageNames = { ko: 'language.ko', en: 'language.en' } as const;

export function LanguageSwitch() {
  const tr = useT();
  const setLanguage = useAppStore((s) => s.setLanguage);
  const id = useId();
  return (
    <div className="language-switch">
      <label htmlFor={id} className="language-switch__label">
        {tr.t('language.label')}
      </label>
      <select id={id} className="language-switch__select" value={tr.language} onChange={(e) => setLanguage(e.target.value as Language)}>
        {LANGUAGES.map((language) => (
          <option key={language} value={language} lang={language}>
            {tr.t(languageNames[language])}
          </option>
        ))}
      </select>
    </div>
  );
}
