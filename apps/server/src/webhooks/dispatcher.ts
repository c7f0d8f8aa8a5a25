import { randomUUID } from 'node:crypto';
import { type Database, webhookDeliveries, webhooks } from '@chapar/db';
import { and, asc, eq, lte, sql } from 'drizzle-orm';
import type { AppLogger } from '../logger';
import type { RetryPolicy } from './retry-policy';
import { postWebhook } from './send';
import { signBody } from './signature';

export interface DispatcherOptions {
  db: Database;
  log: AppLogger;
  policy: RetryPolicy;
  allowPrivate: boolean;
  /** A 2xx must arrive within this (10 s). */
  timeoutMs?: number;
  /** How often the outbox is read when nothing wakes the dispatcher. */
  pollMs?: number;
  /** Deliveries in flight at once (each the oldest unfinished one of its subject). */
  concurrency?: number;
}

/** A claim outlives the send's time limit by this much, so only a dead process's claim lapses. */
const CLAIM_MARGIN_SECONDS = 5;

/**
 * Delivers the outbox. Every process runs one (any CHAPAR_ROLE): a row is claimed with one
 * guarded UPDATE (`WHERE status = 'PENDING'`), so two processes never send the same attempt,
 * and the claim carries a token and an expiry, so a process killed mid-send leaves a claim
 * that lapses and the row is sent again (at least once). Only the oldest unfinished row of
 * each endpoint and subject is a candidate, so one recipient's events arrive in order, a
 * failing one holding the later ones back.
 */
export class WebhookDispatcher {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = true;
  private readonly timeoutMs: number;
  private readonly pollMs: number;
  private readonly concurrency: number;

  constructor(private readonly o: DispatcherOptions) {
    this.timeoutMs = o.timeoutMs ?? 10_000;
    this.pollMs = o.pollMs ?? 1_000;
    this.concurrency = o.concurrency ?? 4;
  }

  start() {
    this.stopped = false;
    this.wake();
  }

  async stop() {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Reads the outbox now (after an event or a "send again") rather than at the next poll. */
  wake() {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.running = this.round()
      .catch((error: Error) => this.o.log.warn({ err: error }, 'webhook round failed'))
      .finally(() => {
        this.running = null;
        if (this.stopped) return;
        if (this.again) {
          this.again = false;
          this.wake();
        } else {
          this.timer = setTimeout(() => this.wake(), this.pollMs);
        }
      });
  }

  private async round() {
    const { db } = this.o;
    // Claims of a process that died mid-send lapse: the row is due again at once.
    await db
      .update(webhookDeliveries)
      .set({ status: 'PENDING', claimToken: null, claimedUntil: null })
      .where(
        and(eq(webhookDeliveries.status, 'DELIVERING'), lte(webhookDeliveries.claimedUntil, sql`NOW(3)`)),
      );
    for (;;) {
      if (this.stopped) return;
      const due = await db
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
        .limit(this.concurrency * 4);
      if (due.length === 0) return;
      let delivered = 0;
      const queue = [...due];
      await Promise.all(
        Array.from({ length: this.concurrency }, async () => {
          for (let next = queue.shift(); next; next = queue.shift()) {
            if (this.stopped) return;
            if (await this.attempt(next.id)) delivered++;
          }
        }),
      );
      // Nothing claimed: another process has these; its results show at the next poll.
      if (delivered === 0) return;
    }
  }

  /** One attempt of one row; false when another process claimed it first. */
  private async attempt(id: number): Promise<boolean> {
    const { db, log, policy } = this.o;
    const token = randomUUID();
    const [claimed] = await db
      .update(webhookDeliveries)
      .set({
        status: 'DELIVERING',
        claimToken: token,
        claimedUntil: sql`NOW(3) + INTERVAL ${Math.ceil(this.timeoutMs / 1000) + CLAIM_MARGIN_SECONDS} SECOND`,
        attempts: sql`${webhookDeliveries.attempts} + 1`,
        lastAttemptAt: sql`NOW(3)`,
      })
      .where(and(eq(webhookDeliveries.id, id), eq(webhookDeliveries.status, 'PENDING')));
    if (claimed.affectedRows !== 1) return false;
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
    if (!row) return true; // the webhook was removed meanwhile (its rows with it)
    const result = await postWebhook(
      row.url,
      row.body,
      {
        'x-chapar-event': row.type,
        'x-chapar-delivery': row.eventId,
        'x-chapar-signature': signBody(row.body, row.secret),
      },
      { timeoutMs: this.timeoutMs, allowPrivate: this.o.allowPrivate },
    );
    const mine = and(eq(webhookDeliveries.id, id), eq(webhookDeliveries.claimToken, token));
    const outcome = {
      claimToken: null,
      claimedUntil: null,
      lastStatusCode: result.statusCode,
      lastLatencyMs: result.latencyMs,
      lastError: result.error?.slice(0, 500) ?? null,
    };
    if (result.ok) {
      await db
        .update(webhookDeliveries)
        .set({ ...outcome, status: 'SUCCEEDED', deliveredAt: sql`NOW(3)` })
        .where(mine);
      await db.update(webhooks).set({ failingSince: null }).where(eq(webhooks.id, row.webhookId));
      return true;
    }
    const delay = policy.nextDelayMs(row.attempts, Date.now() - row.createdAt.getTime());
    await db
      .update(webhookDeliveries)
      .set(
        delay === null
          ? { ...outcome, status: 'FAILED' }
          : {
              ...outcome,
              status: 'PENDING',
              nextAttemptAt: sql`NOW(3) + INTERVAL ${Math.round(delay * 1000)} MICROSECOND`,
            },
      )
      .where(mine);
    log.info(
      { webhookId: row.webhookId, deliveryId: id, attempt: row.attempts, error: result.error },
      'webhook delivery failed',
    );
    await this.noteFailure(row.webhookId, delay === null ? row.createdAt : null);
    return true;
  }

  /**
   * Starts the endpoint's failure run, and disables it when the run has lasted a day, or
   * when an event ran out of its day of retries with no success since it was written.
   */
  private async noteFailure(webhookId: number, exhaustedEventOf: Date | null) {
    const { db, log, policy } = this.o;
    await db
      .update(webhooks)
      .set({ failingSince: sql`COALESCE(${webhooks.failingSince}, NOW(3))` })
      .where(eq(webhooks.id, webhookId));
    const [disabled] = await db
      .update(webhooks)
      .set({
        status: 'DISABLED',
        disabledReason:
          'Every delivery failed for a day, so Chapar stopped sending. Fix the endpoint, then turn it back on; waiting events are sent then.',
      })
      .where(
        and(
          eq(webhooks.id, webhookId),
          eq(webhooks.status, 'ACTIVE'),
          exhaustedEventOf
            ? sql`NOT EXISTS (SELECT 1 FROM webhook_deliveries ok WHERE ok.webhook_id = ${webhooks.id}
                 AND ok.status = 'SUCCEEDED' AND ok.delivered_at >= ${exhaustedEventOf})`
            : sql`${webhooks.failingSince} <= NOW(3) - INTERVAL ${Math.round(policy.disableAfterMs * 1000)} MICROSECOND`,
        ),
      );
    if (disabled.affectedRows === 1)
      log.warn({ webhookId }, 'webhook disabled after a day of failed deliveries');
  }
}
