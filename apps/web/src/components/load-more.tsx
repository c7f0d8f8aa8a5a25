import { Button, Group } from '@mantine/core';
import { useT } from '../i18n/i18n-provider';

/** What an infinite query offers for its next page. */
export interface PagedQuery {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage(): Promise<unknown>;
}

/** The "load more" button under a paged list; nothing once the last page is in. */
export function LoadMore({ query }: { query: PagedQuery }) {
  const t = useT();
  if (!query.hasNextPage) return null;
  return (
    <Group>
      <Button variant="default" loading={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
        {t('common.loadMore')}
      </Button>
    </Group>
  );
}
