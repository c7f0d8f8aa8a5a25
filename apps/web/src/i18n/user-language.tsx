import { useEffect, useRef } from 'react';
import { useLocation } from 'react-router';
import { useUser } from '../auth/user-context';
import { trpc } from '../trpc/trpc';
import { useI18n } from './i18n-provider';
import { isLanguage, languageFromSearch } from './language';

/**
 * The language is remembered per user: once signed in, the profile's language applies on
 * this device too, unless the address asks for one with `?lang=`, which is then saved to
 * the profile. Runs once per signed-in user.
 */
export function UserLanguage() {
  const user = useUser();
  const { search } = useLocation();
  const { language, setLanguage } = useI18n();
  const utils = trpc.useUtils();
  const save = trpc.auth.updateProfile.useMutation({
    onSuccess: (updated) => utils.auth.me.setData(undefined, updated),
  });
  const appliedFor = useRef<number | null>(null);
  useEffect(() => {
    if (appliedFor.current === user.id) return;
    appliedFor.current = user.id;
    const requested = languageFromSearch(search);
    if (requested) {
      if (requested !== user.locale) save.mutate({ locale: requested });
    } else if (isLanguage(user.locale) && user.locale !== language) {
      setLanguage(user.locale);
    }
  }, [user, search, language, setLanguage, save]);
  return null;
}
