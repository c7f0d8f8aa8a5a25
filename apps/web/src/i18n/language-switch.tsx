import { NativeSelect } from '@mantine/core';
import { IconLanguage } from '@tabler/icons-react';
import { useSearchParams } from 'react-router';
import { useI18n } from './i18n-provider';
import { isLanguage, LANGUAGES, type Language } from './language';

/** Each language is named in itself, so anyone can find their own. */
const NATIVE_NAMES: Record<Language, string> = { en: 'English', fa: 'فارسی' };

export function LanguageSwitch() {
  const { language, setLanguage, t } = useI18n();
  const [params, setParams] = useSearchParams();
  return (
    <NativeSelect
      aria-label={t('language.label')}
      size="xs"
      w={110}
      leftSection={<IconLanguage size={16} aria-hidden />}
      value={language}
      data={LANGUAGES.map((value) => ({ value, label: NATIVE_NAMES[value] }))}
      onChange={(event) => {
        const next = event.currentTarget.value;
        if (!isLanguage(next)) return;
        setLanguage(next);
        // A stale ?lang= in the address would switch the language straight back.
        if (params.has('lang')) {
          params.delete('lang');
          setParams(params, { replace: true });
        }
      }}
    />
  );
}
