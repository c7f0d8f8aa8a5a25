import { useQueryClient } from '@tanstack/react-query';
import { flushSync } from 'react-dom';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { notifyError } from '../components/notify';
import { useT } from '../i18n/i18n-provider';
import { resetRealtime } from '../trpc/client';
import { trpc, type User } from '../trpc/trpc';

/**
 * After login or registration: the new session's user is the app's user from now on.
 * The destination rides in the router state; the signed-in routes then redirect from
 * /login or /register to it (see `AfterSignIn`). Needs `<BrowserRouter useTransitions={false}>`
 * so that flushSync really renders the new state first.
 */
export function useSignedIn(): (user: User, to: string) => Promise<void> {
  const utils = trpc.useUtils();
  const navigate = useNavigate();
  const location = useLocation();
  return async (user, to) => {
    await resetRealtime();
    // The state must be rendered before the user is: the signed-in routes read it at once.
    flushSync(() =>
      navigate(`${location.pathname}${location.search}`, { replace: true, state: { next: to } }),
    );
    utils.auth.me.setData(undefined, user);
  };
}

/** Where a just-signed-in user goes: the page they were sent away from, or the dashboard. */
export function AfterSignIn() {
  const { state } = useLocation();
  const next = (state as { next?: unknown } | null)?.next;
  return <Navigate to={typeof next === 'string' && next.startsWith('/') ? next : '/dashboard'} replace />;
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
