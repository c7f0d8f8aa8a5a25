import {
  type CampaignStatus,
  type CampaignTransition,
  canTransition,
  type RecipientStatus,
} from '@chapar/domain';

export const CAMPAIGN_STATUS_COLOR: Record<CampaignStatus, string> = {
  DRAFT: 'gray',
  READY: 'blue',
  SCHEDULED: 'indigo',
  RUNNING: 'teal',
  PAUSED: 'yellow',
  COMPLETED: 'green',
  FAILED: 'red',
  CANCELLED: 'dark',
};

export const RECIPIENT_STATUS_COLOR: Record<RecipientStatus, string> = {
  PENDING: 'gray',
  SENDING: 'yellow',
  SENT: 'blue',
  DELIVERED: 'teal',
  READ: 'green',
  FAILED: 'red',
  SKIPPED: 'dark',
};

/** What a person can do to a campaign; each maps to the procedure of the same name. */
export const CAMPAIGN_ACTIONS = [
  'start',
  'pause',
  'resume',
  'cancel',
] as const satisfies readonly CampaignTransition[];
export type CampaignAction = (typeof CAMPAIGN_ACTIONS)[number];

/** The actions the campaign's state machine allows from `status`, in display order. */
export function campaignActions(status: CampaignStatus): CampaignAction[] {
  return CAMPAIGN_ACTIONS.filter((action) => canTransition(status, action));
}

export interface Counters {
  totalRecipients: number;
  sentCount: number;
  failedCount: number;
  skippedCount: number;
}

/** Shares of the bar, in percent: sent (incl. delivered and read), failed, skipped. */
export function progressShares(c: Counters): { sent: number; failed: number; skipped: number; done: number } {
  if (c.totalRecipients <= 0) return { sent: 0, failed: 0, skipped: 0, done: 0 };
  const pct = (n: number) => Math.min(100, (Math.max(0, n) / c.totalRecipients) * 100);
  const sent = pct(c.sentCount);
  const failed = Math.min(100 - sent, pct(c.failedCount));
  const skipped = Math.min(100 - sent - failed, pct(c.skippedCount));
  return { sent, failed, skipped, done: sent + failed + skipped };
}
