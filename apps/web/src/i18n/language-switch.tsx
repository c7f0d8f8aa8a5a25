import { NativeSelect } from '@mantine/core';
import { IconLanguage } from '@tabler/icons-react';
import { useSearchParams } from 'react-router';
import { useOptionalUser } from '../auth/user-context';
import { trpc } from '../trpc/trpc';
import { useI18n } from './i18n-provider';
import { isLanguage, LANGUAGES, type Language } from './language';

/** Each language is named in itself, so anyone can find their own. */
export const NATIVE_NAMES: Record<Language, string> = { en: 'English', fa: 'فارسی' };

export function LanguageSwitch() {
  const { language, setLanguage, t } = useI18n();
  const [params, setParams] = useSearchParams();
  const user = useOptionalUser();
  const utils = trpc.useUtils();
  // Remembered in the profile too, for the user's other devices; a failure changes nothing here.
  const save = trpc.auth.updateProfile.useMutation({
    onSuccess: (updated) => utils.auth.me.setData(undefined, updated),
  });
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
        if (user && user.locale !== next) save.mutate({ locale: next });
        // A stale ?lang= in the address would switch the language straight back.
        if (params.has('lang')) {
          params.delete('lang');
          setParams(params, { replace: true });
        }
      }}
    />
  );
}
