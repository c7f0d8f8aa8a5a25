import { EDITABLE_STATUSES } from '@chapar/domain';
import { Alert, Button, Divider, Group, Loader, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPencil } from '@tabler/icons-react';
import { keepPreviousData } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { FormErrorAlert, fieldError } from '../components/form-errors';
import { useT } from '../i18n/i18n-provider';
import { errorMessage, formErrors } from '../trpc/errors';
import { type Campaign, type Recipient, trpc } from '../trpc/trpc';
import { MessageBubble } from './message-bubble';
import { type PickableRecipient, PreviewRecipientPicker } from './preview-recipient-picker';
import { PreviewWarnings } from './preview-warnings';
import { TemplateHelp } from './template-help';

/** Recipients offered in the preview's select: the first page of the list. */
export const PREVIEW_CHOICES = 50;

function pickable(r: Pick<Recipient, 'id' | 'phone' | 'name'>): PickableRecipient {
  return { key: String(r.id), phone: r.phone, name: r.name };
}

/**
 * The campaign's message, editable while the campaign is, and beside it the message as a
 * chosen recipient will get it (rendered by the server: same code, same variant choice).
 */
export function MessagePanel({
  campaign,
  recipientId,
  onRecipientChange,
}: {
  campaign: Campaign;
  /** The recipient to preview for; null: the first one. */
  recipientId: number | null;
  onRecipientChange(id: number): void;
}) {
  const t = useT();
  const utils = trpc.useUtils();
  const editable = EDITABLE_STATUSES.includes(campaign.status);
  /** The message being edited; null when not editing. */
  const [draft, setDraft] = useState<string | null>(null);
  const [debouncedDraft] = useDebouncedValue(draft, 300);
  const editing = draft !== null;

  const recipients = trpc.campaigns.recipients.useQuery({ campaignId: campaign.id, limit: PREVIEW_CHOICES });
  const preview = trpc.campaigns.preview.useQuery(
    {
      id: campaign.id,
      ...(recipientId !== null ? { recipientId } : {}),
      ...(editing && debouncedDraft !== null ? { message: debouncedDraft } : {}),
    },
    { placeholderData: keepPreviousData },
  );

  const update = trpc.campaigns.update.useMutation({
    onSuccess: (updated) => {
      utils.campaigns.get.setData({ id: campaign.id }, updated);
      void utils.campaigns.preview.invalidate({ id: campaign.id });
      setDraft(null);
    },
  });
  const errors = formErrors(update.error, ['message'], t('errors.offline'));

  const save = (event: FormEvent) => {
    event.preventDefault();
    if (draft !== null) update.mutate({ id: campaign.id, message: draft });
  };

  const choices = (recipients.data?.items ?? []).map(pickable);
  const shown = preview.data?.recipient ?? null;
  // A recipient picked in the table further down the list joins the choices.
  if (shown && !choices.some((c) => c.key === String(shown.id))) choices.unshift(pickable(shown));

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="message-title">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h5" id="message-title">
          {t('campaign.message')}
        </Title>
        {editable && !editing && (
          <Button
            size="xs"
            variant="subtle"
            leftSection={<IconPencil size={14} aria-hidden />}
            onClick={() => {
              update.reset();
              setDraft(campaign.message);
            }}
          >
            {t('message.edit')}
          </Button>
        )}
      </Group>
      {editing ? (
        <form onSubmit={save} aria-label={t('message.edit')}>
          <Stack gap="sm">
            <FormErrorAlert message={errors.general} />
            <Textarea
              label={t('create.message')}
              autosize
              minRows={4}
              maxRows={14}
              dir="auto"
              value={draft}
              onChange={(e) => setDraft(e.currentTarget.value)}
              error={fieldError(errors.fields.message)}
            />
            <TemplateHelp />
            <Group gap="xs">
              <Button type="submit" size="xs" loading={update.isPending}>
                {t('message.save')}
              </Button>
              <Button size="xs" variant="default" onClick={() => setDraft(null)} disabled={update.isPending}>
                {t('message.discard')}
              </Button>
            </Group>
          </Stack>
        </form>
      ) : (
        <Text style={{ whiteSpace: 'pre-wrap' }} dir="auto" data-testid="campaign-message">
          {campaign.message}
        </Text>
      )}
      <Divider my="md" label={t('preview.title')} labelPosition="left" />
      <Stack gap="sm" aria-label={t('preview.title')} component="section">
        <PreviewRecipientPicker
          recipients={choices}
          value={shown ? String(shown.id) : recipientId !== null ? String(recipientId) : null}
          onChange={(key) => onRecipientChange(Number(key))}
        />
        {!shown && preview.data && (
          <Text size="sm" c="dimmed">
            {t('preview.noRecipients')}
          </Text>
        )}
        {preview.error ? (
          <Alert color="red">
            <bdi>{errorMessage(preview.error, t('errors.offline'))}</bdi>
          </Alert>
        ) : preview.data ? (
          <MessageBubble text={preview.data.text} media={campaign.media} data-testid="message-preview" />
        ) : (
          <Loader size="sm" aria-label={t('common.loading')} />
        )}
        {preview.data && (
          <PreviewWarnings
            unknownVariables={preview.data.unknownVariables}
            problems={preview.data.problems}
            blankVariables={preview.data.blankVariables}
          />
        )}
      </Stack>
    </Paper>
  );
}
