import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createChaparClient } from '@chapar/client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase } from './support/database';
import { freePort, sleep } from './support/spawned-server';

const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));

let child: ChildProcess;
let output = '';
let url: string;
let cleanup: () => Promise<void>;

// Development mode (SMS_PROVIDER=log, as `npm start` sets it): the code is read from the log.
beforeAll(async () => {
  const database = await createTestDatabase();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'chapar-devlog-'));
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  child = spawn(process.execPath, ['--import', 'tsx', main], {
    env: {
      ...process.env,
      DATABASE_URL: database.url,
      DATA_DIR: dataDir,
      PORT: String(port),
      LOG_LEVEL: 'info',
      SMS_PROVIDER: 'log',
      EMAIL_PROVIDER: 'log',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  cleanup = async () => {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    await database.drop();
    await rm(dataDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 30_000;
  while (
    !(await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    ))
  ) {
    if (Date.now() > deadline) throw new Error(`server did not start:\n${output}`);
    await sleep(100);
  }
}, 60_000);
afterAll(() => cleanup?.());

it('a new user verifies the phone with the code from the server log', async () => {
  const anonymous = createChaparClient({ url });
  await anonymous.auth.register.mutate({
    name: 'Dev',
    email: 'dev@example.com',
    phone: '0912 345 6789',
    password: 'dev password 1',
  });
  const { token } = await anonymous.auth.login.mutate({
    identifier: 'dev@example.com',
    password: 'dev password 1',
  });
  let code: string | undefined;
  const deadline = Date.now() + 5_000;
  while (!code && Date.now() < deadline) {
    code = /one-time code for \+989123456789: (\d{6})/.exec(output)?.[1];
    if (!code) await sleep(50);
  }
  expect(code).toMatch(/^\d{6}$/);
  const user = await createChaparClient({ url, token }).auth.verifyCode.mutate({
    purpose: 'VERIFY_PHONE',
    code: code!,
  });
  expect(user.phoneVerifiedAt).not.toBeNull();
});
