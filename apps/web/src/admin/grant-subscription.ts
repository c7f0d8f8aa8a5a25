import type { MessageKey } from '../i18n/en';

/** What `admin.subscriptions.grant` takes (the billing area's procedure). */
export interface GrantInput {
  userId: number;
  days: number;
  messages: number;
  note?: string;
}

/** The grant mutation as the dialog needs it; see use-grant-subscription.ts for where it comes from. */
export interface GrantMutation {
  /** False until the server has the procedure: the button is then not offered. */
  available: boolean;
  isPending: boolean;
  error: unknown;
  grant(input: GrantInput, options: { onSuccess(): void }): void;
  reset(): void;
}

export interface GrantValues {
  days: number | string;
  messages: number | string;
  note: string;
}

export type GrantProblems = Partial<Record<keyof GrantValues, MessageKey>>;

const isWhole = (value: number | string, max: number): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= max;

/** Checks the form as the server will; an empty result means it may be sent. */
export function grantProblems(values: GrantValues): GrantProblems {
  const problems: GrantProblems = {};
  if (!isWhole(values.days, 3650)) problems.days = 'admin.grant.daysInvalid';
  if (!isWhole(values.messages, 100_000_000)) problems.messages = 'admin.grant.messagesInvalid';
  if (!problems.days && !problems.messages && values.days === 0 && values.messages === 0) {
    problems.days = 'admin.grant.nothing';
  }
  if (values.note.trim().length > 500) problems.note = 'admin.grant.noteTooLong';
  return problems;
}
