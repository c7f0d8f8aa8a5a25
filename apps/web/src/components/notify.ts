import { notifications } from '@mantine/notifications';
import type { Translate } from '../i18n/translate';
import { errorMessage } from '../trpc/errors';
import type { ApiError } from '../trpc/trpc';

/** A failed action, told in a red notification with the server's reason. */
export function notifyError(t: Translate, error: ApiError): void {
  notifications.show({
    color: 'red',
    title: t('errors.title'),
    message: errorMessage(error, t('errors.offline')),
    autoClose: 8_000,
  });
}

export function notifySuccess(message: string): void {
  notifications.show({ color: 'teal', message, autoClose: 4_000 });
}
