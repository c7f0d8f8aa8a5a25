import { notifications } from '@mantine/notifications';
import { TRPCClientError } from '@trpc/client';
import type { Translate } from '../i18n/translate';
import { errorMessage } from '../trpc/errors';
import type { ApiError } from '../trpc/trpc';

/** A failed action, told in a red notification with the server's reason. */
export function notifyError(t: Translate, error: unknown): void {
  notifications.show({
    color: 'red',
    title: t('errors.title'),
    // Server messages may be in another script than the page: isolate their direction.
    message: <bdi>{describeError(t, error)}</bdi>,
    autoClose: 8_000,
  });
}

/** The server's own message; "offline" when it never answered; a generic one otherwise. */
export function describeError(t: Translate, error: unknown): string {
  if (error instanceof TRPCClientError) {
    return errorMessage(error as ApiError, t('errors.offline'));
  }
  return t('errors.generic');
}

export function notifySuccess(message: string): void {
  notifications.show({ color: 'teal', message, autoClose: 4_000 });
}
