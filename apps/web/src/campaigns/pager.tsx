import { Button, Group, Text } from '@mantine/core';
import { IconChevronLeft, IconChevronRight } from '@tabler/icons-react';
import { useI18n } from '../i18n/i18n-provider';

interface Props {
  /** 0-based page number. */
  index: number;
  pageSize: number;
  /** Rows on this page. */
  shown: number;
  /** Every matching row, when known. */
  total: number | null;
  hasNext: boolean;
  onPrevious(): void;
  onNext(): void;
  /** Names the navigation for screen readers (there may be several on a page). */
  label: string;
  busy?: boolean;
}

/** "21–40 of 345" with Previous / Next; arrows point the way the page reads. */
export function Pager({ index, pageSize, shown, total, hasNext, onPrevious, onNext, label, busy }: Props) {
  const { t, dir, formatNumber } = useI18n();
  if (index === 0 && !hasNext) {
    return total !== null && total > 0 ? (
      <Text size="sm" c="dimmed">
        {t('campaigns.pager.count', { total })}
      </Text>
    ) : null;
  }
  const first = index * pageSize + (shown > 0 ? 1 : 0);
  const last = index * pageSize + shown;
  const Back = dir === 'rtl' ? IconChevronRight : IconChevronLeft;
  const Forward = dir === 'rtl' ? IconChevronLeft : IconChevronRight;
  return (
    <Group component="nav" aria-label={label} justify="space-between">
      <Text size="sm" c="dimmed" aria-live="polite">
        {total !== null
          ? t('campaigns.pager.rangeOf', {
              first: formatNumber(first),
              last: formatNumber(last),
              total: formatNumber(total),
            })
          : t('campaigns.pager.range', { first: formatNumber(first), last: formatNumber(last) })}
      </Text>
      <Group gap="xs">
        <Button
          variant="default"
          size="xs"
          leftSection={<Back size={14} aria-hidden />}
          disabled={index === 0 || busy}
          onClick={onPrevious}
        >
          {t('campaigns.pager.previous')}
        </Button>
        <Button
          variant="default"
          size="xs"
          rightSection={<Forward size={14} aria-hidden />}
          disabled={!hasNext || busy}
          onClick={onNext}
        >
          {t('campaigns.pager.next')}
        </Button>
      </Group>
    </Group>
  );
}
