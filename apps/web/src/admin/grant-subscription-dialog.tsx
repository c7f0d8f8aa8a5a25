import { Button, Group, Modal, Stack, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { FormErrorAlert, fieldError } from '../components/form-errors';
import { notifySuccess } from '../components/notify';
import { localeDigits, parseLocaleInteger } from '../i18n/digits';
import { useI18n } from '../i18n/i18n-provider';
import { adminFormErrors } from './admin-errors';
import {
  type GrantMutation,
  type GrantProblems,
  type GrantValues,
  grantProblems,
} from './grant-subscription';

const FIELDS = ['days', 'messages', 'note'] as const;

/** Grants (or extends) a subscription: days and messages, with an optional note for the audit log. */
export function GrantSubscriptionDialog({
  user,
  opened,
  onClose,
  mutation,
}: {
  user: { id: number; name: string };
  opened: boolean;
  onClose(): void;
  mutation: GrantMutation;
}) {
  const i18n = useI18n();
  const { t, language } = i18n;
  const [values, setValues] = useState<GrantValues>({ days: 30, messages: 1000, note: '' });
  // A whole number is kept as one (what grantProblems checks), anything else as typed; both
  // shown in the reader's digits.
  const shown = (value: number | string) => localeDigits(String(value), language);
  const typed = (text: string) => parseLocaleInteger(text) ?? text;
  const [problems, setProblems] = useState<GrantProblems>({});
  const server = adminFormErrors(i18n, mutation.error, FIELDS);
  const close = () => {
    mutation.reset();
    setProblems({});
    onClose();
  };

  return (
    <Modal
      closeButtonProps={{ 'aria-label': t('common.close') }}
      opened={opened}
      onClose={close}
      title={t('admin.grant.title', { name: user.name })}
      centered
    >
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const found = grantProblems(values);
          setProblems(found);
          if (Object.keys(found).length > 0) return;
          const note = values.note.trim();
          mutation.grant(
            {
              userId: user.id,
              days: values.days as number,
              messages: values.messages as number,
              ...(note ? { note } : {}),
            },
            {
              onSuccess: () => {
                notifySuccess(t('admin.grant.done', { name: user.name }));
                close();
              },
            },
          );
        }}
      >
        <Stack>
          <TextInput
            label={t('admin.grant.days')}
            description={t('admin.grant.daysHint')}
            inputMode="numeric"
            value={shown(values.days)}
            onChange={(e) => {
              const days = typed(e.currentTarget.value);
              setValues((v) => ({ ...v, days }));
            }}
            error={problems.days ? t(problems.days) : fieldError(server.fields.days)}
          />
          <TextInput
            label={t('admin.grant.messages')}
            inputMode="numeric"
            value={shown(values.messages)}
            onChange={(e) => {
              const messages = typed(e.currentTarget.value);
              setValues((v) => ({ ...v, messages }));
            }}
            error={problems.messages ? t(problems.messages) : fieldError(server.fields.messages)}
          />
          <Textarea
            label={t('admin.grant.note')}
            value={values.note}
            onChange={(e) => {
              const note = e.currentTarget.value;
              setValues((v) => ({ ...v, note }));
            }}
            autosize
            minRows={2}
            error={problems.note ? t(problems.note) : fieldError(server.fields.note)}
          />
          <FormErrorAlert message={server.general} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {t('admin.grant.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
