import { notifications } from '@mantine/notifications';
import type { MessageKey } from '../i18n/en';
import type { I18n } from '../i18n/i18n-provider';
import { errorCode, type FormErrors, formErrors } from '../trpc/errors';
import type { ApiError } from '../trpc/trpc';

const BY_CODE: Partial<Record<string, MessageKey>> = {
  FORBIDDEN: 'admin.error.FORBIDDEN',
  NOT_FOUND: 'admin.error.NOT_FOUND',
  CONFLICT: 'admin.error.CONFLICT',
  BAD_REQUEST: 'admin.error.BAD_REQUEST',
};

/**
 * What to tell the admin about a failed action, in their language. The server words its
 * refusals in English; in English they are shown as they are (they say the most), in
 * other languages by their code. Offline and unknown faults have their own messages.
 */
export function adminErrorText(i18n: Pick<I18n, 'language' | 't'>, error: unknown): string {
  const code = errorCode(error);
  if (code === null) return i18n.t('errors.offline');
  if (i18n.language === 'en' && error instanceof Error && error.message) return error.message;
  const key = BY_CODE[code];
  return key ? i18n.t(key) : i18n.t('errors.generic');
}

/**
 * `formErrors` for an admin form, in the admin's language: per-field messages stay beside
 * their field (in words of the code outside English), the rest goes above the buttons.
 */
export function adminFormErrors(
  i18n: Pick<I18n, 'language' | 't'>,
  error: unknown,
  shown: readonly string[],
): FormErrors {
  const raw = formErrors(error as ApiError | null, shown, i18n.t('errors.offline'));
  if (i18n.language === 'en' || !error) return raw;
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
