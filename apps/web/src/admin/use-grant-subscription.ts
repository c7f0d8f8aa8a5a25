import { trpc } from '../trpc/trpc';
import type { GrantMutation } from './grant-subscription';

/** The grant mutation for the user drawer: `admin.subscriptions.grant`, refreshing the user views. */
export function useGrantSubscription(): GrantMutation {
  const utils = trpc.useUtils();
  const mutation = trpc.admin.subscriptions.grant.useMutation({
    onSuccess: () => Promise.all([utils.admin.users.get.invalidate(), utils.admin.users.list.invalidate()]),
  });
  return {
    available: true,
    isPending: mutation.isPending,
    error: mutation.error,
    grant: (input, options) => mutation.mutate(input, options),
    reset: mutation.reset,
  };
}
