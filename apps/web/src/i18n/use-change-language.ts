import { useSearchParams } from 'react-router';
import { useOptionalUser } from '../auth/user-context';
import { trpc } from '../trpc/trpc';
import { useI18n } from './i18n-provider';
import type { Language } from './language';

/** Switches the interface language now and remembers it here and, when signed in, in the profile. */
export function useChangeLanguage(): (next: Language) => void {
  const { setLanguage } = useI18n();
  const [params, setParams] = useSearchParams();
  const user = useOptionalUser();
  const utils = trpc.useUtils();
  // Remembered in the profile too, for the user's other devices; a failure changes nothing here.
  const save = trpc.auth.updateProfile.useMutation({
    onSuccess: (updated) => utils.auth.me.setData(undefined, updated),
  });
  return (next) => {
    setLanguage(next);
    if (user && user.locale !== next) save.mutate({ locale: next });
    // A stale ?lang= in the address would switch the language straight back.
    if (params.has('lang')) {
      params.delete('lang');
      setParams(params, { replace: true });
    }
  };
}
