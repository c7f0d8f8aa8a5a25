import type { AppRouter } from '@chapar/api';
import {
  createTRPCClient,
  createWSClient,
  httpBatchLink,
  httpLink,
  isNonJsonSerializable,
  splitLink,
  type TRPCClient,
  wsLink,
} from '@trpc/client';
import { WebSocketImpl } from '#websocket';

export type { AppRouter, inferRouterInputs, inferRouterOutputs } from '@chapar/api';
export { TRPCClientError } from '@trpc/client';

export interface ChaparClientOptions {
  /** The server's origin, e.g. `http://localhost:3000`. */
  url: string;
  /** A session token from `auth.login` or an API key (`chp_...`). */
  token?: string;
}

export type ChaparClient = TRPCClient<AppRouter>;

/**
 * The typed client: queries and mutations over HTTP (batched; FormData uploads
 * unbatched), subscriptions over a WebSocket on the same port. The socket opens on the
 * first subscription and closes when the last one ends, so scripts exit by themselves.
 */
export function createChaparClient(options: ChaparClientOptions): ChaparClient {
  const base = new URL(options.url);
  const httpUrl = new URL('/trpc', base).toString();
  const wsUrl = new URL('/trpc', base);
  wsUrl.protocol = base.protocol === 'https:' ? 'wss:' : 'ws:';
  const headers = () => (options.token ? { authorization: `Bearer ${options.token}` } : {});

  const wsClient = createWSClient({
    url: wsUrl.toString(),
    WebSocket: WebSocketImpl,
    connectionParams: () => (options.token ? { token: options.token } : {}),
    lazy: { enabled: true, closeMs: 0 },
  });

  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: wsLink({ client: wsClient }),
        false: splitLink({
          condition: (op) => isNonJsonSerializable(op.input),
          true: httpLink({ url: httpUrl, headers }),
          false: httpBatchLink({ url: httpUrl, headers }),
        }),
      }),
    ],
  });
}
