import type { CampaignsPort, EventBus, RecipientFailure } from '@chapar/api';
import {
  campaigns,
  type Database,
  optOuts,
  recipients,
  subscriptions,
  uploads,
  users,
  whatsappAccounts,
} from '@chapar/db';
import type { CampaignInterval } from '@chapar/domain';
import { and, asc, eq, gte, inArray, sql } from 'drizzle-orm';
import { publishProgress } from '../repositories/campaign-progress';
import { createCampaignsPort } from '../repositories/campaigns';
import { bumpRollups } from '../repositories/rollups';
import { quotaPause, usableSubscription } from '../repositories/subscriptions';
import { retryDeadlock } from '../repositories/util';
import { recordRecipientStatus, recordWebhookEvent } from '../webhooks/outbox';

export interface Claimed {
  id: number;
  phone: string;
  name: string | null;
  variables: Record<string, string> | null;
}

export type ClaimResult =
  | { kind: 'claimed'; recipient: Claimed }
  | { kind: 'opted-out' }
  | { kind: 'empty' }
  | { kind: 'no-quota' }
  /** The campaign's content changed since the worker read it: read it again, nothing was done. */
  | { kind: 'stale' }
  /** The account's lease moved to another worker (or expired): this worker must stop sending. */
  | { kind: 'not-owner' };

/** The lease a claim must still match: owner and epoch, checked under the account row's lock. */
export interface ClaimFence {
  accountId: number;
  owner: string;
  epoch: number;
}

export interface RunningCampaign {
  id: number;
  userId: number;
  message: string;
  interval: CampaignInterval;
  batchSize: number;
  batchPauseSeconds: number;
  typing: boolean;
  media: { sha256: string; mimeType: string; fileName: string } | null;
  mediaUploadId: number | null;
}

/**
 * All of the engine's database access. Every state change of a recipient is a guarded
 * UPDATE on its current status, and the campaign's counter moves in the same
 * transaction, so counters always equal the rows behind them. Campaign transitions go
 * through the campaigns repository (one place for the lifecycle rule), and progress is
 * published from here after each change.
 */
export function createEngineStore(db: Database, bus: EventBus) {
  const campaignsPort = createCampaignsPort(db, bus);
  const bump = (
    column: 'sentCount' | 'failedCount' | 'deliveredCount' | 'readCount' | 'skippedCount',
    by = 1,
  ) => ({
    [column]: sql`${campaigns[column]} + ${by}`,
  });

  const claimIn = (campaign: RunningCampaign, now: Date, fence: ClaimFence): Promise<ClaimResult> =>
    db.transaction(async (tx) => {
      // The campaign row first (every engine transaction locks it before recipients, so
      // none deadlocks with a cancel), and a pause or cancel that just landed is honoured.
      const [locked] = await tx
        .select({
          status: campaigns.status,
          message: campaigns.message,
          typing: campaigns.typing,
          mediaUploadId: campaigns.mediaUploadId,
        })
        .from(campaigns)
        .where(eq(campaigns.id, campaign.id))
        .for('update');
      if (locked?.status !== 'RUNNING') return { kind: 'empty' as const };
      // Fencing: the claim only happens while this worker's lease stands. The account row's
      // lock makes a takeover wait for this transaction, and a takeover that came first
      // has moved the epoch, so two workers never claim for one account.
      const [lease] = await tx
        .select({ ok: sql<number>`${whatsappAccounts.leaseExpiresAt} > NOW(3)` })
        .from(whatsappAccounts)
        .where(
          and(
            eq(whatsappAccounts.id, fence.accountId),
            eq(whatsappAccounts.leaseOwner, fence.owner),
            eq(whatsappAccounts.leaseEpoch, fence.epoch),
          ),
        )
        .for('update');
      if (!lease || Number(lease.ok) !== 1) return { kind: 'not-owner' as const };
      // A worker may have read the campaign a few seconds ago; what goes out is what is stored.
      if (
        locked.message !== campaign.message ||
        locked.typing !== campaign.typing ||
        locked.mediaUploadId !== campaign.mediaUploadId
      ) {
        return { kind: 'stale' as const };
      }
      const [next] = await tx
        .select({
          id: recipients.id,
          phone: recipients.phone,
          name: recipients.name,
          variables: recipients.variables,
        })
        .from(recipients)
        .where(and(eq(recipients.campaignId, campaign.id), eq(recipients.status, 'PENDING')))
        .orderBy(asc(recipients.id))
        .limit(1)
        .for('update');
      if (!next) return { kind: 'empty' as const };
      // Someone who replied STOP after the import is skipped at send time, free of charge.
      const [optedOut] = await tx
        .select({ id: optOuts.id })
        .from(optOuts)
        .where(and(eq(optOuts.userId, campaign.userId), eq(optOuts.phone, next.phone)))
        .limit(1);
      if (optedOut) {
        await tx
          .update(recipients)
          .set({
            status: 'SKIPPED',
            error: 'Opted out: this number asked not to be messaged.',
            errorCode: 'OPTED_OUT',
            errorParams: {},
          })
          .where(eq(recipients.id, next.id));
        await tx.update(campaigns).set(bump('skippedCount')).where(eq(campaigns.id, campaign.id));
        await recordRecipientStatus(tx, campaign.id, next.id, now);
        return { kind: 'opted-out' as const };
      }
      const subscription = await usableSubscription(tx, campaign.userId, now);
      if (!subscription) return { kind: 'no-quota' as const };
      const [charged] = await tx
        .update(subscriptions)
        .set({ messagesUsed: sql`${subscriptions.messagesUsed} + 1` })
        .where(
          and(
            eq(subscriptions.id, subscription.id),
            sql`${subscriptions.messagesUsed} < ${subscriptions.messageLimit}`,
          ),
        );
      if (charged.affectedRows !== 1) return { kind: 'no-quota' as const };
      const [claimed] = await tx
        .update(recipients)
        .set({ status: 'SENDING', attemptedAt: now, subscriptionId: subscription.id })
        .where(and(eq(recipients.id, next.id), eq(recipients.status, 'PENDING')));
      // Impossible under the row lock above; throwing rolls the charge back.
      if (claimed.affectedRows !== 1) throw new Error(`recipient ${next.id} changed while locked`);
      return { kind: 'claimed' as const, recipient: next };
    });

  const markSentIn = (campaignId: number, recipientId: number, messageId: string, now: Date) =>
    db.transaction(async (tx) => {
      await lockCampaign(tx, campaignId, false);
      const [r] = await tx
        .update(recipients)
        .set({ status: 'SENT', whatsappMessageId: messageId, sentAt: now, error: null })
        .where(and(eq(recipients.id, recipientId), eq(recipients.status, 'SENDING')));
      if (r.affectedRows !== 1) return false;
      await tx.update(campaigns).set(bump('sentCount')).where(eq(campaigns.id, campaignId));
      await bumpRollups(tx, campaignId, [{ kind: 'sent', at: now }]);
      await recordRecipientStatus(tx, campaignId, recipientId, now);
      return true;
    });

  return {
    /** A lifecycle step (pause, resume, complete, due); false when the campaign was not in a state it applies to. */
    transition: (...args: Parameters<CampaignsPort['transition']>) => campaignsPort.transition(...args),

    /** Tells subscribers the campaign's current counters and state. */
    publishProgress: (campaignId: number) => publishProgress(db, bus, campaignId),

    hasUsableSubscription: async (userId: number, now: Date) =>
      Boolean(await usableSubscription(db, userId, now)),

    quotaPause: (userId: number, now: Date) => quotaPause(db, userId, now),

    /** Campaigns of the account paused because it was not connected (they resume on READY). */
    async pausedForAccount(accountId: number): Promise<number[]> {
      const rows = await db
        .select({ id: campaigns.id })
        .from(campaigns)
        .where(
          and(
            eq(campaigns.whatsappAccountId, accountId),
            eq(campaigns.status, 'PAUSED'),
            eq(campaigns.pauseCause, 'ACCOUNT'),
          ),
        );
      return rows.map((r) => r.id);
    },

    runningCampaignsOf: async (accountId: number): Promise<RunningCampaign[]> => {
      const rows = await db
        .select({
          id: campaigns.id,
          userId: campaigns.userId,
          message: campaigns.message,
          interval: campaigns.interval,
          batchSize: campaigns.batchSize,
          batchPauseSeconds: campaigns.batchPauseSeconds,
          typing: campaigns.typing,
          mediaUploadId: campaigns.mediaUploadId,
          sha256: uploads.sha256,
          mimeType: uploads.mimeType,
          fileName: uploads.fileName,
        })
        .from(campaigns)
        // Only active users send: a ban stops the engine even before its pause lands.
        .innerJoin(users, and(eq(users.id, campaigns.userId), eq(users.status, 'ACTIVE')))
        .leftJoin(uploads, eq(uploads.id, campaigns.mediaUploadId))
        .where(and(eq(campaigns.whatsappAccountId, accountId), eq(campaigns.status, 'RUNNING')))
        .orderBy(asc(campaigns.id));
      return rows.map(({ sha256, mimeType, fileName, ...c }) => ({
        ...c,
        media: sha256 && mimeType && fileName ? { sha256, mimeType, fileName } : null,
      }));
    },

    /** Which of these accounts have work to do: RUNNING campaigns (rows left in SENDING included). */
    accountsWithRunningCampaigns: async (accountIds: number[]): Promise<number[]> => {
      if (accountIds.length === 0) return [];
      const rows = await db
        .selectDistinct({ accountId: campaigns.whatsappAccountId })
        .from(campaigns)
        .where(and(eq(campaigns.status, 'RUNNING'), inArray(campaigns.whatsappAccountId, accountIds)));
      return rows.map((r) => r.accountId).filter((id): id is number => id != null);
    },

    /** Scheduled campaigns whose time came, with whether their account has a live owner. */
    dueScheduled: async (now: Date) => {
      const rows = await db
        .select({
          id: campaigns.id,
          userId: campaigns.userId,
          accountId: campaigns.whatsappAccountId,
          owned: sql<number>`${whatsappAccounts.leaseOwner} IS NOT NULL AND ${whatsappAccounts.leaseExpiresAt} > NOW(3)`,
        })
        .from(campaigns)
        .leftJoin(whatsappAccounts, eq(whatsappAccounts.id, campaigns.whatsappAccountId))
        .where(and(eq(campaigns.status, 'SCHEDULED'), sql`${campaigns.scheduledAt} <= ${now}`));
      return rows.map((r) => ({ ...r, owned: Number(r.owned) === 1 }));
    },

    /** Next PENDING row → SENDING, charged to the user's subscription, in one transaction. */
    async claimNext(campaign: RunningCampaign, now: Date, fence: ClaimFence): Promise<ClaimResult> {
      return retryDeadlock(() => claimIn(campaign, now, fence));
    },

    async markSent(campaignId: number, recipientId: number, messageId: string, now: Date): Promise<boolean> {
      return retryDeadlock(() => markSentIn(campaignId, recipientId, messageId, now));
    },

    /**
     * A send that failed: FAILED with the reason. The message is refunded when it
     * definitely did not go out, and kept when the outcome is unknown.
     */
    markFailed: (campaignId: number, recipientId: number, failure: RecipientFailure, refund = true) =>
      releaseSending(
        db,
        recipientId,
        { status: 'FAILED', ...storedFailure(failure) },
        async (tx, row) => {
          await tx.update(campaigns).set(bump('failedCount')).where(eq(campaigns.id, campaignId));
          if (row.attemptedAt) await bumpRollups(tx, campaignId, [{ kind: 'failed', at: row.attemptedAt }]);
          await recordRecipientStatus(tx, campaignId, recipientId, new Date());
        },
        refund,
      ),

    /** Not sent on purpose (e.g. not on WhatsApp): SKIPPED with the reason, refunded. */
    markSkipped: (campaignId: number, recipientId: number, failure: RecipientFailure) =>
      releaseSending(db, recipientId, { status: 'SKIPPED', ...storedFailure(failure) }, async (tx) => {
        await tx.update(campaigns).set(bump('skippedCount')).where(eq(campaigns.id, campaignId));
        await recordRecipientStatus(tx, campaignId, recipientId, new Date());
      }),

    /** What the pacer needs of an account. */
    async pacingOf(accountId: number) {
      const [row] = await db
        .select({
          dailyLimit: whatsappAccounts.dailyLimit,
          linkedAt: whatsappAccounts.linkedAt,
          userId: whatsappAccounts.userId,
          driver: whatsappAccounts.driver,
        })
        .from(whatsappAccounts)
        .where(eq(whatsappAccounts.id, accountId));
      return row ?? null;
    },

    /**
     * When the account's sends of the last 24 hours went out (for the daily cap and the first
     * gap after a restart): the time it was stored as sent, which is after it reached the
     * driver, else when it was attempted.
     */
    async recentSendTimes(accountId: number, since: Date): Promise<number[]> {
      const rows = await db
        .select({ attemptedAt: recipients.attemptedAt, sentAt: recipients.sentAt })
        .from(recipients)
        .innerJoin(campaigns, eq(campaigns.id, recipients.campaignId))
        .where(and(eq(campaigns.whatsappAccountId, accountId), gte(recipients.attemptedAt, since)));
      return rows.map((r) => (r.sentAt ?? r.attemptedAt!).getTime());
    },

    /** Puts a number on the user's opt-out list (a STOP reply); already there is fine. */
    addOptOut: (userId: number, phone: string, source: string): Promise<boolean> =>
      db.transaction(async (tx) => {
        const at = new Date();
        const [result] = await tx.execute(
          sql`INSERT IGNORE INTO opt_outs (user_id, phone, source, created_at) VALUES (${userId}, ${phone}, ${source}, ${at})`,
        );
        const added = (result as unknown as { affectedRows: number }).affectedRows === 1;
        if (added) {
          const data = { phone, source, at: at.toISOString() };
          await recordWebhookEvent(
            tx,
            { userId },
            { type: 'optout.created', orderKey: `phone:${phone}`, at, data },
          );
        }
        return added;
      }),

    /** A message that reached the account (`message.received`), for the owner's webhooks. */
    recordIncoming: (accountId: number, from: string, text: string, at: Date) =>
      recordWebhookEvent(
        db,
        { accountId },
        {
          type: 'message.received',
          orderKey: `phone:${from}`,
          at,
          data: { accountId, from, text, at: at.toISOString() },
        },
      ),

    /** A send checked and found not to have gone out: back to the queue, refunded. */
    requeue: (recipientId: number) =>
      releaseSending(db, recipientId, { status: 'PENDING', subscriptionId: null, attemptedAt: null }),

    /** Rows a crash left in SENDING, for the account's campaigns. */
    interruptedSends: (accountId: number) =>
      db
        .select({
          id: recipients.id,
          campaignId: recipients.campaignId,
          phone: recipients.phone,
          attemptedAt: recipients.attemptedAt,
        })
        .from(recipients)
        .innerJoin(campaigns, eq(campaigns.id, recipients.campaignId))
        .where(and(eq(campaigns.whatsappAccountId, accountId), eq(recipients.status, 'SENDING'))),

    /** Whether any row is still PENDING or SENDING (one index probe, not a count of them all). */
    async hasUnfinished(campaignId: number): Promise<boolean> {
      const [row] = await db
        .select({ id: recipients.id })
        .from(recipients)
        .where(and(eq(recipients.campaignId, campaignId), inArray(recipients.status, ['PENDING', 'SENDING'])))
        .limit(1);
      return row !== undefined;
    },

    /**
     * Moves a recipient forward on an ack (SENT→DELIVERED→READ, never back). Answers the
     * campaign id when something changed, 'unknown' when no row has that message id yet.
     */
    async applyAck(messageId: string, ack: 'DELIVERED' | 'READ' | 'FAILED', now: Date, error?: string) {
      const [owner] = await db
        .select({ campaignId: recipients.campaignId })
        .from(recipients)
        .where(eq(recipients.whatsappMessageId, messageId))
        .limit(1);
      if (!owner) return 'unknown' as const;
      return db.transaction(async (tx) => {
        await lockCampaign(tx, owner.campaignId, false);
        const [row] = await tx
          .select({
            id: recipients.id,
            campaignId: recipients.campaignId,
            status: recipients.status,
            sentAt: recipients.sentAt,
            attemptedAt: recipients.attemptedAt,
          })
          .from(recipients)
          .where(eq(recipients.whatsappMessageId, messageId))
          .limit(1)
          .for('update');
        if (!row) return 'unknown' as const;
        const { id, campaignId, status, sentAt, attemptedAt } = row;
        if (ack === 'DELIVERED' && status === 'SENT') {
          await tx
            .update(recipients)
            .set({ status: 'DELIVERED', deliveredAt: now })
            .where(eq(recipients.id, id));
          await tx.update(campaigns).set(bump('deliveredCount')).where(eq(campaigns.id, campaignId));
          await bumpRollups(tx, campaignId, [{ kind: 'delivered', at: now }]);
          await recordRecipientStatus(tx, campaignId, id, now);
          return campaignId;
        }
        if (ack === 'READ' && (status === 'SENT' || status === 'DELIVERED')) {
          const skippedDelivered = status === 'SENT';
          await tx
            .update(recipients)
            .set({ status: 'READ', readAt: now, ...(skippedDelivered ? { deliveredAt: now } : {}) })
            .where(eq(recipients.id, id));
          await tx
            .update(campaigns)
            .set({ ...bump('readCount'), ...(skippedDelivered ? bump('deliveredCount') : {}) })
            .where(eq(campaigns.id, campaignId));
          await bumpRollups(tx, campaignId, [
            { kind: 'read', at: now },
            ...(skippedDelivered ? [{ kind: 'delivered' as const, at: now }] : []),
          ]);
          await recordRecipientStatus(tx, campaignId, id, now);
          return campaignId;
        }
        if (ack === 'FAILED' && status === 'SENT') {
          await tx
            .update(recipients)
            .set({
              status: 'FAILED',
              error: error ?? 'WhatsApp reported the message as failed.',
              errorCode: 'WHATSAPP_REJECTED',
              errorParams: { detail: error ?? null },
            })
            .where(eq(recipients.id, id));
          await tx
            .update(campaigns)
            .set({ ...bump('failedCount'), ...bump('sentCount', -1) })
            .where(eq(campaigns.id, campaignId));
          // It leaves the sends of its send time and joins the failures of its attempt time.
          await bumpRollups(tx, campaignId, [
            ...(sentAt ? [{ kind: 'sent' as const, at: sentAt, by: -1 }] : []),
            ...(attemptedAt ? [{ kind: 'failed' as const, at: attemptedAt }] : []),
          ]);
          await recordRecipientStatus(tx, campaignId, id, now);
          return campaignId;
        }
        return null;
      });
    },
  };
}

type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];

/** Locks the campaign row; with `mustRun`, answers false unless it is RUNNING. */
async function lockCampaign(tx: Tx, campaignId: number, mustRun: boolean): Promise<boolean> {
  const [row] = await tx
    .select({ status: campaigns.status })
    .from(campaigns)
    .where(eq(campaigns.id, campaignId))
    .for('update');
  return mustRun ? row?.status === 'RUNNING' : row !== undefined;
}

/**
 * Moves a SENDING row on without a send (FAILED or back to PENDING) and gives the
 * message back to the subscription it was charged to, all in one transaction.
 */
function releaseSending(
  db: Database,
  recipientId: number,
  set: Partial<typeof recipients.$inferInsert>,
  alsoInTransaction?: (tx: Tx, row: { attemptedAt: Date | null }) => Promise<void>,
  refundCharge = true,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({
        subscriptionId: recipients.subscriptionId,
        campaignId: recipients.campaignId,
        attemptedAt: recipients.attemptedAt,
      })
      .from(recipients)
      .where(eq(recipients.id, recipientId));
    if (row) await lockCampaign(tx, row.campaignId, false);
    const [moved] = await tx
      .update(recipients)
      .set(set)
      .where(and(eq(recipients.id, recipientId), eq(recipients.status, 'SENDING')));
    if (moved.affectedRows !== 1) return false;
    await alsoInTransaction?.(tx, { attemptedAt: row?.attemptedAt ?? null });
    if (refundCharge && row?.subscriptionId) await refund(tx, row.subscriptionId);
    return true;
  });
}

async function refund(db: Pick<Database, 'update'>, subscriptionId: number) {
  await db
    .update(subscriptions)
    .set({ messagesUsed: sql`GREATEST(${subscriptions.messagesUsed} - 1, 0)` })
    .where(eq(subscriptions.id, subscriptionId));
}

export type EngineStore = ReturnType<typeof createEngineStore>;

/** The columns of a recipient's failure: the English text (bounded) and its reason code. */
function storedFailure(failure: RecipientFailure) {
  return { error: failure.error.slice(0, 2000), errorCode: failure.code, errorParams: failure.params ?? {} };
}
