// Which language the page opens in: the address, then the kept choice, then the browser's languages.
import { describe, expect, it } from 'vitest';
import { addressFor, browserLanguage, chooseLanguage } from '../../src/ui/app/i18n/language.ts';

describe('the page’s language', () => {
  it('follows the browser on a first visit, English when it has neither language', () => {
    expect(chooseLanguage('', null, ['ko-KR', 'en-US'])).toEqual({ language: 'ko', badUrlValue: null });
    expect(chooseLanguage('', null, ['de-DE', 'en-GB', 'ko'])).toEqual({ language: 'en', badUrlValue: null });
    expect(browserLanguage(['fr', 'ja'])).toBe('en');
    expect(browserLanguage(undefined)).toBe('en');
  });

  it('keeps the choice over the browser, and the address over both', () => {
    expect(chooseLanguage('', 'ko', ['en-US']).language).toBe('ko');
    expect(chooseLanguage('?lang=en', 'ko', ['ko-KR']).language).toBe('en');
    expect(chooseLanguage('?debug&lang=KO', 'en', ['en-US']).language).toBe('ko');
    // A kept value that is no language of the page is passed over.
    expect(chooseLanguage('', 'xx', ['ko']).language).toBe('ko');
  });

  it('ignores a ?lang it does not have, and says which', () => {
    expect(chooseLanguage('?lang=fr', 'ko', ['en-US'])).toEqual({ language: 'ko', badUrlValue: 'fr' });
    expect(chooseLanguage('?lang=ko-KR', null, ['en-US'])).toEqual({ language: 'en', badUrlValue: 'ko-KR' });
    expect(chooseLanguage('?lang=', null, ['ko'])).toEqual({ language: 'ko', badUrlValue: null });
  });

  it('puts a switch into the address only when the address has ?lang', () => {
    expect(addressFor('http://127.0.0.1:5173/?lang=ko#train', 'en')).toBe('http://127.0.0.1:5173/?lang=en#train');
    expect(addressFor('http://127.0.0.1:5173/#train', 'ko')).toBeNull();
  });
});
