import { spawn, spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const serverDir = fileURLToPath(new URL('..', import.meta.url));
const source = fileURLToPath(new URL('../src/main.ts', import.meta.url));
// A build of its own beside dist/, so a parallel `npm start` test never reads a half-written dist.
const outdir = `dist-test-${process.pid}`;
const compiled = `${serverDir}${outdir}/main.js`;

// The same checks on the source (as the tests run it) and on the build `npm start` runs.
describe.each([
  { form: 'source through tsx', args: ['--import', 'tsx', source] },
  { form: 'compiled (dist/main.js, plain node)', args: [compiled] },
])('server start-up, $form', ({ form, args }) => {
  const isCompiled = form.startsWith('compiled');
  beforeAll(() => {
    if (!isCompiled) return;
    const build = spawnSync(process.execPath, ['build.mjs', outdir], { cwd: serverDir });
    expect(build.status, String(build.stderr)).toBe(0);
  });
  afterAll(() => {
    if (isCompiled) rmSync(`${serverDir}${outdir}`, { recursive: true, force: true });
  });

  function runServer(env: Record<string, string>) {
    return new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, args, {
        env: { ...process.env, LOG_LEVEL: 'silent', ...env },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (chunk) => {
        stderr += chunk;
      });
      child.on('exit', (code) => resolve({ code, stderr }));
    });
  }

  it('prints one clear line naming the database it could not reach and exits non-zero', async () => {
    const { code, stderr } = await runServer({
      DATABASE_URL: 'mysql://root:hunter2@127.0.0.1:1/chapar',
      PORT: '0',
    });
    expect(code).not.toBe(0);
    const lines = stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /Cannot reach or prepare the database at mysql:\/\/root:\*\*\*@127\.0\.0\.1:1\/chapar: ECONNREFUSED/,
    );
    expect(stderr).not.toContain('hunter2');
  });

  it('refuses bad configuration with a message per variable', async () => {
    const { code, stderr } = await runServer({ PORT: 'abc', SANDBOX_FAILURE_RATE: '2' });
    expect(code).toBe(1);
    expect(stderr).toContain('PORT="abc"');
    expect(stderr).toContain('SANDBOX_FAILURE_RATE="2": must be a number from 0 to 1');
  });

  it('refuses a half-configured provider, naming the missing variable', async () => {
    const { code, stderr } = await runServer({
      PAYMENT_PROVIDERS: 'zarinpal,manual',
      SMS_PROVIDER: 'kavenegar',
    });
    expect(code).toBe(1);
    expect(stderr).toContain('ZARINPAL_MERCHANT_ID is missing: PAYMENT_PROVIDERS includes zarinpal');
    expect(stderr).toContain('PUBLIC_URL is missing');
    expect(stderr).toContain('KAVENEGAR_API_KEY is missing: SMS_PROVIDER is kavenegar');
  });
});
