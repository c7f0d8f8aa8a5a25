import { randomUUID } from 'node:crypto';
import type { Database } from '@chapar/db';
import type { AppLogger } from '../logger';
import {
  claimDelivery,
  disableFailingWebhook,
  endWebhookFailureRun,
  listDueDeliveryIds,
  markDeliveryFailed,
  markDeliverySucceeded,
  readDeliveryToSend,
  releaseLapsedDeliveryClaims,
  scheduleDeliveryRetry,
  startWebhookFailureRun,
} from '../repositories/webhook-deliveries';
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

const DISABLED_REASON =
  'Every delivery failed for a day, so Chapar stopped sending. Fix the endpoint, then turn it back on; waiting events are sent then.';

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
    await releaseLapsedDeliveryClaims(db);
    for (;;) {
      if (this.stopped) return;
      const due = await listDueDeliveryIds(db, this.concurrency * 4);
      if (due.length === 0) return;
      let delivered = 0;
      const queue = [...due];
      await Promise.all(
        Array.from({ length: this.concurrency }, async () => {
          for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
            if (this.stopped) return;
            if (await this.attempt(next)) delivered++;
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
    const claim = { id, token: randomUUID() };
    if (!(await claimDelivery(db, claim, Math.ceil(this.timeoutMs / 1000) + CLAIM_MARGIN_SECONDS)))
      return false;
    const row = await readDeliveryToSend(db, id);
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
    const outcome = { statusCode: result.statusCode, latencyMs: result.latencyMs, error: result.error };
    if (result.ok) {
      await markDeliverySucceeded(db, claim, outcome);
      await endWebhookFailureRun(db, row.webhookId);
      return true;
    }
    const delay = policy.nextDelayMs(row.attempts, Date.now() - row.createdAt.getTime());
    if (delay === null) await markDeliveryFailed(db, claim, outcome);
    else await scheduleDeliveryRetry(db, claim, outcome, delay);
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
    await startWebhookFailureRun(db, webhookId);
    const disabled = await disableFailingWebhook(
      db,
      webhookId,
      DISABLED_REASON,
      exhaustedEventOf ? { exhaustedEventOf } : { failingForMs: policy.disableAfterMs },
    );
    if (disabled) log.warn({ webhookId }, 'webhook disabled after a day of failed deliveries');
  }
}
