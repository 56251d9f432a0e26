import type { StateCreator } from 'zustand';
import type { Language, Msg } from '../i18n/translator.ts';
import type { AppState } from './store.ts';

export interface LanguageSlice {
  /** The page's language; start-up sets it before the first render, and start.ts keeps it stored. */
  language: Language;
  /** Why the language is not the one the address asked for (a bad ?lang value). */
  languageNotice: Msg | null;
  setLanguage: (language: Language) => void;
}

export const createLanguageSlice: StateCreator<AppState, [], [], LanguageSlice> = (set) => ({
  language: 'en',
  languageNotice: null,
  setLanguage: (language) => set({ language, languageNotice: null }),
});
