import type { AccountStatusEvent } from '@chapar/api';
import type { AccountStatus } from '@chapar/domain';
import { notifications } from '@mantine/notifications';
import { useCallback, useRef } from 'react';
import { useT } from '../i18n/i18n-provider';
import type { Account } from '../trpc/trpc';

/** Linking is long work done elsewhere (on the phone): its end is announced wherever the user is. */
export function statusAnnouncement(
  before: AccountStatus | undefined,
  event: AccountStatusEvent,
): 'linked' | 'failed' | 'lost' | null {
  if (before === undefined || before === event.status) return null; // the first event is the current state
  if (event.status === 'READY') return 'linked';
  if (event.status === 'FAILED') return 'failed';
  if (before === 'READY' && event.status !== 'DISCONNECTED') return 'lost';
  return null;
}

export function useStatusNotifications(accounts: Account[] | undefined) {
  const t = useT();
  const labels = useRef(new Map<number, string>());
  labels.current = new Map(accounts?.map((a) => [a.id, a.label]));
  return useCallback(
    (id: number, before: AccountStatus | undefined, event: AccountStatusEvent) => {
      const kind = statusAnnouncement(before, event);
      if (!kind) return;
      // Isolated, so a Latin label keeps its quotes in place inside Persian text.
      const label = `\u2068${labels.current.get(id) ?? ''}\u2069`;
      notifications.show({
        id: `account-${id}-${event.status}`,
        color: kind === 'linked' ? 'teal' : 'red',
        title: t(`accounts.notify.${kind}`, { label }),
        message:
          kind === 'failed' ? (
            <bdi>{event.error ?? t('errors.generic')}</bdi>
          ) : (
            t(`accounts.notify.${kind}.body`)
          ),
        autoClose: kind === 'linked' ? 5_000 : 10_000,
      });
    },
    [t],
  );
}
