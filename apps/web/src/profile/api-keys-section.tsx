import {
  ActionIcon,
  Alert,
  Button,
  Code,
  CopyButton,
  Group,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { IconCheck, IconCopy, IconKey } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { ConfirmButton } from '../components/confirm-button';
import { FormErrorAlert, fieldError } from '../components/form-errors';
import { notifyError } from '../components/notify';
import { QueryState } from '../components/query-state';
import { useI18n } from '../i18n/i18n-provider';
import { formErrors } from '../trpc/errors';
import { trpc } from '../trpc/trpc';

/** Keys for the typed client: created (the key is shown this once), listed, revoked. */
export function ApiKeysSection() {
  const { t, formatDate } = useI18n();
  const utils = trpc.useUtils();
  const keys = trpc.apiKeys.list.useQuery();
  const [name, setName] = useState('');
  const [created, setCreated] = useState<{ name: string; key: string } | null>(null);
  const create = trpc.apiKeys.create.useMutation({
    onSuccess: (key) => {
      setCreated({ name: key.name, key: key.key });
      setName('');
      void utils.apiKeys.list.invalidate();
    },
  });
  const revoke = trpc.apiKeys.revoke.useMutation({
    onSuccess: () => void utils.apiKeys.list.invalidate(),
    onError: (error) => notifyError(t, error),
  });
  const errors = formErrors(create.error, ['name'], t('errors.offline'));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (name.trim()) create.mutate({ name: name.trim() });
  };

  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="api-keys-title">
      <Stack>
        <Title order={2} size="h4" id="api-keys-title">
          {t('settings.apiKeys.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('settings.apiKeys.intro')}
        </Text>
        {created && (
          <Alert
            color="teal"
            icon={<IconKey size={18} aria-hidden />}
            title={t('settings.apiKeys.created', { name: created.name })}
          >
            <Stack gap="xs">
              <Text size="sm">{t('settings.apiKeys.shownOnce')}</Text>
              <Group gap="xs" wrap="nowrap">
                <Code dir="ltr" data-testid="new-api-key" style={{ wordBreak: 'break-all' }}>
                  {created.key}
                </Code>
                <CopyButton value={created.key}>
                  {({ copied, copy }) => (
                    <Tooltip label={copied ? t('settings.apiKeys.copied') : t('settings.apiKeys.copy')}>
                      <ActionIcon variant="subtle" onClick={copy} aria-label={t('settings.apiKeys.copy')}>
                        {copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />}
                      </ActionIcon>
                    </Tooltip>
                  )}
                </CopyButton>
              </Group>
              <Group>
                <Button size="xs" variant="default" onClick={() => setCreated(null)}>
                  {t('settings.apiKeys.done')}
                </Button>
              </Group>
            </Stack>
          </Alert>
        )}
        <form onSubmit={submit} aria-label={t('settings.apiKeys.create')}>
          <Stack gap="xs">
            <FormErrorAlert message={errors.general} />
            <Group align="flex-end">
              <TextInput
                label={t('settings.apiKeys.name')}
                placeholder={t('settings.apiKeys.namePlaceholder')}
                value={name}
                maxLength={100}
                onChange={(e) => setName(e.currentTarget.value)}
                error={fieldError(errors.fields.name)}
                style={{ flex: 1 }}
              />
              <Button type="submit" loading={create.isPending} disabled={!name.trim()}>
                {t('settings.apiKeys.create')}
              </Button>
            </Group>
          </Stack>
        </form>
        {!keys.data ? (
          <QueryState error={keys.error} onRetry={() => void keys.refetch()} />
        ) : keys.data.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('settings.apiKeys.empty')}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={520}>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('settings.apiKeys.name')}</Table.Th>
                  <Table.Th>{t('settings.apiKeys.prefix')}</Table.Th>
                  <Table.Th>{t('settings.apiKeys.createdAt')}</Table.Th>
                  <Table.Th>{t('settings.apiKeys.lastUsed')}</Table.Th>
                  <Table.Th>{t('optOuts.col.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {keys.data.map((key) => (
                  <Table.Tr key={key.id}>
                    <Table.Td>
                      <bdi>{key.name}</bdi>
                    </Table.Td>
                    <Table.Td>
                      <Code dir="ltr">{key.prefix}…</Code>
                    </Table.Td>
                    <Table.Td>{formatDate(key.createdAt)}</Table.Td>
                    <Table.Td>
                      {key.lastUsedAt ? formatDate(key.lastUsedAt) : t('settings.apiKeys.never')}
                    </Table.Td>
                    <Table.Td>
                      <ConfirmButton
                        size="xs"
                        variant="subtle"
                        color="red"
                        aria-label={t('settings.apiKeys.revokeFor', { name: key.name })}
                        disabled={revoke.isPending}
                        title={t('settings.apiKeys.revoke.title', { name: key.name })}
                        message={t('settings.apiKeys.revoke.body')}
                        confirmLabel={t('settings.apiKeys.revoke')}
                        onConfirm={() => revoke.mutate({ id: key.id })}
                      >
                        {t('settings.apiKeys.revoke')}
                      </ConfirmButton>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Paper>
  );
}
