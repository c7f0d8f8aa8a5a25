import { type CampaignProgress, type EventBus, topics } from '@chapar/api';
import { campaigns, type Database } from '@chapar/db';
import { eq } from 'drizzle-orm';

/** Every campaign change is announced here too, so the engine wakes without polling. */
export const CAMPAIGNS_CHANGED = 'campaigns:changed';

export async function readProgress(db: Database, id: number): Promise<CampaignProgress | null> {
  const [row] = await db
    .select({
      status: campaigns.status,
      totalRecipients: campaigns.totalRecipients,
      sentCount: campaigns.sentCount,
      failedCount: campaigns.failedCount,
      deliveredCount: campaigns.deliveredCount,
      readCount: campaigns.readCount,
      skippedCount: campaigns.skippedCount,
      pausedReason: campaigns.pausedReason,
      pauseCause: campaigns.pauseCause,
      pausedParams: campaigns.pausedParams,
      version: campaigns.version,
    })
    .from(campaigns)
    .where(eq(campaigns.id, id))
    .limit(1);
  if (!row) return null;
  const { pausedReason, pauseCause, pausedParams, ...rest } = row;
  if (row.status !== 'PAUSED') return rest;
  return {
    ...rest,
    ...(pausedReason ? { pausedReason } : {}),
    ...(pauseCause ? { pauseCause, pausedParams: pausedParams ?? {} } : {}),
  };
}

/** Reads the campaign's counters and publishes them as one snapshot. */
export async function publishProgress(db: Database, bus: EventBus, id: number): Promise<void> {
  const progress = await readProgress(db, id);
  if (!progress) return;
  bus.publish(topics.campaign(id), progress);
  bus.publish(CAMPAIGNS_CHANGED, { id, status: progress.status });
}
