/**
 * What the areas of server messages share: the shape of an area, Persian numbers and
 * quotes, and the Persian names of the states the server writes in lower case.
 */

/** Says a message found in another one (a gateway's reason inside a refusal); null when unknown. */
export type Inner = (message: string) => string | null;

/** A message shape with a variable part, and how to say it in Persian (null: not after all). */
export type Pattern = [RegExp, (match: RegExpMatchArray, inner: Inner) => string | null];

export interface MessageArea {
  /** Messages the server always sends word for word. */
  exact: Record<string, string>;
  /** Messages with a number, a name or a state in them; the variable parts are carried over. */
  patterns: Pattern[];
}

const persianNumber = new Intl.NumberFormat('fa-IR', { maximumFractionDigits: 2 });

/** "4096", "1,000" or "2.5" from an English sentence, in Persian digits; other text unchanged. */
export function faNumber(text: string): string {
  const value = Number(text.replace(/,/g, ''));
  return text.trim() !== '' && Number.isFinite(value) ? persianNumber.format(value) : text;
}

/** `"a", "b"` → «a»، «b» (names quoted in an English list). */
export function faQuotedList(text: string): string {
  return text.replace(/"([^"]*)"/g, '«$1»').replace(/, /g, '، ');
}

/** A campaign in a state, as the server writes it (`status.toLowerCase()`). */
export const CAMPAIGN_STATES: Record<string, string> = {
  draft: 'پیش‌نویس',
  ready: 'آماده',
  scheduled: 'زمان‌بندی‌شده',
  running: 'در حال ارسال',
  paused: 'متوقف‌شده',
  completed: 'پایان‌یافته',
  failed: 'ناموفق',
  cancelled: 'لغوشده',
};

/** A WhatsApp account's connection state, lower case. */
export const ACCOUNT_STATES: Record<string, string> = {
  disconnected: 'قطع',
  connecting: 'در حال اتصال',
  qr: 'در انتظار اسکن کد QR',
  ready: 'آماده',
  failed: 'ناموفق',
};

/** A payment's state, lower case (the labels of the payments table). */
export const PAYMENT_STATES: Record<string, string> = {
  pending: 'در انتظار',
  paid: 'پرداخت‌شده',
  failed: 'ناموفق',
  cancelled: 'لغوشده',
  rejected: 'ردشده',
};
