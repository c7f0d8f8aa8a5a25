import { Group, Skeleton, Stack, VisuallyHidden } from '@mantine/core';
import { useT } from '../i18n/i18n-provider';

/** Placeholders never reorder, so their position is their identity. */
const slots = (n: number) => Array.from({ length: n }, (_, i) => `slot-${i}`);

/** The shape of a page while it loads: a title, a row of cards, a few lines. */
export function PageSkeleton({ cards = 4, lines = 4 }: { cards?: number; lines?: number }) {
  const t = useT();
  return (
    <Stack aria-busy="true" data-testid="page-skeleton">
      <VisuallyHidden role="status">{t('common.loading')}</VisuallyHidden>
      <Skeleton h={32} w="40%" />
      {cards > 0 && (
        <Group grow>
          {slots(cards).map((slot) => (
            <Skeleton key={slot} h={88} />
          ))}
        </Group>
      )}
      {slots(lines).map((slot, i) => (
        <Skeleton key={slot} h={20} w={i % 2 ? '70%' : '90%'} />
      ))}
    </Stack>
  );
}

/** A section's skeleton: a few lines where its content will be. */
export function SectionSkeleton({ lines = 3 }: { lines?: number }) {
  const t = useT();
  return (
    <Stack gap="xs" aria-busy="true">
      <VisuallyHidden role="status">{t('common.loading')}</VisuallyHidden>
      {slots(lines).map((slot, i) => (
        <Skeleton key={slot} h={18} w={i % 2 ? '60%' : '85%'} />
      ))}
    </Stack>
  );
}
