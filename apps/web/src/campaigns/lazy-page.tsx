import { Center, Loader } from '@mantine/core';
import { type ReactNode, Suspense } from 'react';
import { useT } from '../i18n/i18n-provider';

/** Where a page's code is still on its way: a labelled spinner. */
export function LazyPage({ children }: { children: ReactNode }) {
  const t = useT();
  return (
    <Suspense
      fallback={
        <Center py="xl">
          <Loader aria-label={t('common.loading')} />
        </Center>
      }
    >
      {children}
    </Suspense>
  );
}
