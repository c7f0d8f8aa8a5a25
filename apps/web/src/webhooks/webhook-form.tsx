import {
  ActionIcon,
  Alert,
  Button,
  Checkbox,
  Code,
  CopyButton,
  Group,
  Stack,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { IconCheck, IconCopy, IconKey } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { FormErrorAlert, fieldError } from '../components/form-errors';
import { useT } from '../i18n/i18n-provider';
import { formErrors } from '../trpc/errors';
import { trpc } from '../trpc/trpc';
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from './events';

/** Adds an endpoint; the signing secret is shown here once, with a copy button. */
export function WebhookForm() {
  const t = useT();
  const utils = trpc.useUtils();
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<WebhookEventType[]>([...WEBHOOK_EVENT_TYPES]);
  const [secret, setSecret] = useState<string | null>(null);
  const create = trpc.webhooks.create.useMutation({
    onSuccess: (created) => {
      setSecret(created.secret);
      setUrl('');
      void utils.webhooks.list.invalidate();
    },
  });
  const errors = formErrors(create.error, ['url', 'events'], t('errors.offline'));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (url.trim() && events.length) create.mutate({ url: url.trim(), events });
  };

  return (
    <Stack>
      {secret && (
        <Alert color="teal" icon={<IconKey size={18} aria-hidden />} title={t('webhooks.created')}>
          <Stack gap="xs">
            <Text size="sm">{t('webhooks.secret.shownOnce')}</Text>
            <Group gap="xs" wrap="nowrap">
              <Code dir="ltr" data-testid="new-webhook-secret" style={{ wordBreak: 'break-all' }}>
                {secret}
              </Code>
              <CopyButton value={secret}>
                {({ copied, copy }) => (
                  <Tooltip label={copied ? t('webhooks.secret.copied') : t('webhooks.secret.copy')}>
                    <ActionIcon variant="subtle" onClick={copy} aria-label={t('webhooks.secret.copy')}>
                      {copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />}
                    </ActionIcon>
                  </Tooltip>
                )}
              </CopyButton>
            </Group>
            <Group>
              <Button size="xs" variant="default" onClick={() => setSecret(null)}>
                {t('webhooks.secret.done')}
              </Button>
            </Group>
          </Stack>
        </Alert>
      )}
      <form onSubmit={submit} aria-label={t('webhooks.create')}>
        <Stack gap="sm">
          <FormErrorAlert message={errors.general} />
          <TextInput
            label={t('webhooks.url')}
            placeholder={t('webhooks.urlPlaceholder')}
            value={url}
            dir="ltr"
            type="url"
            maxLength={2000}
            onChange={(e) => setUrl(e.currentTarget.value)}
            error={fieldError(errors.fields.url)}
          />
          <Checkbox.Group
            label={t('webhooks.events')}
            value={events}
            onChange={(value) => setEvents(value as WebhookEventType[])}
            error={fieldError(errors.fields.events)}
          >
            <Stack gap={6} mt={6}>
              {WEBHOOK_EVENT_TYPES.map((type) => (
                <Checkbox key={type} value={type} label={t(`webhooks.event.${type}`)} />
              ))}
            </Stack>
          </Checkbox.Group>
          <Group>
            <Button type="submit" loading={create.isPending} disabled={!url.trim() || events.length === 0}>
              {t('webhooks.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
