import type { AppRouter } from '@chapar/api';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { TRPCClientError, type TRPCLink } from '@trpc/client';
import { observable } from '@trpc/server/observable';
import { type ReactNode, useState } from 'react';
import { trpc } from '../src/trpc/trpc';

/** Answers by procedure path (`campaigns.preview`); the input is the call's input. */
export type ApiHandlers = Record<string, (input: unknown) => unknown>;

/** An error as the server sends it (message, code), for a handler to throw. */
export function apiError(message: string, code = 'BAD_REQUEST', field?: string): TRPCClientError<AppRouter> {
  return TRPCClientError.from({
    error: {
      message,
      code: -32600,
      data: { code, httpStatus: 400, ...(field ? { field } : {}) },
    },
  }) as TRPCClientError<AppRouter>;
}

/** A link that never leaves the test: each operation is answered by its handler. */
function handlerLink(handlers: ApiHandlers): TRPCLink<AppRouter> {
  return () =>
    ({ op }) =>
      observable((observer) => {
        const handler = handlers[op.path];
        Promise.resolve()
          .then(() => {
            if (!handler) throw new Error(`No test answer for ${op.path}.`);
            return handler(op.input);
          })
          .then(
            (data) => {
              observer.next({ result: { type: 'data', data } });
              observer.complete();
            },
            (error: unknown) =>
              observer.error(
                error instanceof TRPCClientError
                  ? error
                  : TRPCClientError.from(error instanceof Error ? error : new Error(String(error))),
              ),
          );
      });
}

/** The tRPC and React Query providers around a fake API (no retries, nothing cached between tests). */
export function TestApiProvider({
  handlers = {},
  children,
}: {
  handlers?: ApiHandlers;
  children: ReactNode;
}) {
  const [queryClient] = useState(
    () => new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } }),
  );
  const [client] = useState(() => trpc.createClient({ links: [handlerLink(handlers)] }));
  return (
    <trpc.Provider client={client} queryClient={queryClient}>
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    </trpc.Provider>
  );
}
