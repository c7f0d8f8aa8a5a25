import { type CompiledTemplate, parseTemplate, renderTemplate } from '@chapar/domain';
import type { AppLogger } from '../logger';
import { mediaPath } from '../services/media';
import {
  NotOnWhatsAppError,
  NotSentError,
  UnknownSendOutcomeError,
  type WhatsAppDriver,
} from '../whatsapp/driver';
import type { LeaseView } from './account-worker';
import type { Claimed, EngineStore, RunningCampaign } from './store';

/** 'opted-out' cost WhatsApp nothing, so the next send may follow at once; 'stale' sent nothing. */
export type SendOutcome =
  | 'sent'
  | 'failed'
  | 'skipped'
  | 'opted-out'
  | 'idle'
  | 'stale'
  | 'not-sent'
  | 'lost';

export interface SenderDeps {
  store: EngineStore;
  log: AppLogger;
  leases: LeaseView;
  now: () => Date;
  /** Where campaign attachments are stored. */
  dataDir: string;
  /** Consecutive failed sends on one campaign before it is paused. */
  maxConsecutiveFailures?: number;
  /** Acks of the message that arrived before its send was stored. */
  acks: { applyParked(messageId: string): Promise<void> };
  /** The account has a SENDING row whose outcome someone must look up. */
  needsResolve: (accountId: number) => void;
}

/**
 * One send, start to finish: the fenced claim, the driver call, and what its answer
 * means for the row, the subscription and the campaign (complete, pause after a run of
 * failures, requeue what never reached WhatsApp).
 */
export class Sender {
  private readonly consecutiveFailures = new Map<number, number>();
  /** Compiled message templates by campaign (recompiled when the message changes). */
  private readonly templates = new Map<number, { source: string; template: CompiledTemplate }>();

  constructor(private readonly o: SenderDeps) {}

  /** One send, start to finish. 'idle' when the campaign had nothing to send. */
  async sendOne(
    accountId: number,
    campaign: RunningCampaign,
    driver: WhatsAppDriver,
    /** Called right before the message is handed to the driver (where pacing measures from). */
    handedOff: () => void = () => {},
  ): Promise<SendOutcome> {
    const fence = this.o.leases.fence(accountId);
    if (!fence) return 'lost';
    const claim = await this.o.store.claimNext(campaign, this.o.now(), { accountId, ...fence });
    if (claim.kind === 'not-owner') return 'lost';
    if (claim.kind === 'empty') {
      if (!(await this.o.store.hasUnfinished(campaign.id))) {
        await this.o.store.transition(campaign.id, 'complete');
      }
      return 'idle';
    }
    if (claim.kind === 'opted-out') {
      await this.finishOrPublish(campaign.id);
      return 'opted-out';
    }
    if (claim.kind === 'stale') return 'stale';
    if (claim.kind === 'no-quota') {
      await this.o.store.transition(campaign.id, 'pause', {
        pauseCause: 'QUOTA',
        pausedReason: await this.o.store.quotaPauseReason(campaign.userId, this.o.now()),
      });
      return 'idle';
    }
    const { recipient } = claim;
    if (!this.o.leases.holds(accountId)) {
      // The lease lapsed between the claim and the send (a frozen process, a slow database).
      // Nothing went out; the row stays SENDING for whoever owns the account next to check.
      this.o.needsResolve(accountId);
      return 'lost';
    }
    let messageId: string;
    handedOff();
    try {
      ({ messageId } = await driver.send({
        to: recipient.phone,
        text: this.render(campaign, recipient),
        ref: `r${recipient.id}`,
        typing: campaign.typing,
        ...(campaign.media
          ? {
              media: {
                path: mediaPath(this.o.dataDir, campaign.media.sha256, campaign.media.mimeType),
                mimeType: campaign.media.mimeType,
                fileName: campaign.media.fileName,
              },
            }
          : {}),
      }));
    } catch (error) {
      // Only the driver's answer decides FAILED/SKIPPED. A database error after a send
      // that went out propagates instead: the row stays SENDING and is resolved later.
      if (error instanceof NotSentError) {
        // Nothing reached WhatsApp: the row goes back to the queue (refunded) and the
        // campaign waits for the account instead of losing the recipient.
        await this.o.store.requeue(recipient.id);
        await this.handleNotSent(campaign, error);
        return 'not-sent';
      }
      if (error instanceof NotOnWhatsAppError) {
        await this.o.store.markSkipped(
          campaign.id,
          recipient.id,
          'Not on WhatsApp: this number has no WhatsApp account.',
        );
        await this.finishOrPublish(campaign.id);
        return 'skipped';
      }
      const unknown = error instanceof UnknownSendOutcomeError;
      const reason = unknown
        ? `${describe(error)} It was not retried, so nobody gets it twice.`
        : describe(error);
      await this.o.store.markFailed(campaign.id, recipient.id, reason, !unknown);
      await this.countFailure(campaign.id, error);
      await this.finishOrPublish(campaign.id);
      return 'failed';
    }
    await this.o.store.markSent(campaign.id, recipient.id, messageId, this.o.now());
    this.consecutiveFailures.delete(campaign.id);
    await this.o.acks.applyParked(messageId);
    const outcome: SendOutcome = 'sent';
    await this.finishOrPublish(campaign.id);
    return outcome;
  }

  /**
   * The message for one recipient: variables filled in, variants picked by the recipient's
   * id (so a preview shows exactly this, and neighbours differ).
   */
  private render(campaign: RunningCampaign, recipient: Claimed): string {
    let compiled = this.templates.get(campaign.id);
    if (compiled?.source !== campaign.message) {
      compiled = { source: campaign.message, template: parseTemplate(campaign.message).template };
      this.templates.set(campaign.id, compiled);
    }
    return renderTemplate(
      compiled.template,
      { name: recipient.name, phone: recipient.phone, ...(recipient.variables ?? {}) },
      { seed: recipient.id },
    );
  }

  /** Completes at once after the last recipient rather than one interval later. */
  private async finishOrPublish(campaignId: number) {
    const done = !(await this.o.store.hasUnfinished(campaignId));
    // A campaign cancelled or paused during its last send still gets its final counters out.
    if (!done || !(await this.o.store.transition(campaignId, 'complete'))) {
      await this.o.store.publishProgress(campaignId);
    }
  }

  /**
   * An account that is not READY pauses its campaigns with the account cause (they resume
   * on READY). A run of unconfirmed numbers pauses the campaign for a person to look.
   */
  private async handleNotSent(campaign: RunningCampaign, error: NotSentError) {
    this.o.log.warn({ campaignId: campaign.id, reason: error.reason }, 'send not made; recipient requeued');
    if (error.reason === 'numbers-unconfirmed') {
      await this.o.store.transition(campaign.id, 'pause', {
        pauseCause: 'ERRORS',
        pausedReason: `${error.message} Check the account and the list, then resume.`,
      });
    }
    await this.o.store.publishProgress(campaign.id);
  }

  private async countFailure(campaignId: number, error: unknown) {
    const failures = (this.consecutiveFailures.get(campaignId) ?? 0) + 1;
    this.consecutiveFailures.set(campaignId, failures);
    if (failures < (this.o.maxConsecutiveFailures ?? 5)) return;
    this.consecutiveFailures.delete(campaignId);
    await this.o.store.transition(campaignId, 'pause', {
      pauseCause: 'ERRORS',
      pausedReason: `Paused after ${failures} failed sends in a row (last: ${describe(error)}). Check the account and resume.`,
    });
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error === 'string' ? error : 'Unknown error from WhatsApp.';
}
