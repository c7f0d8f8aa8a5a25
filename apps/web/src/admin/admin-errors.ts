import { isReason } from '@chapar/api/reasons';
import { notifications } from '@mantine/notifications';
import type { MessageKey } from '../i18n/en';
import type { I18n } from '../i18n/i18n-provider';
import { reasonText } from '../i18n/reasons';
import { errorCode, type FormErrors, formErrors } from '../trpc/errors';
import type { ApiError } from '../trpc/trpc';

const BY_CODE: Partial<Record<string, MessageKey>> = {
  FORBIDDEN: 'admin.error.FORBIDDEN',
  NOT_FOUND: 'admin.error.NOT_FOUND',
  CONFLICT: 'admin.error.CONFLICT',
  BAD_REQUEST: 'admin.error.BAD_REQUEST',
};

/**
 * What to tell the admin about a failed action, in their language: said from the refusal's
 * reason code (i18n/reasons); a code this build does not know is said by its tRPC code in
 * other languages, as it is in English. Offline and unknown faults have their own messages.
 */
export function adminErrorText(i18n: Pick<I18n, 'language' | 't'>, error: unknown): string {
  const code = errorCode(error);
  if (code === null) return i18n.t('errors.offline');
  const data = (error as { data?: { params?: Record<string, unknown> } }).data;
  const message = error instanceof Error ? error.message : '';
  const reason = reasonOf(error);
  if (isReason(reason) && reason !== 'INTERNAL')
    return reasonText(i18n.language, reason, data?.params, message);
  if (i18n.language === 'en' && message) return message;
  const key = BY_CODE[code];
  return key ? i18n.t(key) : i18n.t('errors.generic');
}

/**
 * `formErrors` for an admin form, in the admin's language: per-field messages stay beside
 * their field, the rest goes above the buttons.
 */
export function adminFormErrors(
  i18n: Pick<I18n, 'language' | 't'>,
  error: unknown,
  shown: readonly string[],
): FormErrors {
  const raw = formErrors(error as ApiError | null, shown, i18n.t('errors.offline'));
  // With a reason code each message is said in the admin's language already (trpc/errors.ts).
  if (i18n.language === 'en' || !error || isReason(reasonOf(error))) return raw;
  const translated = adminErrorText(i18n, error);
  return {
    fields: Object.fromEntries(Object.keys(raw.fields).map((field) => [field, translated])),
    general: raw.general === null ? null : translated,
  };
}

/** A failed action without a form of its own, told in a red notification. */
export function notifyAdminError(i18n: Pick<I18n, 'language' | 't'>, error: unknown): void {
  notifications.show({
    color: 'red',
    title: i18n.t('errors.title'),
    message: adminErrorText(i18n, error),
    autoClose: 8_000,
  });
}

function reasonOf(error: unknown): unknown {
  return (error as { data?: { reason?: unknown } } | null)?.data?.reason;
}
