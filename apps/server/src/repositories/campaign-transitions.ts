import type { CampaignsPort } from '@chapar/api';
import { campaigns, type Database, recipients } from '@chapar/db';
import { CAMPAIGN_TRANSITIONS, type CampaignTransition } from '@chapar/domain';
import { and, eq, inArray, not, type SQL, sql } from 'drizzle-orm';
import { recordWebhookEvent } from '../webhooks/outbox';
import { writeAudit } from './audit-log';

/** A connection or the caller's transaction. */
type Writer = Pick<Database, 'update' | 'execute' | 'insert' | 'select'>;

export type TransitionExtra = NonNullable<Parameters<CampaignsPort['transition']>[2]>;

/**
 * The one place a campaign's status is written: a guarded UPDATE `WHERE status IN (from)`
 * (packages/domain campaign-state.ts), so two clicks or two processes cannot both win.
 * `onlyIf` narrows the guard (readiness: the content READY needs). Runs in the caller's
 * transaction, with the side effects of the move (first start time, cancelled recipients,
 * audit entries); the caller publishes the new progress. Answers whether the campaign moved.
 */
export async function transitionCampaign(
  tx: Writer,
  id: number,
  transition: CampaignTransition,
  extra: TransitionExtra = {},
  onlyIf?: SQL,
): Promise<boolean> {
  const { from, to } = CAMPAIGN_TRANSITIONS[transition];
  const now = new Date();
  const set: Partial<typeof campaigns.$inferInsert> = { status: to, updatedAt: now };
  if (transition === 'schedule') set.scheduledAt = extra.scheduledAt ?? null;
  if (transition === 'pause' || transition === 'fail') {
    set.pausedReason = extra.pausedReason ?? null;
    set.pauseCause = extra.pauseCause ?? null;
    set.pausedParams = extra.pauseCause ? (extra.pausedParams ?? {}) : null;
  }
  if (transition === 'resume' || transition === 'start') {
    set.pausedReason = null;
    set.pauseCause = null;
    set.pausedParams = null;
  }
  if (transition === 'complete' || transition === 'cancel' || transition === 'fail') set.completedAt = now;

  const [result] = await tx
    .update(campaigns)
    .set(set)
    .where(and(eq(campaigns.id, id), inArray(campaigns.status, from), onlyIf));
  if (result.affectedRows !== 1) return false;
  if (transition === 'start' || transition === 'due') {
    // Keep the first start time across pause/resume and scheduling.
    await tx.execute(sql`UPDATE campaigns SET started_at = COALESCE(started_at, ${now}) WHERE id = ${id}`);
  }
  if (transition === 'cancel') {
    const [skipped] = await tx
      .update(recipients)
      .set({
        status: 'SKIPPED',
        error: 'Campaign cancelled.',
        errorCode: 'CAMPAIGN_CANCELLED',
        errorParams: {},
      })
      .where(and(eq(recipients.campaignId, id), eq(recipients.status, 'PENDING')));
    if (skipped.affectedRows > 0) {
      await tx
        .update(campaigns)
        .set({ skippedCount: sql`${campaigns.skippedCount} + ${skipped.affectedRows}` })
        .where(eq(campaigns.id, id));
    }
  }
  await writeAudit(tx, extra.audit, now);
  const data = {
    campaignId: id,
    status: to,
    pausedReason: set.pausedReason ?? null,
    pauseCause: set.pauseCause ?? null,
    pausedParams: set.pausedParams ?? null,
    at: now.toISOString(),
  };
  await recordWebhookEvent(
    tx,
    { campaignId: id },
    { type: 'campaign.status', orderKey: `campaign:${id}`, at: now, data },
  );
  return true;
}

/** What READY needs: a message, an account and at least one recipient. */
const hasContent = sql`(${campaigns.message} <> '' AND ${campaigns.whatsappAccountId} IS NOT NULL AND ${campaigns.totalRecipients} > 0)`;

/**
 * DRAFT ⇄ READY follows from the content. Each move is one guarded UPDATE that checks the
 * content itself, so the row's state at that moment decides, and at most one of them applies.
 */
export async function refreshReadiness(tx: Writer, id: number): Promise<void> {
  if (await transitionCampaign(tx, id, 'ready', {}, hasContent)) return;
  await transitionCampaign(tx, id, 'unready', {}, not(hasContent));
}
