import { QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { getQueryKey } from '@trpc/react-query';
import { type ReactNode, useState } from 'react';
import { trpcClient } from './client';
import { isRetryable, isUnauthorized } from './errors';
import { trpc } from './trpc';

function createQueryClient(): QueryClient {
  const queryClient: QueryClient = new QueryClient({
    // A session that expires while the app is open sends the user back to the login page.
    queryCache: new QueryCache({
      onError(error, query) {
        const meKey = getQueryKey(trpc.auth.me);
        if (isUnauthorized(error) && JSON.stringify(query.queryKey) !== JSON.stringify(meKey)) {
          void queryClient.invalidateQueries({ queryKey: meKey });
        }
      },
    }),
    defaultOptions: {
      queries: {
        staleTime: 5_000,
        retry: (failures, error) => isRetryable(error) && failures < 2,
      },
    },
  });
  return queryClient;
}

export function ApiProvider({ children }: { children: ReactNode }) {
  const [queryClient] = useState(createQueryClient);
  return (
    <trpc.Provider client={trpcClient} queryClient={queryClient}>
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    </trpc.Provider>
  );
}
