import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/test-server';
import { signUp, waitFor } from './support/users';

const servers: TestServer[] = [];
afterEach(async () => {
  while (servers.length) await servers.pop()!.close();
});

/** Chromium processes whose command line mentions this server's data directory. */
function chromiumUsing(dataDir: string): string[] {
  const out = execFileSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' });
  return out.split('\n').filter((line) => line.includes(dataDir) && /chrom/i.test(line));
}

describe('a real (wwebjs) account on a machine without internet', () => {
  it('answers FAILED with "unreachable" within seconds, keeps serving and leaves no Chromium behind', async () => {
    const s = await startTestServer();
    servers.push(s);
    const { client } = await signUp(s);
    const account = await client.whatsapp.create.mutate({ label: 'Real phone', driver: 'wwebjs' });
    const started = Date.now();
    await client.whatsapp.connect.mutate({ id: account.id });
    // The mutation answers at once; the start goes on in the background.
    expect(Date.now() - started).toBeLessThan(3_000);
    const failed = await waitFor(
      () => client.whatsapp.get.query({ id: account.id }),
      (a) => a.status === 'FAILED',
      20_000,
    );
    expect(failed.error).toMatch(/WhatsApp Web is unreachable/);
    expect(Date.now() - started).toBeLessThan(20_000);
    await waitFor(
      async () => chromiumUsing(s.dataDir),
      (list) => list.length === 0,
      5_000,
    );
    // Still serving, and the error is what the status subscription shows too.
    const event = await new Promise<{ status: string; error?: string }>((resolve, reject) => {
      const sub = client.whatsapp.onStatus.subscribe(
        { id: account.id },
        {
          onData(e) {
            sub.unsubscribe();
            resolve(e);
          },
          onError: reject,
        },
      );
    });
    expect(event).toMatchObject({ status: 'FAILED', error: expect.stringMatching(/unreachable/) });
  }, 40_000);

  it('refuses to start more browsers than MAX_BROWSERS, with the reason', async () => {
    const s = await startTestServer({ env: { MAX_BROWSERS: '0' } });
    servers.push(s);
    const { client } = await signUp(s);
    const account = await client.whatsapp.create.mutate({ label: 'Real phone', driver: 'wwebjs' });
    await client.whatsapp.connect.mutate({ id: account.id });
    const failed = await waitFor(
      () => client.whatsapp.get.query({ id: account.id }),
      (a) => a.status === 'FAILED',
    );
    expect(failed.error).toMatch(/browser slots/);
    expect(chromiumUsing(s.dataDir)).toEqual([]);
  });
});
