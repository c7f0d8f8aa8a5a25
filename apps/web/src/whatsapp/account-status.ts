import type { AccountStatusEvent } from '@chapar/api';
import type { AccountStatus } from '@chapar/domain';
import type { Account } from '../trpc/trpc';

/** An account as the list returned it, updated by its live status feed. */
export interface LiveAccount extends Account {
  /** The QR to scan while the status is QR. */
  qr: string | null;
}

/** The status feed is fresher than the list: its status, phone and error win. */
export function withLiveStatus(account: Account, event: AccountStatusEvent | undefined): LiveAccount {
  if (!event) return { ...account, qr: null };
  return {
    ...account,
    status: event.status,
    phone: event.phone ?? account.phone,
    error: event.status === 'FAILED' ? (event.error ?? account.error) : null,
    qr: event.status === 'QR' ? (event.qr ?? null) : null,
  };
}

export const ACCOUNT_STATUS_COLOR: Record<AccountStatus, string> = {
  DISCONNECTED: 'gray',
  CONNECTING: 'yellow',
  QR: 'blue',
  READY: 'green',
  FAILED: 'red',
};

export type AccountAction = 'connect' | 'disconnect' | 'logout' | 'remove';

/** Which buttons make sense in each status (the server refuses the rest anyway). */
export function accountActions(status: AccountStatus): AccountAction[] {
  const actions: AccountAction[] = [];
  if (status === 'DISCONNECTED' || status === 'FAILED') actions.push('connect');
  if (status === 'CONNECTING' || status === 'QR' || status === 'READY') actions.push('disconnect');
  if (status === 'READY' || status === 'DISCONNECTED' || status === 'FAILED') actions.push('logout');
  actions.push('remove');
  return actions;
}

/**
 * "Shop phone (Ready)" for a plain string (a select option, a summary line): the label the
 * user gave in its own direction (FSI … PDI), so a Latin label does not turn a Persian line
 * left to right, nor a Persian one an English line.
 */
export function labelWithStatus(label: string, statusText: string): string {
  return `\u2068${label}\u2069 (${statusText})`;
}
