import type { GrantMutation } from './grant-subscription';

/**
 * The grant mutation for the user drawer.
 *
 * TODO(lead): `admin.subscriptions.grant({ userId, days, messages, note? })` lives on the
 * billing branch. Once both are merged, replace this body with:
 *
 *   const utils = trpc.useUtils();
 *   const mutation = trpc.admin.subscriptions.grant.useMutation({
 *     onSuccess: () => Promise.all([utils.admin.users.get.invalidate(), utils.admin.users.list.invalidate()]),
 *   });
 *   return {
 *     available: true,
 *     isPending: mutation.isPending,
 *     error: mutation.error,
 *     grant: (input, options) => mutation.mutate(input, options),
 *     reset: mutation.reset,
 *   };
 *
 * Until then the "Grant or extend subscription" button is not shown.
 */
export function useGrantSubscription(): GrantMutation {
  return { available: false, isPending: false, error: null, grant: () => {}, reset: () => {} };
}
