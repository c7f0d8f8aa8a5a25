import { NativeSelect } from '@mantine/core';
import { IconLanguage } from '@tabler/icons-react';
import { useI18n } from './i18n-provider';
import { isLanguage, LANGUAGES, type Language } from './language';
import { useChangeLanguage } from './use-change-language';

/** Each language is named in itself, so anyone can find their own. */
export const NATIVE_NAMES: Record<Language, string> = { en: 'English', fa: 'فارسی' };

export function LanguageSwitch() {
  const { language, t } = useI18n();
  const changeLanguage = useChangeLanguage();
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
        if (isLanguage(next)) changeLanguage(next);
      }}
    />
  );
}
