import type { RecipientStatus } from '@chapar/domain';

export interface TabCounters {
  totalRecipients: number;
  sentCount: number;
  deliveredCount: number;
  readCount: number;
  failedCount: number;
  skippedCount: number;
}

/**
 * The recipients table's tabs. Each covers the statuses its counter counts (sent =
 * SENT + DELIVERED + READ, as on the counters), so a tab's number always matches its rows
 * and comes from the campaign's counters: no COUNT over 100,000 rows.
 */
export const RECIPIENT_TABS = [
  { id: 'all', statuses: null, count: (c: TabCounters) => c.totalRecipients },
  {
    id: 'waiting',
    statuses: ['PENDING', 'SENDING'],
    count: (c: TabCounters) => Math.max(0, c.totalRecipients - c.sentCount - c.failedCount - c.skippedCount),
  },
  { id: 'sent', statuses: ['SENT', 'DELIVERED', 'READ'], count: (c: TabCounters) => c.sentCount },
  { id: 'delivered', statuses: ['DELIVERED', 'READ'], count: (c: TabCounters) => c.deliveredCount },
  { id: 'read', statuses: ['READ'], count: (c: TabCounters) => c.readCount },
  { id: 'failed', statuses: ['FAILED'], count: (c: TabCounters) => c.failedCount },
  { id: 'skipped', statuses: ['SKIPPED'], count: (c: TabCounters) => c.skippedCount },
] as const satisfies ReadonlyArray<{
  id: string;
  statuses: readonly RecipientStatus[] | null;
  count(c: TabCounters): number;
}>;

export type RecipientTabId = (typeof RECIPIENT_TABS)[number]['id'];

export function recipientTab(id: string) {
  return RECIPIENT_TABS.find((tab) => tab.id === id) ?? RECIPIENT_TABS[0];
}

export type RecipientSortBy = 'phone' | 'name' | 'status' | 'sentAt';
export interface RecipientSort {
  by: RecipientSortBy | 'id';
  dir: 'asc' | 'desc';
}

/** Insertion order (the order they are sent in) until a column is chosen. */
export const DEFAULT_SORT: RecipientSort = { by: 'id', dir: 'asc' };

/** A click on a column's header: the same column flips, another starts at its natural direction. */
export function toggleSort(current: RecipientSort, by: RecipientSortBy): RecipientSort {
  if (current.by === by) return { by, dir: current.dir === 'asc' ? 'desc' : 'asc' };
  return { by, dir: by === 'sentAt' ? 'desc' : 'asc' };
}

export function ariaSort(current: RecipientSort, by: RecipientSortBy): 'ascending' | 'descending' | 'none' {
  if (current.by !== by) return 'none';
  return current.dir === 'asc' ? 'ascending' : 'descending';
}
