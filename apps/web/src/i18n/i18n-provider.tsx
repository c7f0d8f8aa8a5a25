import { DirectionProvider } from '@mantine/core';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { en, type Messages } from './en';
import { fa } from './fa';
import { createFormatters, type Formatters } from './format';
import {
  applyToDocument,
  chooseLanguage,
  type Direction,
  directionOf,
  LANGUAGE_STORAGE_KEY,
  type Language,
  languageFromSearch,
  localeOf,
} from './language';
import { type Translate, translate } from './translate';

const DICTIONARIES: Record<Language, Messages> = { en, fa };

export interface I18n extends Formatters {
  language: Language;
  dir: Direction;
  locale: string;
  setLanguage(language: Language): void;
  t: Translate;
}

const I18nContext = createContext<I18n | null>(null);

function storedLanguage(): string | null {
  try {
    return window.localStorage.getItem(LANGUAGE_STORAGE_KEY);
  } catch {
    return null; // storage disabled (private mode, sandboxed frame)
  }
}

function remember(language: Language): void {
  try {
    window.localStorage.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // Not remembered; the choice still holds for this visit.
  }
}

/** The language at start-up: `?lang=` (remembered from now on), stored choice, browser. */
export function initialLanguage(): Language {
  const fromUrl = languageFromSearch(window.location.search);
  if (fromUrl) remember(fromUrl);
  return chooseLanguage({
    search: window.location.search,
    stored: storedLanguage(),
    browser: navigator.languages ?? [navigator.language],
  });
}

export function I18nProvider({ children, language: fixed }: { children: ReactNode; language?: Language }) {
  const [language, setLanguageState] = useState<Language>(() => fixed ?? initialLanguage());

  useEffect(() => applyToDocument(language), [language]);

  const setLanguage = useCallback((next: Language) => {
    remember(next);
    setLanguageState(next);
  }, []);

  const value = useMemo<I18n>(() => {
    const locale = localeOf(language);
    const formatters = createFormatters(locale);
    return {
      ...formatters,
      language,
      dir: directionOf(language),
      locale,
      setLanguage,
      t: (key, vars) => translate(DICTIONARIES[language], key, vars, formatters.formatNumber),
    };
  }, [language, setLanguage]);

  return (
    <I18nContext.Provider value={value}>
      <DirectionProvider initialDirection={value.dir}>{children}</DirectionProvider>
    </I18nContext.Provider>
  );
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n must be used inside <I18nProvider>.');
  return i18n;
}

export function useT(): Translate {
  return useI18n().t;
}
