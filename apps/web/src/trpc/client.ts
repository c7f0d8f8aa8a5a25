import {
  createWSClient,
  httpBatchLink,
  httpLink,
  isNonJsonSerializable,
  splitLink,
  wsLink,
} from '@trpc/client';
import { trpc } from './trpc';
import { progressFetch } from './upload-progress';
import { websocketUrl } from './urls';

/**
 * Lazy: the socket opens with the first subscription, so it is never opened before
 * sign-in (the server reads the session cookie once, at the upgrade).
 */
export const wsClient = createWSClient({
  url: websocketUrl(window.location),
  lazy: { enabled: true, closeMs: 15_000 },
  keepAlive: { enabled: true, intervalMs: 15_000, pongTimeoutMs: 5_000 },
});

/**
 * Drops the socket after sign-in or sign-out: it was authenticated as whoever held the
 * cookie when it opened. The next subscription opens a fresh one.
 */
export function resetRealtime(): Promise<void> {
  return wsClient.close();
}

/**
 * Subscriptions over the socket; uploads (FormData, Blob) one per request, since a batch
 * is a JSON body, with their progress reported (upload-progress.ts); everything else batched.
 */
export const trpcClient = trpc.createClient({
  links: [
    splitLink({
      condition: (op) => op.type === 'subscription',
      true: wsLink({ client: wsClient }),
      false: splitLink({
        condition: (op) => isNonJsonSerializable(op.input),
        true: httpLink({ url: '/trpc', fetch: progressFetch }),
        false: httpBatchLink({ url: '/trpc' }),
      }),
    }),
  ],
});
