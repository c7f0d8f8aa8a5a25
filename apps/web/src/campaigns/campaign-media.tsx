import { EDITABLE_STATUSES } from '@chapar/domain';
import { Alert, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import {
  IconFileText,
  IconHeadphones,
  IconPaperclip,
  IconPhoto,
  IconTrash,
  IconVideo,
} from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { FileDrop } from '../files/file-drop';
import { formatBytes } from '../files/format-bytes';
import { useI18n } from '../i18n/i18n-provider';
import { errorMessage } from '../trpc/errors';
import { type Campaign, trpc } from '../trpc/trpc';

/** What WhatsApp takes (the server checks the content, not the name). */
export const MEDIA_ACCEPT =
  'image/jpeg,image/png,image/webp,video/mp4,video/3gpp,audio/mpeg,audio/ogg,audio/aac,audio/mp4,audio/x-m4a,.m4a,application/pdf,.pdf,.docx,.xlsx,.pptx,.zip';

const KIND_ICON = {
  image: IconPhoto,
  video: IconVideo,
  audio: IconHeadphones,
  document: IconFileText,
} as const;

/** The one image, video, audio or document sent with every message of the campaign. */
export function CampaignMediaSection({ campaign }: { campaign: Campaign }) {
  const { t, locale } = useI18n();
  const utils = trpc.useUtils();
  const [file, setFile] = useState<File | null>(null);
  const editable = EDITABLE_STATUSES.includes(campaign.status);
  const onSuccess = (updated: Campaign) => {
    utils.campaigns.get.setData({ id: campaign.id }, updated);
    setFile(null);
  };
  const attach = trpc.campaigns.attachMedia.useMutation({ onSuccess });
  const detach = trpc.campaigns.detachMedia.useMutation({ onSuccess });
  const error = attach.error ?? detach.error;
  const media = campaign.media;
  if (!editable && !media) return null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    detach.reset();
    const form = new FormData();
    form.append('campaignId', String(campaign.id));
    form.append('file', file, file.name);
    attach.mutate(form);
  };
  const Icon = media ? KIND_ICON[media.kind] : IconPaperclip;

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="media-title">
      <Stack gap="sm">
        <Title order={2} size="h5" id="media-title">
          {t('media.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('media.hint')}
        </Text>
        {media ? (
          <Group justify="space-between" wrap="nowrap" data-testid="campaign-media">
            <Group gap="xs" wrap="nowrap" miw={0}>
              <Icon size={20} aria-hidden />
              <Text size="sm" truncate>
                <bdi>{media.fileName}</bdi>
              </Text>
              <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                {t(`media.kind.${media.kind}`)} · {formatBytes(media.size, locale)}
              </Text>
            </Group>
            {editable && (
              <Button
                size="xs"
                variant="subtle"
                color="red"
                leftSection={<IconTrash size={14} aria-hidden />}
                loading={detach.isPending}
                disabled={attach.isPending}
                onClick={() => {
                  attach.reset();
                  detach.mutate({ id: campaign.id });
                }}
              >
                {t('media.remove')}
              </Button>
            )}
          </Group>
        ) : (
          <Text size="sm">{t('media.none')}</Text>
        )}
        {editable && (
          <form onSubmit={submit} aria-label={media ? t('media.replace') : t('media.attach')}>
            <Stack gap="xs">
              <FileDrop
                label={media ? t('media.replaceFile') : t('media.file')}
                description={t('media.limits')}
                accept={MEDIA_ACCEPT}
                value={file}
                onChange={(f) => {
                  setFile(f);
                  attach.reset();
                }}
                disabled={attach.isPending}
              />
              <Group>
                <Button
                  type="submit"
                  variant="light"
                  size="xs"
                  leftSection={<IconPaperclip size={14} aria-hidden />}
                  loading={attach.isPending}
                  disabled={!file || detach.isPending}
                >
                  {media ? t('media.replace') : t('media.attach')}
                </Button>
              </Group>
            </Stack>
          </form>
        )}
        {error && (
          <Alert color="red" title={t('media.failed')} role="alert">
            <bdi>{errorMessage(error, t('errors.offline'))}</bdi>
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}
