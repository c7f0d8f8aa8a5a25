import { TRPCClientError } from '@chapar/client';

export interface ClientError {
  message: string;
  data: { code: string; field?: string | null; zodError?: unknown } & Record<string, unknown>;
}

/** The tRPC error a call ended with; fails the test when the call succeeded. */
export async function errorOf(promise: Promise<unknown>): Promise<ClientError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TRPCClientError) return error as unknown as ClientError;
    throw error;
  }
  throw new Error('expected the call to fail, but it succeeded');
}

/** The error code a subscription ended with (it must fail before yielding anything). */
export function subscriptionError(
  subscribe: (handlers: { onData(): void; onError(error: unknown): void }) => { unsubscribe(): void },
): Promise<string> {
  return new Promise((resolve, reject) => {
    const sub = subscribe({
      onData() {
        sub.unsubscribe();
        reject(new Error('subscription yielded data'));
      },
      onError(error) {
        resolve(error instanceof TRPCClientError ? (error.data as { code: string }).code : String(error));
      },
    });
  });
}
