import { ActionIcon, Center, Group, Loader, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { IconEye } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { LoadMore } from '../components/load-more';
import { useI18n } from '../i18n/i18n-provider';
import { trpc } from '../trpc/trpc';
import { RecipientStatusBadge } from './status-badges';

const PAGE = 50;

interface Props {
  campaignId: number;
  /** Shown beside the title (e.g. the export links). */
  actions?: ReactNode;
  /** Offers a "preview the message for this recipient" button on each row. */
  onPreview?: ((recipientId: number) => void) | undefined;
  /** The recipient the preview shows, highlighted. */
  previewedId?: number | null | undefined;
}

export function RecipientsTable({ campaignId, actions, onPreview, previewedId }: Props) {
  const { t, formatDate } = useI18n();
  const query = trpc.campaigns.recipients.useInfiniteQuery(
    { campaignId, limit: PAGE },
    { getNextPageParam: (page) => page.nextCursor ?? undefined },
  );
  const rows = query.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Stack component="section" aria-labelledby="recipients-title" gap="sm">
      <Group justify="space-between">
        <Title order={2} size="h4" id="recipients-title">
          {t('recipients.title')}
        </Title>
        {actions}
      </Group>
      {query.isPending ? (
        <Center py="md">
          <Loader size="sm" aria-label={t('common.loading')} />
        </Center>
      ) : rows.length === 0 ? (
        <Text c="dimmed">{t('recipients.empty')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table striped highlightOnHover aria-labelledby="recipients-title">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('recipients.col.phone')}</Table.Th>
                <Table.Th>{t('recipients.col.name')}</Table.Th>
                <Table.Th>{t('recipients.col.status')}</Table.Th>
                <Table.Th>{t('recipients.col.sentAt')}</Table.Th>
                <Table.Th>{t('recipients.col.error')}</Table.Th>
                {onPreview && (
                  <Table.Th>
                    <VisuallyHidden>{t('recipients.col.preview')}</VisuallyHidden>
                  </Table.Th>
                )}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr
                  key={r.id}
                  bg={previewedId === r.id ? 'var(--mantine-color-teal-light)' : undefined}
                  aria-current={previewedId === r.id ? 'true' : undefined}
                >
                  <Table.Td>
                    <bdi dir="ltr" id={`recipient-${r.id}-phone`}>
                      {r.phone}
                    </bdi>
                  </Table.Td>
                  <Table.Td>{r.name ?? ''}</Table.Td>
                  <Table.Td>
                    <RecipientStatusBadge status={r.status} />
                  </Table.Td>
                  <Table.Td>{r.sentAt ? formatDate(r.sentAt) : ''}</Table.Td>
                  <Table.Td>
                    <Text size="sm" c="red">
                      <bdi>{r.error ?? ''}</bdi>
                    </Text>
                  </Table.Td>
                  {onPreview && (
                    <Table.Td>
                      <ActionIcon
                        variant="subtle"
                        aria-label={t('recipients.preview')}
                        aria-describedby={`recipient-${r.id}-phone`}
                        onClick={() => onPreview(r.id)}
                      >
                        <IconEye size={16} aria-hidden />
                      </ActionIcon>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {query.error && (
        <Text c="red">
          <bdi>{query.error.message}</bdi>
        </Text>
      )}
      <LoadMore query={query} />
    </Stack>
  );
}
