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
        // tRPC keys are [path, { input, type }]; the path alone tells `auth.me` apart.
        const mePath = getQueryKey(trpc.auth.me)[0];
        if (isUnauthorized(error) && JSON.stringify(query.queryKey[0]) !== JSON.stringify(mePath)) {
          void queryClient.invalidateQueries({ queryKey: [mePath] });
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
