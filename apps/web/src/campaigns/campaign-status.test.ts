import { CAMPAIGN_STATUSES, type CampaignStatus } from '@chapar/domain';
import { describe, expect, it } from 'vitest';
import { campaignActions, progressShares } from './campaign-status';

describe('campaignActions', () => {
  const expected: Record<CampaignStatus, string[]> = {
    DRAFT: ['cancel'],
    READY: ['start', 'cancel'],
    SCHEDULED: ['pause', 'cancel'],
    RUNNING: ['pause', 'cancel'],
    PAUSED: ['resume', 'cancel'],
    COMPLETED: [],
    FAILED: [],
    CANCELLED: [],
  };
  it.each(CAMPAIGN_STATUSES)('offers the allowed actions for %s', (status) => {
    expect(campaignActions(status)).toEqual(expected[status]);
  });
});

describe('progressShares', () => {
  it('splits the bar into sent, failed and skipped', () => {
    expect(progressShares({ totalRecipients: 4, sentCount: 2, failedCount: 1, skippedCount: 1 })).toEqual({
      sent: 50,
      failed: 25,
      skipped: 25,
      done: 100,
    });
  });

  it('is empty without recipients and never overflows', () => {
    expect(progressShares({ totalRecipients: 0, sentCount: 0, failedCount: 0, skippedCount: 0 }).done).toBe(
      0,
    );
    expect(progressShares({ totalRecipients: 2, sentCount: 3, failedCount: 1, skippedCount: 0 }).done).toBe(
      100,
    );
  });
});
