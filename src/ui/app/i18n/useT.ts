import { useAppStore } from '../store/store.ts';
import { translatorFor, type Translator } from './translator.ts';

/** The translator of the page's language; a component using it re-renders when the language changes. */
export function useT(): Translator {
  return translatorFor(useAppStore((s) => s.language));
}
