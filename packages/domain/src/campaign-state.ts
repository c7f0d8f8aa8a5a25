import type { CampaignStatus } from './enums';

/**
 * The campaign lifecycle as data. Every transition in the repositories is one guarded
 * UPDATE `WHERE status IN (from)`, using these lists, so two clicks or two processes
 * cannot both win.
 */
export const CAMPAIGN_TRANSITIONS = {
  /** DRAFT becomes READY once it has content, recipients and an account. */
  ready: { from: ['DRAFT'], to: 'READY' },
  /** Back to DRAFT when an edit removes what READY needs (e.g. the account). */
  unready: { from: ['READY'], to: 'DRAFT' },
  start: { from: ['READY'], to: 'RUNNING' },
  schedule: { from: ['READY'], to: 'SCHEDULED' },
  /** The engine starts a SCHEDULED campaign when its time comes. */
  due: { from: ['SCHEDULED'], to: 'RUNNING' },
  pause: { from: ['RUNNING', 'SCHEDULED'], to: 'PAUSED' },
  resume: { from: ['PAUSED'], to: 'RUNNING' },
  complete: { from: ['RUNNING'], to: 'COMPLETED' },
  fail: { from: ['RUNNING', 'PAUSED'], to: 'FAILED' },
  cancel: { from: ['DRAFT', 'READY', 'SCHEDULED', 'RUNNING', 'PAUSED'], to: 'CANCELLED' },
} as const satisfies Record<string, { from: readonly CampaignStatus[]; to: CampaignStatus }>;

export type CampaignTransition = keyof typeof CAMPAIGN_TRANSITIONS;

export function canTransition(status: CampaignStatus, transition: CampaignTransition): boolean {
  return (CAMPAIGN_TRANSITIONS[transition].from as readonly CampaignStatus[]).includes(status);
}

/** Content and recipients may change only before the campaign has started sending. */
export const EDITABLE_STATUSES: readonly CampaignStatus[] = ['DRAFT', 'READY', 'SCHEDULED', 'PAUSED'];

/** Removing a running campaign would orphan an in-flight send; pause or cancel it first. */
export const REMOVABLE_STATUSES: readonly CampaignStatus[] = [
  'DRAFT',
  'READY',
  'SCHEDULED',
  'PAUSED',
  'COMPLETED',
  'FAILED',
  'CANCELLED',
];

export const FINAL_RECIPIENT_STATUSES = ['SENT', 'DELIVERED', 'READ', 'FAILED', 'SKIPPED'] as const;

/** Milliseconds between two sends before jitter: the floor of every gap. */
export const INTERVAL_MS = {
  FIVE_SECONDS: 5_000,
  TEN_SECONDS: 10_000,
  TWENTY_SECONDS: 20_000,
} as const;

/** The server's default PACING_JITTER: each gap is the interval × (1 + up to this). */
export const DEFAULT_PACING_JITTER = 0.3;

/** The mean gap over the interval for a jitter drawn uniformly (1.15 with the default). */
export const meanGapFactor = (jitter = DEFAULT_PACING_JITTER) => 1 + jitter / 2;

/** Explains to a person why a transition is refused in the current state. */
export function transitionRefusal(status: CampaignStatus, transition: CampaignTransition): string {
  switch (transition) {
    case 'start':
      if (status === 'DRAFT')
        return 'The campaign is not ready: it needs a message, an account and recipients.';
      if (status === 'RUNNING' || status === 'SCHEDULED') return 'The campaign has already been started.';
      return `A ${status.toLowerCase()} campaign cannot be started.`;
    case 'pause':
      return `Only a running or scheduled campaign can be paused; this one is ${status.toLowerCase()}.`;
    case 'resume':
      return `Only a paused campaign can be resumed; this one is ${status.toLowerCase()}.`;
    case 'cancel':
      return `A ${status.toLowerCase()} campaign cannot be cancelled.`;
    default:
      return `The campaign is ${status.toLowerCase()}; that action is not possible now.`;
  }
}
