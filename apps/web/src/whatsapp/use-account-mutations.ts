import { notifyError } from '../components/notify';
import { useT } from '../i18n/i18n-provider';
import { trpc } from '../trpc/trpc';
import type { AccountAction } from './account-status';

/** connect / disconnect / logout / remove for one account; the list refreshes after each. */
export function useAccountMutations(): {
  run(action: AccountAction, id: number): void;
  pending: boolean;
} {
  const t = useT();
  const utils = trpc.useUtils();
  const options = {
    onSuccess: () => utils.whatsapp.list.invalidate(),
    onError: (error: unknown) => notifyError(t, error),
  };
  const mutations = {
    connect: trpc.whatsapp.connect.useMutation(options),
    disconnect: trpc.whatsapp.disconnect.useMutation(options),
    logout: trpc.whatsapp.logout.useMutation(options),
    remove: trpc.whatsapp.remove.useMutation(options),
  } satisfies Record<AccountAction, unknown>;
  return {
    run: (action, id) => mutations[action].mutate({ id }),
    pending: Object.values(mutations).some((m) => m.isPending),
  };
}
