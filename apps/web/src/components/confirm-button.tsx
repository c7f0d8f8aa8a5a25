import { Button, type ButtonProps, Group, Modal, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { useT } from '../i18n/i18n-provider';

interface ConfirmButtonProps extends ButtonProps {
  /** The button's text, also its accessible name unless `aria-label` says more. */
  children: ReactNode;
  /** A fuller accessible name (start it with the visible text), e.g. which row it acts on. */
  'aria-label'?: string | undefined;
  title: string;
  message: ReactNode;
  /** The text of the button that carries the action out. */
  confirmLabel: string;
  onConfirm(): void;
}

/** A button that asks before doing something that cannot be undone. */
export function ConfirmButton({
  children,
  title,
  message,
  confirmLabel,
  onConfirm,
  ...button
}: ConfirmButtonProps) {
  const t = useT();
  const [opened, { open, close }] = useDisclosure(false);
  return (
    <>
      <Button {...button} onClick={open}>
        {children}
      </Button>
      <Modal opened={opened} onClose={close} title={title} centered>
        <Text size="sm">{message}</Text>
        <Group justify="flex-end" mt="lg">
          <Button variant="default" onClick={close}>
            {t('common.back')}
          </Button>
          <Button
            color={button.color ?? 'red'}
            onClick={() => {
              close();
              onConfirm();
            }}
          >
            {confirmLabel}
          </Button>
        </Group>
      </Modal>
    </>
  );
}
