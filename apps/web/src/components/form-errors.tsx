import { Alert } from '@mantine/core';
import type { ReactNode } from 'react';

/** The form's general error (what belongs to no shown field), above its fields; nothing without one. */
export function FormErrorAlert({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <Alert color="red">
      <bdi>{message}</bdi>
    </Alert>
  );
}

/** A field's error for its `error` prop, isolated so a message in another script reads right. */
export function fieldError(message: string | undefined): ReactNode {
  return message && <bdi>{message}</bdi>;
}
