/**
 * The one catalogue of machine-readable reasons: every refusal carries one in
 * `error.data.reason` (with its values in `error.data.params`), and a recipient's failure
 * (`recipients.errorCode`) and a campaign's pause (`campaigns.pauseCause`) are stored as
 * one. Each code lists the names of the params it may carry; clients (the SPA's
 * dictionaries in apps/web/src/i18n/reasons/) branch and translate on the code, never on
 * the English message, which stays for people and logs. Codes are stable: add, never rename.
 */
export const REASONS = {
  // Any request
  INTERNAL: [],
  INVALID_INPUT: ['path', 'issue', 'origin', 'minimum', 'maximum', 'reason', 'more'],
  NOT_FORM_DATA: [],
  FORM_FILE_MISSING: ['name'],
  FORM_FILE_EMPTY: ['name'],
  FORM_NUMBER_INVALID: ['name'],
  FORM_JSON_INVALID: ['name'],
  FORM_FIELD_INVALID: ['name'],
  RATE_LIMITED: ['limit', 'retryAfter'],
  NOT_FOUND: [],
  TIMEOUT: [],
  // Identity
  UNAUTHENTICATED: [],
  SIGN_IN_ENDED: [],
  SESSION_ENDED: [],
  API_KEY_REVOKED: [],
  ACCOUNT_NO_LONGER_ACTIVE: [],
  ROLE_CHANGED: [],
  CONNECTION_CLOSED: [],
  CROSS_SITE_REQUEST: [],
  ADMIN_REQUIRED: [],
  SUPER_ADMIN_REQUIRED: [],
  CANNOT_CHANGE_SELF: [],
  WRONG_CREDENTIALS: [],
  ACCOUNT_BANNED: ['statusReason'],
  ACCOUNT_INACTIVE: [],
  ACCOUNT_EXISTS: [],
  EMAIL_TAKEN: [],
  PHONE_TAKEN: [],
  USERNAME_TAKEN: [],
  PHONE_INVALID: ['problem'],
  WRONG_CURRENT_PASSWORD: [],
  PASSWORD_UNCHANGED: [],
  // One-time codes
  CHANNEL_NOT_CONFIGURED: ['channel'],
  CODE_NOT_DELIVERED: ['channel'],
  CODE_TOO_SOON: ['retryAfter'],
  ALREADY_VERIFIED: ['channel'],
  CODE_WRONG: ['triesLeft'],
  CODE_EXPIRED: [],
  CODE_TOO_MANY_WRONG: [],
  // Things that are missing or someone else's
  USER_NOT_FOUND: [],
  CAMPAIGN_NOT_FOUND: [],
  RECIPIENT_NOT_FOUND: [],
  WHATSAPP_ACCOUNT_NOT_FOUND: [],
  API_KEY_NOT_FOUND: [],
  OPT_OUT_NOT_FOUND: [],
  PACKAGE_NOT_FOUND: [],
  PAYMENT_NOT_FOUND: [],
  WEBHOOK_NOT_FOUND: [],
  WEBHOOK_DELIVERY_NOT_FOUND: [],
  // Campaigns
  CAMPAIGN_NOT_EDITABLE: ['status'],
  RECIPIENTS_NOT_EDITABLE: ['status'],
  MEDIA_NOT_EDITABLE: [],
  CAMPAIGN_NOT_REMOVABLE: [],
  CAMPAIGN_TRANSITION_REFUSED: ['status', 'transition'],
  CAMPAIGN_NOT_READY: ['missing'],
  NO_RECIPIENTS_LEFT: [],
  SCHEDULE_TOO_FAR: [],
  ACCOUNT_NOT_CHOSEN: [],
  ACCOUNT_NOT_LINKED: ['label', 'status'],
  NO_ACTIVE_SUBSCRIPTION: [],
  PHONE_NOT_VERIFIED: [],
  TEMPLATE_UNCLOSED_VARIABLE: ['line', 'column', 'snippet'],
  TEMPLATE_EMPTY_VARIABLE: ['line', 'column', 'snippet'],
  TEMPLATE_INVALID_VARIABLE_NAME: ['line', 'column', 'snippet'],
  TEMPLATE_UNKNOWN_VARIABLE: ['variables'],
  MEDIA_TOO_LARGE: ['maxMb'],
  MEDIA_WRONG_TYPE: ['mime'],
  MEDIA_TOO_LARGE_FOR_KIND: ['kind', 'maxMb', 'sizeMb'],
  // WhatsApp accounts
  ACCOUNT_HAS_ACTIVE_CAMPAIGNS: [],
  NO_WORKER_YET: ['desired'],
  // Webhooks
  WEBHOOK_TARGET_REFUSED: ['problem', 'host', 'address'],
  // Imports (the importer's own codes, `IMPORT_` + ImportErrorCode)
  IMPORT_EMPTY_FILE: [],
  IMPORT_TOO_LARGE: ['maxSize'],
  IMPORT_NOT_A_TABLE: ['format'],
  IMPORT_SPREADSHEET_BOMB: [],
  IMPORT_DAMAGED: ['problem', 'line'],
  IMPORT_NO_SHEET: ['sheet', 'sheets'],
  IMPORT_TOO_MANY_ROWS: ['max'],
  IMPORT_TOO_MANY_COLUMNS: ['max'],
  IMPORT_NO_PHONE_COLUMN: [],
  IMPORT_BAD_MAPPING: ['role', 'column', 'width', 'sameColumn'],
  // Billing
  PROVIDER_NOT_OFFERED: ['provider'],
  PACKAGE_NOT_ON_SALE: [],
  PRICE_NOT_WHOLE: ['currency', 'price'],
  PAYMENT_GATEWAY_FAILED: ['gatewayCode'],
  RECEIPT_MANUAL_ONLY: [],
  PAYMENT_ALREADY_SETTLED: ['status'],
  RECEIPT_TOO_LARGE: ['maxMb'],
  RECEIPT_WRONG_TYPE: [],
  PAYMENT_SETTLED_MEANWHILE: [],
  REVIEW_MANUAL_ONLY: [],
  NO_SUBSCRIPTION_IN_FORCE: [],
  // Input rules with a reason of their own (zod refinements name them in their params)
  DATE_RANGE_REVERSED: [],
  TIME_ZONE_UNKNOWN: [],
  COUNTRY_UNKNOWN: [],
  GRANT_EMPTY: [],
  // Why a recipient was not sent (stored in recipients.error_code)
  NOT_ON_WHATSAPP: [],
  OPTED_OUT: [],
  CAMPAIGN_CANCELLED: [],
  ACCOUNT_CHANGED_DURING_SEND: [],
  SEND_INTERRUPTED: [],
  WHATSAPP_REJECTED: [],
  SEND_FAILED: ['detail', 'unknownOutcome'],
  // Why a campaign paused (campaigns.pause_cause, with campaigns.paused_params)
  PAUSED_USER: ['note', 'byAdmin'],
  PAUSED_ACCOUNT: ['status', 'detail', 'scheduled'],
  PAUSED_LOGGED_OUT: [],
  PAUSED_QUOTA: ['kind', 'endedAt'],
  PAUSED_ERRORS: ['failures', 'detail', 'unconfirmed'],
} as const satisfies Record<string, readonly string[]>;

export type Reason = keyof typeof REASONS;
export const REASON_CODES = Object.keys(REASONS) as Reason[];

/** A param's value: what a sentence needs (numbers stay numbers, so clients format them). */
export type ReasonParam = string | number | boolean | null | readonly string[];
export type ReasonParams = Record<string, ReasonParam>;

/** The params `reason` may carry, by name. */
export type ParamsOf<R extends Reason> = Partial<Record<(typeof REASONS)[R][number], ReasonParam>>;

export function isReason(value: unknown): value is Reason {
  return typeof value === 'string' && Object.hasOwn(REASONS, value);
}

/** Why a recipient was not sent, as the engine stores it: English for people and logs, and as a reason. */
export interface RecipientFailure {
  error: string;
  code: Reason;
  params?: ReasonParams;
}

/** A stored cause: a code and its params, as recipients and campaigns keep them. */
export interface Cause<R extends Reason = Reason> {
  code: R;
  params: ReasonParams;
}
