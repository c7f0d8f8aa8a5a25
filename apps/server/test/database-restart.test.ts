import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createDatabase } from '@chapar/db';
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectCampaignMatchesLedger,
  freePort,
  ledgerOf,
  ServerProcess,
  sleep,
  startCampaigns,
} from './support/spawned-server';

/*
 * Database outage the way operators meet it: the real server runs as a child process on its
 * own, private MariaDB instance (never the shared one on 3306), two sandbox accounts send
 * two campaigns, and MariaDB is stopped mid-campaign, kept down for a few seconds, then
 * started again on the same data dir and port. The server must stay up the whole time, the
 * engine must wait and retry, and the campaigns must finish with nobody sent twice, nobody
 * dropped, and counters equal to the rows. The sandbox ledgers are the independent record
 * of what actually went out.
 *
 * Needs `mariadb-install-db` and `mariadbd` (Debian: /usr/bin, /usr/sbin).
 */

const ACCOUNTS = 2;
const PER_CAMPAIGN = 8;
const MARIADBD = ['/usr/sbin/mariadbd', '/usr/bin/mariadbd'];

function run(command: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c: Buffer) => {
      output += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => {
      output += c.toString();
    });
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve(output) : reject(new Error(`${command} exited with ${code}:\n${output}`)),
    );
  });
}

/** Server log lines (pino JSON) grouped by message and error, for the report. */
function summarize(lines: string[]): string[] {
  const counts = new Map<string, number>();
  for (const line of lines) {
    let key = line.slice(0, 200);
    try {
      const entry = JSON.parse(line) as { msg?: string; err?: { message?: string } };
      // Drizzle's message ends with "params: <values>: <driver error>"; keep the driver error.
      const last =
        entry.err?.message
          ?.split('\n')
          .pop()
          ?.replace(/^params: /, '') ?? '';
      const error = last.slice(last.indexOf(': ') + 2).replace(/127\.0\.0\.1:\d+/, 'db');
      key = `${entry.msg ?? '?'}${error ? ` (${error.slice(0, 120)})` : ''}`;
    } catch {
      // not JSON: keep the raw line
    }
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([key, n]) => `${n}x ${key}`);
}

/** The accounts' lease epochs, in the order asked. */
async function leaseEpochs(databaseUrl: string, accountIds: number[]): Promise<number[]> {
  const c = await mysql.createConnection({ uri: databaseUrl });
  try {
    const [rows] = (await c.query('SELECT id, lease_epoch AS epoch FROM whatsapp_accounts WHERE id IN (?)', [
      accountIds,
    ])) as unknown as [Array<{ id: number; epoch: number }>];
    return accountIds.map((id) => Number(rows.find((r) => r.id === id)?.epoch));
  } finally {
    await c.end();
  }
}

/** A private MariaDB server: its own data dir, port and socket; root with no password. */
class MariaDbProcess {
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  private output = '';
  starts = 0;

  constructor(
    private readonly dir: string,
    readonly port: number,
  ) {}

  get serverUrl() {
    return `mysql://root@127.0.0.1:${this.port}`;
  }

  get alive() {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  get pid() {
    return this.child?.pid;
  }

  async install(): Promise<void> {
    const args = [
      '--no-defaults',
      `--datadir=${path.join(this.dir, 'data')}`,
      '--auth-root-authentication-method=normal',
      '--skip-test-db',
    ];
    if (process.getuid?.() === 0) args.push('--user=root');
    await run('mariadb-install-db', args);
  }

  /** Starts mariadbd on the same data dir and port, and waits until it answers a ping. */
  async start(timeoutMs = 30_000): Promise<void> {
    if (this.alive) throw new Error('mariadbd already running');
    this.starts++;
    const binary = MARIADBD.find((candidate) => existsSync(candidate));
    const args = [
      '--no-defaults',
      `--datadir=${path.join(this.dir, 'data')}`,
      `--port=${this.port}`,
      '--bind-address=127.0.0.1',
      `--socket=${path.join(this.dir, 'mysqld.sock')}`,
      `--pid-file=${path.join(this.dir, 'mysqld.pid')}`,
      '--skip-log-bin',
      '--innodb-buffer-pool-size=32M',
    ];
    if (process.getuid?.() === 0) args.push('--user=root');
    const child = spawn(binary ?? 'mariadbd', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    const keep = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString()).slice(-20_000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (!this.alive) throw new Error(`mariadbd exited during start:\n${this.output}`);
      const ok = await mysql
        .createConnection({ uri: this.serverUrl, connectTimeout: 1_000 })
        .then(async (c) => {
          try {
            await c.ping();
            return true;
          } finally {
            await c.end().catch(() => undefined);
          }
        })
        .catch(() => false);
      if (ok) return;
      await sleep(100);
    }
    throw new Error(`mariadbd did not accept connections within ${timeoutMs} ms:\n${this.output}`);
  }

  /** SIGTERM (a normal shutdown: connections are dropped), then waits for the process to exit. */
  async stop(): Promise<void> {
    if (this.alive) this.child!.kill('SIGTERM');
    await this.exited;
  }

  killNow(): void {
    if (this.alive) this.child!.kill('SIGKILL');
  }

  get log() {
    return this.output;
  }
}

/*
 * Two layouts: one process (role `all`, no Redis), and an API with a worker (Redis under a
 * prefix of the test's own) whose leases are short enough to lapse during the outage, so
 * the worker must drop its accounts and take them back when MariaDB returns. A scaled
 * clock starts at each process's own start, so two processes would disagree about "now"
 * (a subscription the API starts would begin in the worker's future): real time there,
 * without jitter to keep it short.
 */
const LAYOUTS: Array<{
  name: string;
  downMs: number;
  leasesLapse: boolean;
  roles: Array<Record<string, string>>;
}> = [
  {
    name: 'one process',
    downMs: 5_000,
    leasesLapse: false,
    roles: [{ CHAPAR_ROLE: 'all', ENGINE_TIME_SCALE: '2' }],
  },
  {
    name: 'an API and a worker whose leases lapse while it is down',
    // Twice the lease's local validity (4.8 s of LEASE_SECONDS=6): the worker drops them.
    downMs: 9_600,
    leasesLapse: true,
    roles: [
      { CHAPAR_ROLE: 'api', REDIS_URL: 'redis://127.0.0.1:6379' },
      {
        CHAPAR_ROLE: 'worker',
        REDIS_URL: 'redis://127.0.0.1:6379',
        WORKER_ID: 'restart-worker',
        LEASE_SECONDS: '6',
        PACING_JITTER: '0',
      },
    ],
  },
];

describe.each(LAYOUTS)(
  'database restart (real server processes, private MariaDB stopped mid-campaign): $name',
  ({ roles, downMs, leasesLapse }) => {
    let tmp: string | undefined;
    let dataDir: string | undefined;
    let mariadb: MariaDbProcess | undefined;
    let servers: ServerProcess[] = [];
    let handle: ReturnType<typeof createDatabase> | undefined;
    let databaseUrl = '';
    const killOnExit = () => {
      for (const server of servers) server.killNow();
      mariadb?.killNow();
    };

    beforeAll(async () => {
      tmp = await mkdtemp(path.join(os.tmpdir(), 'chapar-dbrestart-'));
      dataDir = path.join(tmp, 'chapar');
      await mkdir(dataDir);
      process.once('exit', killOnExit);
      mariadb = new MariaDbProcess(tmp, await freePort());
      await mariadb.install();
      await mariadb.start();
      databaseUrl = `${mariadb.serverUrl}/chapar_restart`;
      const prefix = `chapar-test-restart-${process.pid}-${Date.now()}:`;
      servers = await Promise.all(
        roles.map(
          async (role) =>
            new ServerProcess({
              DATABASE_URL: databaseUrl,
              PORT: String(await freePort()),
              HOST: '127.0.0.1',
              DATA_DIR: dataDir!,
              LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
              SANDBOX_LINK_DELAY_MS: '200',
              SANDBOX_SEND_LATENCY_MS: '50',
              SANDBOX_DELIVERY_DELAY_MS: '30',
              SANDBOX_READ_DELAY_MS: '60',
              REDIS_PREFIX: prefix,
              ...role,
            }),
        ),
      );
    }, 60_000);

    afterAll(async () => {
      process.removeListener('exit', killOnExit);
      await Promise.all(servers.map((server) => server.kill()));
      await handle?.close().catch(() => undefined);
      await mariadb?.stop();
      if (tmp) await rm(tmp, { recursive: true, force: true });
    });

    it('waits out a MariaDB restart and finishes every campaign without loss, doubles or counter drift', async () => {
      const started = Date.now();
      // The first process migrates; the API (or the one process) serves the client.
      const s = servers[0]!;
      const m = mariadb!;
      for (const server of servers) await server.start();
      const log = () => servers.map((server) => server.log).join('\n--- next process ---\n');

      const { client, accountIds, campaignIds } = await startCampaigns(s.url, {
        accounts: ACCOUNTS,
        perCampaign: PER_CAMPAIGN,
        name: 'DB Restart',
        email: 'dbrestart@example.com',
        password: 'db-restart-secret',
      });

      // Wait for some sends, so the outage lands in the middle of running campaigns.
      const sendDeadline = Date.now() + 30_000;
      for (;;) {
        const states = await Promise.all(campaignIds.map((id) => client.campaigns.get.query({ id })));
        if (states.every((c) => c.sentCount >= 2)) break;
        if (Date.now() > sendDeadline) {
          throw new Error(
            `no sends before the outage: ${JSON.stringify(states.map((c) => [c.id, c.status, c.pausedReason, c.sentCount]))}\n${log()}`,
          );
        }
        await sleep(100);
      }
      const ledgersBefore = await Promise.all(accountIds.map((id) => ledgerOf(dataDir!, id)));
      const epochsBefore = await leaseEpochs(databaseUrl, accountIds);

      // The outage: SIGTERM mariadbd, keep it down, start it again on the same data dir/port.
      const outageStarted = Date.now();
      const logsBefore = servers.map((server) => server.log.length);
      await m.stop();
      const stoppedAt = Date.now();
      await sleep(downMs);
      const healthDuringOutage = await fetch(`${s.url}/healthz`, { signal: AbortSignal.timeout(2_000) }).then(
        (r) => r.status,
        (e: Error) => e.message,
      );
      const ledgersDuringOutage = await Promise.all(accountIds.map((id) => ledgerOf(dataDir!, id)));
      for (const server of servers) {
        expect(server.unexpectedExit, `server exited while MariaDB was down:\n${log()}`).toBeUndefined();
        expect(server.alive).toBe(true);
      }
      await m.start();
      const restartedAt = Date.now();

      // Campaigns resume and finish (token and sessions live in MariaDB and survived).
      const deadline = Date.now() + 60_000;
      let states = await Promise.all(campaignIds.map((id) => client.campaigns.get.query({ id })));
      while (!states.every((c) => c.status === 'COMPLETED')) {
        const exited = servers.find((server) => server.unexpectedExit);
        if (Date.now() > deadline || exited) {
          throw new Error(
            `campaigns did not complete after the restart (server exit: ${JSON.stringify(exited?.unexpectedExit)}): ${JSON.stringify(states.map((c) => [c.id, c.status, c.pausedReason, c.sentCount]))}\n${log()}`,
          );
        }
        await sleep(200);
        states = await Promise.all(campaignIds.map((id) => client.campaigns.get.query({ id })));
      }
      const completedAt = Date.now();
      // The last acks (DELIVERED/READ) of the final sends land shortly after completion.
      await sleep(500);

      // No process exited on its own.
      for (const server of servers) {
        expect(server.unexpectedExit, `server exited:\n${log()}`).toBeUndefined();
        expect(server.alive).toBe(true);
      }

      handle = createDatabase(databaseUrl);
      const { db } = handle;
      // A lapsed lease is taken back under a new epoch, so a straggler could not claim.
      const epochsAfter = await leaseEpochs(databaseUrl, accountIds);
      for (const [i, before] of epochsBefore.entries()) {
        if (leasesLapse) expect(epochsAfter[i], `account ${accountIds[i]}`).toBeGreaterThan(before);
        else expect(epochsAfter[i]).toBe(before);
      }
      const report: string[] = [];
      for (const [i, campaignId] of campaignIds.entries()) {
        report.push(
          await expectCampaignMatchesLedger(
            db,
            dataDir!,
            { campaignId, accountId: accountIds[i]! },
            PER_CAMPAIGN,
          ),
        );
      }

      const outageLog = servers
        .flatMap((server, i) => server.log.slice(logsBefore[i]).split('\n'))
        .filter((line) => line.trim() !== '');
      console.log(
        [
          `database-restart: mariadbd pid ${m.pid}, ${m.starts} starts, total ${((Date.now() - started) / 1000).toFixed(1)} s`,
          `  ledgers before outage ${ledgersBefore.map((l) => l.length).join('/')}, while down ${ledgersDuringOutage.map((l) => l.length).join('/')}`,
          `  stop took ${stoppedAt - outageStarted} ms, down ${restartedAt - stoppedAt} ms, /healthz while down: ${healthDuringOutage}`,
          `  completed ${((completedAt - restartedAt) / 1000).toFixed(1)} s after MariaDB came back`,
          `  server log lines after the outage began: ${outageLog.length}`,
          ...summarize(outageLog).map((line) => `    ${line}`),
          ...report.map((line) => `  ${line}`),
        ].join('\n'),
      );
    }, 180_000);
  },
);
