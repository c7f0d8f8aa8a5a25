import type { CampaignsPort } from '@chapar/api';
import type { Database } from '@chapar/db';
import { quotaPausedCampaignIds } from '../repositories/campaigns';
import { usableSubscription } from '../repositories/subscriptions';

/**
 * After money arrives (a purchase or an admin's grant), the campaigns that paused for want
 * of it carry on by themselves, as ones paused by a dropped connection do when it returns:
 * the user paid so that they would. Campaigns paused for any other cause stay paused.
 * Answers how many resumed.
 */
export async function resumeQuotaPaused(
  db: Database,
  campaignsPort: Pick<CampaignsPort, 'transition'>,
  userId: number,
  now: Date,
): Promise<number> {
  if (!(await usableSubscription(db, userId, now))) return 0;
  let resumed = 0;
  for (const id of await quotaPausedCampaignIds(db, userId)) {
    if (await campaignsPort.transition(id, 'resume')) resumed++;
  }
  return resumed;
}
