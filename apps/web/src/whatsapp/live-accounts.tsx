import type { AccountStatusEvent } from '@chapar/api';
import { createContext, type ReactNode, useCallback, useContext, useMemo, useRef, useState } from 'react';
import { type Account, type ApiError, trpc } from '../trpc/trpc';
import { type LiveAccount, withLiveStatus } from './account-status';
import { useStatusNotifications } from './status-notifications';

interface LiveAccounts {
  /** Undefined while the list loads. */
  accounts: LiveAccount[] | undefined;
  error: ApiError | null;
  refetch(): void;
}

const LiveAccountsContext = createContext<LiveAccounts | null>(null);

/**
 * Keeps one `whatsapp.onStatus` subscription per account for the whole signed-in app,
 * so the header badge, the accounts page and the campaign form share one live view.
 */
export function LiveAccountsProvider({ children }: { children: ReactNode }) {
  const list = trpc.whatsapp.list.useQuery();
  const [events, setEvents] = useState<Record<number, AccountStatusEvent>>({});
  const { data, error, refetch } = list;
  const announce = useStatusNotifications(data);
  const lastStatus = useRef(new Map<number, AccountStatusEvent['status']>());
  const onEvent = useCallback(
    (id: number, event: AccountStatusEvent) => {
      announce(id, lastStatus.current.get(id), event);
      lastStatus.current.set(id, event.status);
      setEvents((prev) => ({ ...prev, [id]: event }));
    },
    [announce],
  );

  const value = useMemo<LiveAccounts>(
    () => ({
      accounts: data?.map((account) => withLiveStatus(account, events[account.id])),
      error,
      refetch: () => void refetch(),
    }),
    [data, error, refetch, events],
  );

  return (
    <LiveAccountsContext.Provider value={value}>
      {data?.map((account) => (
        <StatusFeed key={account.id} account={account} onEvent={onEvent} />
      ))}
      {children}
    </LiveAccountsContext.Provider>
  );
}

function StatusFeed({
  account,
  onEvent,
}: {
  account: Account;
  onEvent(id: number, e: AccountStatusEvent): void;
}) {
  trpc.whatsapp.onStatus.useSubscription(
    { id: account.id },
    { onData: (event) => onEvent(account.id, event) },
  );
  return null;
}

export function useLiveAccounts(): LiveAccounts {
  const live = useContext(LiveAccountsContext);
  if (!live) throw new Error('useLiveAccounts must be used inside <LiveAccountsProvider>.');
  return live;
}
