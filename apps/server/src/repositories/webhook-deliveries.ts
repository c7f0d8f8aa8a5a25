import {
  campaigns,
  type Database,
  recipients,
  webhookDeliveries,
  webhooks,
  whatsappAccounts,
} from '@chapar/db';
import { and, asc, eq, lte, sql } from 'drizzle-orm';

// The outbox (`webhook_deliveries`): what `webhooks/outbox.ts` writes in the caller's
// transaction, and the claims `webhooks/dispatcher.ts` takes on it. A claim is a guarded
// UPDATE (`WHERE status = 'PENDING'`) with a token and an expiry, and every result is written
// only under that token: two processes never send one attempt, and a dead one's claim lapses.

/** A transaction or the database itself: what the outbox writes with. */
export type OutboxWriter = Pick<Database, 'select' | 'insert'>;

/** Whose endpoints hear the event: a user, or the owner of a campaign or account. */
export type EventOwner = { userId: number } | { campaignId: number } | { accountId: number };

/** The JSON every endpoint receives; its `id` is `X-Chapar-Delivery`, the same on every retry. */
export interface WebhookPayload {
  id: string;
  type: string;
  createdAt: string;
  data: Record<string, unknown>;
}

/** The claim a dispatcher holds on one row: its results are written only under this token. */
export interface DeliveryClaim {
  id: number;
  token: string;
}

/** What one attempt answered, as the delivery log shows it. */
export interface AttemptOutcome {
  statusCode: number | null;
  latencyMs: number | null;
  error: string | null;
}

function ownerId(owner: EventOwner) {
  if ('userId' in owner) return sql`${owner.userId}`;
  if ('campaignId' in owner)
    return sql`(SELECT ${campaigns.userId} FROM ${campaigns} WHERE ${campaigns.id} = ${owner.campaignId})`;
  return sql`(SELECT ${whatsappAccounts.userId} FROM ${whatsappAccounts} WHERE ${whatsappAccounts.id} = ${owner.accountId})`;
}

/** The owner's active endpoints that asked for this event type (one indexed read). */
export async function listSubscribedWebhookIds(
  tx: OutboxWriter,
  owner: EventOwner,
  type: string,
): Promise<number[]> {
  const rows = await tx
    .select({ id: webhooks.id })
    .from(webhooks)
    .where(
      and(
        sql`${webhooks.userId} = ${ownerId(owner)}`,
        eq(webhooks.status, 'ACTIVE'),
        sql`FIND_IN_SET(${type}, ${webhooks.events}) > 0`,
      ),
    );
  return rows.map((r) => r.id);
}

/** One outbox row per endpoint for the payload, due now, with the exact body that is signed and sent. */
export function insertWebhookDeliveries(
  tx: OutboxWriter,
  webhookIds: number[],
  payload: WebhookPayload,
  orderKey: string,
) {
  const body = JSON.stringify(payload);
  return tx
    .insert(webhookDeliveries)
    .values(
      webhookIds.map((webhookId) => ({
        webhookId,
        eventId: payload.id,
        type: payload.type,
        body,
        orderKey: orderKey.slice(0, 64),
        nextAttemptAt: sql`NOW(3)`,
        createdAt: new Date(payload.createdAt),
      })),
    )
    .$returningId();
}

/** A recipient as `recipient.status` reports it, read in the transaction that changed it. */
export async function readRecipientForEvent(tx: OutboxWriter, recipientId: number) {
  const [row] = await tx
    .select({
      campaignId: recipients.campaignId,
      recipientId: recipients.id,
      phone: recipients.phone,
      name: recipients.name,
      status: recipients.status,
      messageId: recipients.whatsappMessageId,
      error: recipients.error,
      errorCode: recipients.errorCode,
      errorParams: recipients.errorParams,
    })
    .from(recipients)
    .where(eq(recipients.id, recipientId));
  return row ?? null;
}

/** Claims of a process that died mid-send lapse: the row is due again at once. */
export async function releaseLapsedDeliveryClaims(db: Database): Promise<void> {
  await db
    .update(webhookDeliveries)
    .set({ status: 'PENDING', claimToken: null, claimedUntil: null })
    .where(and(eq(webhookDeliveries.status, 'DELIVERING'), lte(webhookDeliveries.claimedUntil, sql`NOW(3)`)));
}

/**
 * Due rows of active endpoints, oldest first, each the oldest unfinished row of its endpoint
 * and `orderKey`: one subject's events go out in order, a failing one holding the later back.
 */
export async function listDueDeliveryIds(db: Database, limit: number): Promise<number[]> {
  const rows = await db
    .select({ id: webhookDeliveries.id })
    .from(webhookDeliveries)
    .innerJoin(webhooks, and(eq(webhooks.id, webhookDeliveries.webhookId), eq(webhooks.status, 'ACTIVE')))
    .where(
      and(
        eq(webhookDeliveries.status, 'PENDING'),
        lte(webhookDeliveries.nextAttemptAt, sql`NOW(3)`),
        sql`NOT EXISTS (SELECT 1 FROM webhook_deliveries earlier
             WHERE earlier.webhook_id = ${webhookDeliveries.webhookId}
               AND earlier.order_key = ${webhookDeliveries.orderKey}
               AND earlier.id < ${webhookDeliveries.id}
               AND earlier.status IN ('PENDING', 'DELIVERING'))`,
      ),
    )
    .orderBy(asc(webhookDeliveries.id))
    .limit(limit);
  return rows.map((r) => r.id);
}

/**
 * Claims one PENDING row for an attempt (counted now) until `holdSeconds` from now; false
 * when another process claimed it first.
 */
export async function claimDelivery(
  db: Database,
  claim: DeliveryClaim,
  holdSeconds: number,
): Promise<boolean> {
  const [claimed] = await db
    .update(webhookDeliveries)
    .set({
      status: 'DELIVERING',
      claimToken: claim.token,
      claimedUntil: sql`NOW(3) + INTERVAL ${holdSeconds} SECOND`,
      attempts: sql`${webhookDeliveries.attempts} + 1`,
      lastAttemptAt: sql`NOW(3)`,
    })
    .where(and(eq(webhookDeliveries.id, claim.id), eq(webhookDeliveries.status, 'PENDING')));
  return claimed.affectedRows === 1;
}

/** A claimed row with its endpoint's URL and secret; null when the endpoint was removed meanwhile. */
export async function readDeliveryToSend(db: Database, id: number) {
  const [row] = await db
    .select({
      eventId: webhookDeliveries.eventId,
      type: webhookDeliveries.type,
      body: webhookDeliveries.body,
      attempts: webhookDeliveries.attempts,
      createdAt: webhookDeliveries.createdAt,
      webhookId: webhooks.id,
      url: webhooks.url,
      secret: webhooks.secret,
    })
    .from(webhookDeliveries)
    .innerJoin(webhooks, eq(webhooks.id, webhookDeliveries.webhookId))
    .where(eq(webhookDeliveries.id, id));
  return row ?? null;
}

const underClaim = (claim: DeliveryClaim) =>
  and(eq(webhookDeliveries.id, claim.id), eq(webhookDeliveries.claimToken, claim.token));

const released = (outcome: AttemptOutcome) => ({
  claimToken: null,
  claimedUntil: null,
  lastStatusCode: outcome.statusCode,
  lastLatencyMs: outcome.latencyMs,
  lastError: outcome.error?.slice(0, 500) ?? null,
});

/** The attempt succeeded: the row is done (only if the claim is still this one's). */
export async function markDeliverySucceeded(
  db: Database,
  claim: DeliveryClaim,
  outcome: AttemptOutcome,
): Promise<void> {
  await db
    .update(webhookDeliveries)
    .set({ ...released(outcome), status: 'SUCCEEDED', deliveredAt: sql`NOW(3)` })
    .where(underClaim(claim));
}

/** The attempt failed and another is due in `delayMs` (only if the claim is still this one's). */
export async function scheduleDeliveryRetry(
  db: Database,
  claim: DeliveryClaim,
  outcome: AttemptOutcome,
  delayMs: number,
): Promise<void> {
  await db
    .update(webhookDeliveries)
    .set({
      ...released(outcome),
      status: 'PENDING',
      nextAttemptAt: sql`NOW(3) + INTERVAL ${Math.round(delayMs * 1000)} MICROSECOND`,
    })
    .where(underClaim(claim));
}

/** The attempt failed and the event has no retries left (only if the claim is still this one's). */
export async function markDeliveryFailed(
  db: Database,
  claim: DeliveryClaim,
  outcome: AttemptOutcome,
): Promise<void> {
  await db
    .update(webhookDeliveries)
    .set({ ...released(outcome), status: 'FAILED' })
    .where(underClaim(claim));
}

/** A success ends the endpoint's run of failures. */
export async function endWebhookFailureRun(db: Database, webhookId: number): Promise<void> {
  await db.update(webhooks).set({ failingSince: null }).where(eq(webhooks.id, webhookId));
}

/** A failure starts the endpoint's run of failures, unless one is already running. */
export async function startWebhookFailureRun(db: Database, webhookId: number): Promise<void> {
  await db
    .update(webhooks)
    .set({ failingSince: sql`COALESCE(${webhooks.failingSince}, NOW(3))` })
    .where(eq(webhooks.id, webhookId));
}

/**
 * Disables an active endpoint with `reason` when its run of failures has lasted `failingForMs`,
 * or, given `exhaustedEventOf` (the creation time of an event that used up its retries), when
 * nothing succeeded since that event was written. True when this call disabled it.
 */
export async function disableFailingWebhook(
  db: Database,
  webhookId: number,
  reason: string,
  when: { exhaustedEventOf: Date } | { failingForMs: number },
): Promise<boolean> {
  const [disabled] = await db
    .update(webhooks)
    .set({ status: 'DISABLED', disabledReason: reason })
    .where(
      and(
        eq(webhooks.id, webhookId),
        eq(webhooks.status, 'ACTIVE'),
        'exhaustedEventOf' in when
          ? sql`NOT EXISTS (SELECT 1 FROM webhook_deliveries ok WHERE ok.webhook_id = ${webhooks.id}
               AND ok.status = 'SUCCEEDED' AND ok.delivered_at >= ${when.exhaustedEventOf})`
          : sql`${webhooks.failingSince} <= NOW(3) - INTERVAL ${Math.round(when.failingForMs * 1000)} MICROSECOND`,
      ),
    );
  return disabled.affectedRows === 1;
}
