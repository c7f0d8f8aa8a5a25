import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/test-server';
import { signUp } from './support/users';

/**
 * The installable client (issue 18, part 1): the tarball `npm pack -w @chapar/client` makes
 * installs into a project outside the workspace, runs under plain Node and type-checks a
 * consumer's calls, with nothing of the repo but the tarball.
 */
const run = promisify(execFile);
const repoRoot = path.resolve(import.meta.dirname, '../../..');
const tsc = path.join(repoRoot, 'node_modules/typescript/bin/tsc');
// The SPA's bundler, wherever npm put it.
const vite = path.join(
  path.dirname(createRequire(path.join(repoRoot, 'apps/web/package.json')).resolve('vite/package.json')),
  'bin/vite.js',
);

const script = `
import { createChaparClient } from '@chapar/client';

const client = createChaparClient({ url: process.env.CHAPAR_URL, token: process.env.CHAPAR_KEY });
const me = await client.auth.me.query();
const account = await client.whatsapp.create.mutate({ label: 'Tarball sandbox', driver: 'sandbox' });
await client.whatsapp.connect.mutate({ id: account.id });
for (let i = 0; (await client.whatsapp.list.query()).find((a) => a.id === account.id)?.status !== 'READY'; i++) {
  if (i > 200) throw new Error('the sandbox account did not link');
  await new Promise((r) => setTimeout(r, 50));
}
const campaign = await client.campaigns.create.mutate({
  title: 'From the tarball', message: 'Salam {{name}}', interval: 'FIVE_SECONDS', whatsappAccountId: account.id,
});
await client.campaigns.addRecipients.mutate({
  campaignId: campaign.id,
  recipients: [{ phone: '09121112233', name: 'Sara' }, { phone: '09354445566', name: 'Reza' }],
});
await client.campaigns.start.mutate({ id: campaign.id });
const seen = [];
const final = await new Promise((resolve, reject) => {
  const sub = client.campaigns.onProgress.subscribe({ id: campaign.id }, {
    onData({ data }) {
      seen.push(data.sentCount);
      if (data.status === 'COMPLETED') { sub.unsubscribe(); resolve(data); }
    },
    onError: reject,
  });
});
console.log(JSON.stringify({ email: me.email, status: final.status, sentCount: final.sentCount, seen }));
`;

// One call right, one with a wrong input type: the consumer's tsc must refuse only the second.
const consumer = `
import { createChaparClient, type ChaparClient } from '@chapar/client';

const client: ChaparClient = createChaparClient({ url: 'http://localhost:3000', token: 'chp_x' });
export async function titleOf(id: number): Promise<string | null> {
  const campaign = await client.campaigns.get.query({ id });
  return campaign.title;
}
export async function wrong() {
  return client.campaigns.get.query({ id: 'seven' });
}
`;

describe('the @chapar/client tarball', () => {
  let server: TestServer;
  let project: string;

  beforeAll(async () => {
    // turbo replays the build from its cache when nothing changed (npm test has just built it).
    await run('npx', ['turbo', 'run', 'build', '--filter=@chapar/client', '--output-logs=errors-only'], {
      cwd: repoRoot,
    });
    project = await mkdtemp(path.join(os.tmpdir(), 'chapar-client-consumer-'));
    await run('npm', ['pack', '-w', '@chapar/client', '--pack-destination', project], { cwd: repoRoot });
    const [tarball] = (await readdir(project)).filter((f) => f.endsWith('.tgz'));
    await writeFile(
      path.join(project, 'package.json'),
      JSON.stringify({ name: 'consumer', private: true, type: 'module' }),
    );
    // One install from the registry: the tarball and what it depends on, nothing of the workspace.
    await run('npm', ['install', '--no-audit', '--no-fund', `./${tarball}`], { cwd: project });
    server = await startTestServer({ env: { ENGINE_TIME_SCALE: '20' } });
  }, 600_000);

  afterAll(async () => {
    await server?.close();
    if (project) await rm(project, { recursive: true, force: true });
  });

  it('ships built JavaScript and one declaration file, and depends on no workspace package', async () => {
    const installed = path.join(project, 'node_modules/@chapar/client');
    const manifest = JSON.parse(await readFile(path.join(installed, 'package.json'), 'utf8')) as Record<
      string,
      Record<string, string>
    >;
    expect(Object.keys(manifest.dependencies ?? {}).sort()).toEqual(['@trpc/client', 'ws']);
    expect((await readdir(path.join(installed, 'dist'))).sort()).toEqual([
      'index.d.ts',
      'index.js',
      'websocket.browser.js',
      'websocket.node.js',
    ]);
    expect(await readdir(path.join(project, 'node_modules/@chapar'))).toEqual(['client']);
  });

  it('signs in with an API key, sends a sandbox campaign and follows its progress under plain node', async () => {
    const { client, email } = await signUp(server);
    const { key } = await client.apiKeys.create.mutate({ name: 'tarball test' });
    await writeFile(path.join(project, 'script.mjs'), script);
    const { stdout } = await run('node', ['script.mjs'], {
      cwd: project,
      env: { ...process.env, CHAPAR_URL: server.url, CHAPAR_KEY: key },
      timeout: 60_000,
    });
    const result = JSON.parse(stdout.trim().split('\n').at(-1)!);
    expect(result).toMatchObject({ email, status: 'COMPLETED', sentCount: 2 });
    expect(result.seen[0]).toBeLessThan(2);
  }, 90_000);

  it("type-checks a consumer's calls and refuses a wrong input type", async () => {
    await writeFile(path.join(project, 'consumer.ts'), consumer);
    await writeFile(
      path.join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          noEmit: true,
          lib: ['ES2023', 'DOM'],
          types: [],
          skipLibCheck: true,
        },
        files: ['consumer.ts'],
      }),
    );
    const failure = await run('node', [tsc, '-p', '.'], { cwd: project }).then(
      () => null,
      (error: { stdout: string }) => error.stdout,
    );
    expect(failure).not.toBeNull();
    const errors = failure!
      .trim()
      .split('\n')
      .filter((line) => line.includes('error TS'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(
      /^consumer\.ts\(10,\d+\): error TS2322: Type 'string' is not assignable to type 'number'/,
    );
  }, 60_000);

  it('bundles for the browser with the browser WebSocket, leaving the ws package out', async () => {
    await writeFile(
      path.join(project, 'browser.mjs'),
      "import { createChaparClient } from '@chapar/client';\nexport const client = createChaparClient({ url: location.origin });\n",
    );
    await writeFile(
      path.join(project, 'vite.config.mjs'),
      `export default { logLevel: 'error', build: { outDir: 'browser-dist', minify: false,
        lib: { entry: 'browser.mjs', formats: ['es'], fileName: 'bundle' } } };`,
    );
    await run('node', [vite, 'build', '--config', 'vite.config.mjs'], { cwd: project });
    const bundle = await readFile(path.join(project, 'browser-dist/bundle.js'), 'utf8');
    expect(bundle).toContain('globalThis.WebSocket');
    expect(bundle).toContain('createWSClient');
    // ws's Node implementation (the HTTP upgrade handshake) must not be in a browser bundle.
    expect(bundle).not.toContain('Sec-WebSocket-Key');
  }, 60_000);
});
