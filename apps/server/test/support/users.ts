import { randomBytes } from 'node:crypto';
import type { TestServer } from './test-server';

let counter = 0;

/** A random valid Iranian mobile number in local form (09…). */
export function randomMobile(): string {
  return `0912${String(Math.floor(Math.random() * 10_000_000)).padStart(7, '0')}`;
}

/** Registers and signs in a fresh user; answers a client that carries its token. */
export async function signUp(server: TestServer, overrides: { name?: string } = {}) {
  const tag = `${++counter}${randomBytes(3).toString('hex')}`;
  const email = `user-${tag}@example.com`;
  const password = `pw-${tag}-secret`;
  const phone = randomMobile();
  const anonymous = server.client();
  await anonymous.auth.register.mutate({ name: overrides.name ?? `User ${tag}`, email, phone, password });
  const { token, user } = await anonymous.auth.login.mutate({ identifier: email, password });
  return { client: server.client(token), token, user, email, password, phone };
}

/** Creates a sandbox account and waits until it is READY. */
export async function linkedSandboxAccount(
  client: Awaited<ReturnType<typeof signUp>>['client'],
  label = 'Sandbox',
) {
  const account = await client.whatsapp.create.mutate({ label, driver: 'sandbox' });
  await client.whatsapp.connect.mutate({ id: account.id });
  const deadline = Date.now() + 5_000;
  while (Date.now() < deadline) {
    const [current] = (await client.whatsapp.list.query()).filter((a) => a.id === account.id);
    if (current?.status === 'READY') return current;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('sandbox account did not link within 5 s');
}

export async function waitFor<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!done(value)) {
    if (Date.now() > deadline)
      throw new Error(`condition not met within ${timeoutMs} ms; last value: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 25));
    value = await read();
  }
  return value;
}
