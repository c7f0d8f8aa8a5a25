import { WHATSAPP_DRIVERS, type WhatsAppDriverName } from '@chapar/domain';
import { Button, Group, NativeSelect, Paper, Stack, TextInput, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { FormErrorAlert, fieldError } from '../components/form-errors';
import { notifySuccess } from '../components/notify';
import { useT } from '../i18n/i18n-provider';
import { formErrors } from '../trpc/errors';
import { trpc } from '../trpc/trpc';

const FIELDS = ['label', 'driver'] as const;

function isDriver(value: string): value is WhatsAppDriverName {
  return (WHATSAPP_DRIVERS as readonly string[]).includes(value);
}

export function CreateAccountForm() {
  const t = useT();
  const utils = trpc.useUtils();
  const [label, setLabel] = useState('');
  const [driver, setDriver] = useState<WhatsAppDriverName>('wwebjs');
  const create = trpc.whatsapp.create.useMutation({
    onSuccess: async (account) => {
      setLabel('');
      notifySuccess(t('accounts.created', { label: account.label }));
      await utils.whatsapp.list.invalidate();
    },
  });
  const errors = formErrors(create.error, FIELDS, t('errors.offline'));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ label, driver });
  };

  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="create-account-title">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={2} size="h4" id="create-account-title">
            {t('accounts.create.title')}
          </Title>
          <FormErrorAlert message={errors.general} />
          <Group align="flex-start" grow>
            <TextInput
              label={t('accounts.create.label')}
              placeholder={t('accounts.create.labelPlaceholder')}
              required
              value={label}
              onChange={(e) => setLabel(e.currentTarget.value)}
              error={fieldError(errors.fields.label)}
            />
            <NativeSelect
              label={t('accounts.create.driver')}
              value={driver}
              onChange={(e) => {
                const value = e.currentTarget.value;
                if (isDriver(value)) setDriver(value);
              }}
              data={WHATSAPP_DRIVERS.map((value) => ({ value, label: t(`accounts.driver.${value}`) }))}
              error={fieldError(errors.fields.driver)}
            />
          </Group>
          <Group>
            <Button type="submit" leftSection={<IconPlus size={16} aria-hidden />} loading={create.isPending}>
              {t('accounts.create.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
