import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { notifyError } from '../components/notify';
import { useT } from '../i18n/i18n-provider';
import { resetRealtime } from '../trpc/client';
import { trpc, type User } from '../trpc/trpc';

/** After login or registration: the new session's user is the app's user from now on. */
export function useSignedIn(): (user: User, to: string) => Promise<void> {
  const utils = trpc.useUtils();
  const navigate = useNavigate();
  return async (user, to) => {
    await resetRealtime();
    utils.auth.me.setData(undefined, user);
    navigate(to, { replace: true });
  };
}

/** Logs out and forgets every cached answer, so the next user sees nothing of this one. */
export function useLogout() {
  const t = useT();
  const queryClient = useQueryClient();
  return trpc.auth.logout.useMutation({
    onSuccess: async () => {
      await resetRealtime();
      await queryClient.resetQueries();
    },
    onError: (error) => notifyError(t, error),
  });
}
