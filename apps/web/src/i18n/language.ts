export const LANGUAGES = ['en', 'fa'] as const;
export type Language = (typeof LANGUAGES)[number];
export type Direction = 'ltr' | 'rtl';

/** Where the chosen language is remembered between visits. */
export const LANGUAGE_STORAGE_KEY = 'chapar.lang';
export const DEFAULT_LANGUAGE: Language = 'en';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** The `?lang=` of a URL's query string, when it names a language we speak. */
export function languageFromSearch(search: string): Language | null {
  const value = new URLSearchParams(search).get('lang');
  return isLanguage(value) ? value : null;
}

/** The first of the browser's preferred languages that we speak (`fa-IR` counts as `fa`). */
export function languageFromBrowser(preferred: readonly string[]): Language | null {
  for (const tag of preferred) {
    const primary = tag.toLowerCase().split('-')[0];
    if (isLanguage(primary)) return primary;
  }
  return null;
}

/** `?lang=` wins, then the remembered choice, then the browser; English otherwise. */
export function chooseLanguage(sources: {
  search: string;
  stored: string | null;
  browser: readonly string[];
}): Language {
  return (
    languageFromSearch(sources.search) ??
    (isLanguage(sources.stored) ? sources.stored : null) ??
    languageFromBrowser(sources.browser) ??
    DEFAULT_LANGUAGE
  );
}

export function directionOf(language: Language): Direction {
  return language === 'fa' ? 'rtl' : 'ltr';
}

/** The Intl locale for numbers and dates (Persian digits and the Persian calendar for `fa`). */
export function localeOf(language: Language): string {
  return language === 'fa' ? 'fa-IR' : 'en-US';
}

/** Sets `<html lang dir>`, which Mantine's DirectionProvider follows. */
export function applyToDocument(language: Language, doc: Document = document): void {
  doc.documentElement.lang = language;
  doc.documentElement.dir = directionOf(language);
}
