import { describe, expect, it } from 'vitest';
import {
  applyToDocument,
  chooseLanguage,
  directionOf,
  languageFromBrowser,
  languageFromSearch,
} from './language';

describe('chooseLanguage', () => {
  it('takes ?lang= first, over a stored choice and the browser', () => {
    expect(chooseLanguage({ search: '?lang=fa', stored: 'en', browser: ['en-US'] })).toBe('fa');
    expect(chooseLanguage({ search: '?x=1&lang=en', stored: 'fa', browser: ['fa-IR'] })).toBe('en');
  });

  it('falls back to the stored choice, then the browser, then English', () => {
    expect(chooseLanguage({ search: '', stored: 'fa', browser: ['en-US'] })).toBe('fa');
    expect(chooseLanguage({ search: '', stored: null, browser: ['fa-IR', 'en'] })).toBe('fa');
    expect(chooseLanguage({ search: '', stored: null, browser: ['de-DE', 'fr'] })).toBe('en');
  });

  it('ignores languages it does not speak', () => {
    expect(chooseLanguage({ search: '?lang=de', stored: 'xx', browser: ['en'] })).toBe('en');
    expect(languageFromSearch('?lang=FA')).toBeNull();
  });
});

describe('languageFromBrowser', () => {
  it('takes the first preferred language we speak', () => {
    expect(languageFromBrowser(['de', 'FA-ir', 'en'])).toBe('fa');
    expect(languageFromBrowser(['en-GB', 'fa'])).toBe('en');
    expect(languageFromBrowser([])).toBeNull();
  });
});

describe('direction', () => {
  it('writes Persian right to left on <html>', () => {
    expect(directionOf('fa')).toBe('rtl');
    applyToDocument('fa');
    expect(document.documentElement.getAttribute('lang')).toBe('fa');
    expect(document.documentElement.getAttribute('dir')).toBe('rtl');
    applyToDocument('en');
    expect(document.documentElement.getAttribute('dir')).toBe('ltr');
  });
});
