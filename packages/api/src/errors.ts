import type { Reason, ReasonParams } from './reasons';

/**
 * What services and repositories throw when a request cannot be honoured. The base
 * procedure turns it into a TRPCError with the same code; the error formatter puts
 * `reason` and `params` in `error.data`, so clients branch on the reason while the English
 * message reaches people and logs unchanged.
 */
export type ChaparErrorCode =
  | 'BAD_REQUEST'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'PRECONDITION_FAILED'
  /** A provider we depend on (payment gateway, SMS, mail) failed or did not answer. */
  | 'BAD_GATEWAY'
  | 'TOO_MANY_REQUESTS';

export interface ChaparErrorOptions {
  /** The values the message uses, for clients that say it in their own words. */
  params?: ReasonParams;
  /** The input field the error is about, so a form can show it next to that field. */
  field?: string;
  cause?: unknown;
}

export class ChaparError extends Error {
  readonly params: ReasonParams;
  readonly field?: string;

  constructor(
    readonly code: ChaparErrorCode,
    /** The stable machine-readable reason (reasons.ts). */
    readonly reason: Reason,
    message: string,
    options: ChaparErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ChaparError';
    this.params = options.params ?? {};
    this.field = options.field;
  }
}

/** What can be missing, with the reason each is reported under. */
const MISSING = {
  Campaign: 'CAMPAIGN_NOT_FOUND',
  Recipient: 'RECIPIENT_NOT_FOUND',
  'WhatsApp account': 'WHATSAPP_ACCOUNT_NOT_FOUND',
  'API key': 'API_KEY_NOT_FOUND',
  'Opt-out': 'OPT_OUT_NOT_FOUND',
  User: 'USER_NOT_FOUND',
  Package: 'PACKAGE_NOT_FOUND',
  Payment: 'PAYMENT_NOT_FOUND',
  Webhook: 'WEBHOOK_NOT_FOUND',
  Delivery: 'WEBHOOK_DELIVERY_NOT_FOUND',
} as const satisfies Record<string, Reason>;

export type MissingThing = keyof typeof MISSING;

export const notFound = (what: MissingThing, field?: string) =>
  new ChaparError('NOT_FOUND', MISSING[what], `${what} not found.`, { field });
