import { describe, expect, it } from 'vitest';
import { ariaSort, DEFAULT_SORT, RECIPIENT_TABS, recipientTab, toggleSort } from './recipient-tabs';

const counters = {
  totalRecipients: 100,
  sentCount: 60,
  deliveredCount: 40,
  readCount: 15,
  failedCount: 7,
  skippedCount: 3,
};

describe('recipient tabs', () => {
  it('count from the campaign counters, waiting being what is neither sent, failed nor skipped', () => {
    expect(Object.fromEntries(RECIPIENT_TABS.map((tab) => [tab.id, tab.count(counters)]))).toEqual({
      all: 100,
      waiting: 30,
      sent: 60,
      delivered: 40,
      read: 15,
      failed: 7,
      skipped: 3,
    });
    expect(recipientTab('waiting').count({ ...counters, totalRecipients: 50 })).toBe(0);
  });

  it('filter by the statuses their counter counts', () => {
    expect(recipientTab('sent').statuses).toEqual(['SENT', 'DELIVERED', 'READ']);
    expect(recipientTab('all').statuses).toBeNull();
    expect(recipientTab('nonsense').id).toBe('all');
  });
});

describe('toggleSort', () => {
  it('flips the same column and starts another at its natural direction', () => {
    const byPhone = toggleSort(DEFAULT_SORT, 'phone');
    expect(byPhone).toEqual({ by: 'phone', dir: 'asc' });
    expect(toggleSort(byPhone, 'phone')).toEqual({ by: 'phone', dir: 'desc' });
    expect(toggleSort(byPhone, 'sentAt')).toEqual({ by: 'sentAt', dir: 'desc' });
    expect(ariaSort(byPhone, 'phone')).toBe('ascending');
    expect(ariaSort(byPhone, 'name')).toBe('none');
  });
});
