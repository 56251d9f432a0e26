import type { StateCreator } from 'zustand';
import type { UrlNotice } from '../url-state.ts';
import type { AppState } from './store.ts';

export interface UrlSlice {
  /** The address's values that the setup form refused (start-up sets them; url-state.ts says why each was refused). */
  urlNotices: UrlNotice[];
  dismissUrlNotices: () => void;
}

export const createUrlSlice: StateCreator<AppState, [], [], UrlSlice> = (set) => ({
  urlNotices: [],
  dismissUrlNotices: () => set({ urlNotices: [] }),
});
