// Which language the page opens in: the address (?lang=ko or ?lang=en) first,
// then the choice this browser kept, then the browser's own languages; English
// when none of them is Korean or English. A bad ?lang value is ignored, and
// the page says so.

import type { Language } from './translator.ts';

export const LANGUAGE_STORAGE_KEY = 'webgpu-training-playground:language';
export const LANGUAGE_PARAM = 'lang';

/** "ko", "KO", "ko-KR" → "ko"; anything else → null. */
export function parseLanguage(value: string | null | undefined): Language | null {
  const primary = value?.trim().toLowerCase().split(/[-_]/)[0];
  return primary === 'ko' || primary === 'en' ? primary : null;
}

/** The first of the browser's languages that the page has, else English. */
export function browserLanguage(languages: readonly string[] | undefined): Language {
  for (const tag of languages ?? []) {
    const language = parseLanguage(tag);
    if (language) return language;
  }
  return 'en';
}

export interface LanguageChoice {
  language: Language;
  /** The ?lang value that was ignored, if it named no language of the page. */
  badUrlValue: string | null;
}

export function chooseLanguage(search: string, stored: string | null, languages: readonly string[] | undefined): LanguageChoice {
  const asked = new URLSearchParams(search).get(LANGUAGE_PARAM);
  // The address names a language exactly (ko or en): a region or a typo is not silently taken.
  const fromUrl = asked !== null && /^(ko|en)$/i.test(asked.trim()) ? parseLanguage(asked) : null;
  // An empty ?lang= asks for nothing: no notice.
  const badUrlValue = asked !== null && asked.trim() !== '' && !fromUrl ? asked : null;
  return { language: fromUrl ?? parseLanguage(stored) ?? browserLanguage(languages), badUrlValue };
}

/** The kept choice; storage may be blocked (private windows), and then nothing is kept. */
export function readStoredLanguage(): string | null {
  try {
    return localStorage.getItem(LANGUAGE_STORAGE_KEY);
  } catch {
    return null;
  }
}

export function storeLanguage(language: Language): void {
  try {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // Nothing kept: the next visit follows the browser again.
  }
}

/** The address with ?lang following the choice, when the address has one (so a reload keeps the new choice). */
export function addressFor(href: string, language: Language): string | null {
  const url = new URL(href);
  if (!url.searchParams.has(LANGUAGE_PARAM)) return null;
  url.searchParams.set(LANGUAGE_PARAM, language);
  return url.toString();
}
