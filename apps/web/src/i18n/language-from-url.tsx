import { useEffect } from 'react';
import { useLocation } from 'react-router';
import { useI18n } from './i18n-provider';
import { languageFromSearch } from './language';

/** Honours `?lang=` on in-app navigations too, not only on the first load. */
export function LanguageFromUrl() {
  const { search } = useLocation();
  const { language, setLanguage } = useI18n();
  useEffect(() => {
    const requested = languageFromSearch(search);
    if (requested && requested !== language) setLanguage(requested);
  }, [search, language, setLanguage]);
  return null;
}
