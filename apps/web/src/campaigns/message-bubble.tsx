import { Box, Group, Paper, Text } from '@mantine/core';
import { IconFileText, IconHeadphones, IconPhoto, IconVideo } from '@tabler/icons-react';
import { Fragment, type ReactNode } from 'react';
import { useI18n } from '../i18n/i18n-provider';
import type { CampaignMedia } from '../trpc/trpc';
import { type TextSegment, whatsappSegments } from './whatsapp-format';

const KIND_ICON = {
  image: IconPhoto,
  video: IconVideo,
  audio: IconHeadphones,
  document: IconFileText,
} as const;

function styled(segment: TextSegment): ReactNode {
  switch (segment.style) {
    case 'bold':
      return <strong>{segment.text}</strong>;
    case 'italic':
      return <em>{segment.text}</em>;
    case 'strike':
      return <s>{segment.text}</s>;
    case 'mono':
      return <code style={{ fontFamily: 'var(--mantine-font-family-monospace)' }}>{segment.text}</code>;
    default:
      return segment.text;
  }
}

/**
 * A message as WhatsApp shows it: line breaks kept, *bold* / _italic_ / ~strike~ /
 * ```mono``` applied, the text's own direction (Persian or English), and the attachment
 * above it when there is one (the text is then its caption).
 */
export function MessageBubble({
  text,
  media,
  ...rest
}: {
  text: string;
  media?: Pick<CampaignMedia, 'fileName' | 'kind'> | null | undefined;
  'data-testid'?: string;
}) {
  const { t } = useI18n();
  const Icon = media ? KIND_ICON[media.kind] : null;
  return (
    <Paper
      p="sm"
      radius="md"
      // The theme's tint, so the text keeps its contrast in the dark theme too.
      bg="var(--mantine-color-teal-light)"
      style={{ border: '1px solid var(--mantine-color-default-border)' }}
      maw={520}
    >
      {media && Icon && (
        <Group gap={6} mb={6} wrap="nowrap" c="dimmed">
          <Icon size={18} aria-hidden />
          <Text size="sm" truncate>
            {t(`media.kind.${media.kind}`)}: <bdi>{media.fileName}</bdi>
          </Text>
        </Group>
      )}
      <Box
        dir="auto"
        data-testid={rest['data-testid']}
        style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', fontSize: 'var(--mantine-font-size-sm)' }}
      >
        {text === '' ? (
          <Text span c="dimmed" size="sm" fs="italic">
            {t('preview.empty')}
          </Text>
        ) : (
          whatsappSegments(text).map((segment, i) => (
            // Segments have no identity beyond their place in the text.
            // biome-ignore lint/suspicious/noArrayIndexKey: the order is the identity
            <Fragment key={i}>{styled(segment)}</Fragment>
          ))
        )}
      </Box>
    </Paper>
  );
}
