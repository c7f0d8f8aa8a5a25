/**
 * What the benchmarks share: the machine description, the real server started as a child
 * process on a database of its own (dropped afterwards), users registered through the
 * typed client, and readings of the server process (CPU, memory, Prometheus metrics).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { type ChaparClient, createChaparClient } from '@chapar/client';
import mysql from 'mysql2/promise';

export const DATABASE_SERVER = process.env.TEST_DATABASE_SERVER ?? 'mysql://root@127.0.0.1:3306';
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The 1, 5 and 15-minute load averages now, as printed in every result. */
export const loadAverage = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

/** CPU model, cores, RAM, Node, MariaDB, and the load average when the run began. */
export async function machine(): Promise<Record<string, string>> {
  const c = await mysql.createConnection({ uri: DATABASE_SERVER });
  const [rows] = await c.query('SELECT VERSION() AS v');
  await c.end();
  const cpus = os.cpus();
  return {
    cpu: `${cpus[0]?.model.trim() ?? 'unknown'} × ${cpus.length}`,
    ram: `${(os.totalmem() / 1024 ** 3).toFixed(0)} GiB`,
    node: process.version,
    database: String((rows as Array<{ v: string }>)[0]?.v),
    loadAverageAtStart: loadAverage(),
  };
}

export interface BenchServer {
  url: string;
  pid: number;
  dbName: string;
  databaseUrl: string;
  dataDir: string;
  /** Stops the server, drops its database and removes its data directory. */
  stop(): Promise<void>;
}

/** One server process, started as `npm start` starts it (see `serverCommand`). */
export interface ServerChild {
  url: string;
  pid: number;
  /** Resolves when the process has exited. */
  exited: Promise<unknown>;
  /** SIGTERM (or `signal`) and wait for the exit; a no-op once it has exited. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** The V8 flags `npm start` runs the server with: read from package.json, their one place. */
export function startHeapFlags(): string[] {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const match = /\bnode\s+(.*?)\s*scripts\/start\.mjs/.exec(pkg.scripts.start ?? '');
  if (!match) throw new Error('package.json\'s "start" script no longer runs `node … scripts/start.mjs`');
  return match[1]!.split(/\s+/).filter(Boolean);
}

let built = false;
/**
 * The node arguments of a benchmark's server. By default what `npm start` runs: the
 * compiled server (`scripts/start.mjs`, built once here first) with the start script's heap
 * flags. `SERVER_NODE_FLAGS` replaces those flags (e.g. for `--cpu-prof`, keep the heap
 * flags in it to compare like with like); `BENCH_SERVER=tsx` runs the TypeScript sources
 * through tsx instead, as before issue 15.
 */
export function serverCommand(): string[] {
  const flags = process.env.SERVER_NODE_FLAGS?.split(' ').filter(Boolean);
  if (process.env.BENCH_SERVER === 'tsx')
    return [...(flags ?? []), '--import', 'tsx', 'apps/server/src/main.ts'];
  if (!built) {
    const build = spawnSync(process.execPath, ['scripts/start.mjs', '--build-only'], {
      cwd: ROOT,
      stdio: 'inherit',
    });
    if (build.status !== 0) throw new Error('building the server failed');
    built = true;
  }
  return [...(flags ?? startHeapFlags()), 'scripts/start.mjs'];
}

/**
 * Spawns the server with exactly `env` on top of this process's environment and waits for
 * its `/healthz` (a worker serves it too). `onLine` receives each line it logs (then not
 * echoed); the default echoes them.
 */
export async function spawnServer(
  env: Record<string, string>,
  onLine?: (line: string) => void,
): Promise<ServerChild> {
  const child: ChildProcess = spawn(process.execPath, serverCommand(), {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', onLine ? 'pipe' : 'inherit', 'inherit'],
  });
  if (onLine && child.stdout) createInterface({ input: child.stdout }).on('line', onLine);
  const exited = new Promise((r) => child.once('exit', r));
  const running = () => child.exitCode === null && child.signalCode === null;
  const stop = async (signal: NodeJS.Signals = 'SIGTERM') => {
    if (running()) child.kill(signal);
    await exited;
  };
  const url = `http://127.0.0.1:${env.PORT}`;
  for (let i = 0; ; i++) {
    const up = await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    if (i > 600 || !running()) {
      await stop('SIGKILL');
      throw new Error(`the server on ${url} did not start`);
    }
    await sleep(100);
  }
  return { url, pid: child.pid!, exited, stop };
}

/** A database of the benchmark's own, and a function that drops it. */
export async function benchDatabase(): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  const name = `chapar_bench_${randomBytes(4).toString('hex')}`;
  const drop = async () => {
    const c = await mysql.createConnection({ uri: DATABASE_SERVER });
    await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
    await c.end();
  };
  return { name, url: `${DATABASE_SERVER}/${name}`, drop };
}

/** What every benchmark server gets: limits out of the way, quiet logs, a big trial. */
export const BENCH_ENV = {
  LOG_LEVEL: 'warn',
  RATE_LIMIT_LOGIN_PER_IP: '1000000',
  RATE_LIMIT_REGISTER_PER_IP: '1000000',
  TRIAL_MESSAGES: '1000000',
};

/**
 * The real server (`spawnServer`) on a fresh database; `env` adds to or overrides the
 * defaults below.
 */
export async function startServer(
  env: Record<string, string> = {},
  /** Receives each line the server logs (then not echoed); the default echoes them. */
  onLine?: (line: string) => void,
): Promise<BenchServer> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'chapar-bench-'));
  const database = await benchDatabase();
  const port = 3900 + Math.floor(Math.random() * 90);
  const dataDir = path.join(dir, 'data');
  const cleanUp = async () => {
    await database.drop();
    await rm(dir, { recursive: true, force: true });
  };
  const child = await spawnServer(
    { DATABASE_URL: database.url, PORT: String(port), DATA_DIR: dataDir, ...BENCH_ENV, ...env },
    onLine,
  ).catch(async (error) => {
    await cleanUp();
    throw error;
  });
  const stop = async () => {
    await child.stop();
    await cleanUp();
  };
  return { url: child.url, pid: child.pid, dbName: database.name, databaseUrl: database.url, dataDir, stop };
}

/**
 * Runs one benchmark: prints the machine, starts the server (`env`, `onLine` as for
 * `startServer`), runs `measure`, then stops the server; a failure prints it and exits 1.
 * `exitWhenDone` exits 0 at the end too, for clients whose sockets would keep the process up.
 */
export function runBenchmark(
  options: { env?: Record<string, string>; onLine?: (line: string) => void; exitWhenDone?: boolean },
  measure: (server: BenchServer, host: Record<string, string>) => Promise<void>,
): void {
  const main = async () => {
    const host = await machine();
    console.log(JSON.stringify(host));
    const server = await startServer(options.env, options.onLine);
    try {
      await measure(server, host);
    } finally {
      await server.stop();
    }
  };
  main().then(
    () => {
      if (options.exitWhenDone) process.exit(0);
    },
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}

/** Registers and signs in user number `n`; answers a client carrying its token. */
export async function signUp(url: string, n: number): Promise<{ client: ChaparClient; token: string }> {
  const email = `bench-${n}@example.com`;
  const password = 'bench-password';
  const anonymous = createChaparClient({ url });
  await anonymous.auth.register.mutate({
    name: `Bench ${n}`,
    email,
    phone: `0912${String(n).padStart(7, '0')}`,
    password,
  });
  const { token } = await anonymous.auth.login.mutate({ identifier: email, password });
  return { client: createChaparClient({ url, token }), token };
}

/** Creates and links `count` sandbox accounts for one user; answers their ids once all are READY. */
export async function linkedAccounts(client: ChaparClient, count: number, dailyLimit?: number) {
  const ids: number[] = [];
  for (let i = 0; i < count; i++) {
    const account = await client.whatsapp.create.mutate({ label: `Bench ${i + 1}`, driver: 'sandbox' });
    if (dailyLimit) await client.whatsapp.update.mutate({ id: account.id, dailyLimit });
    await client.whatsapp.connect.mutate({ id: account.id });
    ids.push(account.id);
  }
  const deadline = Date.now() + 60_000;
  for (;;) {
    const ready = (await client.whatsapp.list.query()).filter((a) => a.status === 'READY').length;
    if (ready >= count) return ids;
    if (Date.now() > deadline) throw new Error(`only ${ready} of ${count} accounts linked`);
    await sleep(100);
  }
}

export interface BenchAccount {
  client: ChaparClient;
  token: string;
  accountId: number;
}

/**
 * `accounts` linked sandbox accounts, `perUser` to each of `users` users (enough users by
 * default) signed up in turn; answers one entry per account, in order.
 */
export async function usersWithAccounts(
  url: string,
  options: { accounts: number; perUser: number; users?: number; dailyLimit?: number },
): Promise<BenchAccount[]> {
  const { accounts, perUser, dailyLimit } = options;
  const users = options.users ?? Math.ceil(accounts / perUser);
  const out: BenchAccount[] = [];
  for (let u = 0; u < users; u++) {
    const { client, token } = await signUp(url, u + 1);
    const ids = await linkedAccounts(client, Math.min(perUser, accounts - u * perUser), dailyLimit);
    for (const accountId of ids) out.push({ client, token, accountId });
  }
  return out;
}

type Interval = Parameters<ChaparClient['campaigns']['create']['mutate']>[0]['interval'];

/**
 * One draft campaign per entry of `on` (4 created at a time), titled `${title} ${index}`,
 * with `recipients` distinct recipients each; answers their ids in the order of `on`.
 */
export async function createCampaigns(
  on: Array<{ client: ChaparClient; accountId: number }>,
  title: string,
  interval: Interval,
  recipients: number,
): Promise<number[]> {
  const ids: number[] = [];
  await inParallel(on, 4, async ({ client, accountId }, c) => {
    const campaign = await client.campaigns.create.mutate({
      title: `${title} ${c}`,
      message: 'Salam {{name}}, this is message {Hi|Hello}.',
      interval,
      whatsappAccountId: accountId,
    });
    await client.campaigns.addRecipients.mutate({
      campaignId: campaign.id,
      recipients: Array.from({ length: recipients }, (_, i) => ({ phone: phoneOf(c, i), name: `R${i}` })),
    });
    ids[c] = campaign.id;
  });
  return ids;
}

/** Starts campaign `ids[i]` with the client of `on[i]`, 4 at a time. */
export async function startCampaigns(on: Array<{ client: ChaparClient }>, ids: number[]): Promise<void> {
  await inParallel(on, 4, async ({ client }, c) => {
    await client.campaigns.start.mutate({ id: ids[c]! });
  });
}

/** Runs `task` over `items` with at most `limit` at a time. */
export async function inParallel<T>(items: T[], limit: number, task: (item: T, i: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        await task(items[i]!, i);
      }
    }),
  );
}

/** Distinct valid mobile numbers: campaign `c`, recipient `i`. */
export const phoneOf = (c: number, i: number) => `09${String(10_000_000 + c * 10_000 + i).padStart(9, '0')}`;

/** User + system CPU seconds the process has used so far. */
export async function cpuSeconds(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may contain spaces) start at field 3.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ 100)
}

/** Resident memory now and at its peak, in MB. */
export async function memoryMb(pid: number): Promise<{ rss: number; peak: number }> {
  const s = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(s)?.[1] ?? 0);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

/** The server's Prometheus metrics as name{labels} → value. */
export async function scrape(url: string): Promise<Map<string, number>> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const values = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const space = line.lastIndexOf(' ');
    values.set(line.slice(0, space), Number(line.slice(space + 1)));
  }
  return values;
}

/** The p-th percentile (0–100) of numbers sorted ascending. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

/** The median, p90, p99 and maximum of numbers sorted ascending. */
export const quantiles = (sorted: number[]) => ({
  p50: percentile(sorted, 50),
  p90: percentile(sorted, 90),
  p99: percentile(sorted, 99),
  p100: sorted[sorted.length - 1] ?? Number.NaN,
});

export const ms = (n: number) => `${n < 10 ? n.toFixed(1) : n.toFixed(0)} ms`;

/** The database server's process id on this machine (for its CPU time), if it runs here. */
export async function databasePid(): Promise<number | null> {
  const { execFileSync } = await import('node:child_process');
  try {
    const out = execFileSync('pidof', ['mariadbd', 'mysqld'], { encoding: 'utf8' }).trim();
    return Number(out.split(/\s+/)[0]) || null;
  } catch {
    return null;
  }
}

/** Statement and commit counters of the database server (global, since it started). */
export async function databaseCounters(): Promise<Record<string, number>> {
  const c = await mysql.createConnection({ uri: DATABASE_SERVER });
  const [rows] = (await c.query(
    "SHOW GLOBAL STATUS WHERE Variable_name IN ('Questions','Com_select','Com_update','Com_commit','Innodb_rows_read','Innodb_data_fsyncs')",
  )) as unknown as [Array<{ Variable_name: string; Value: string }>];
  await c.end();
  return Object.fromEntries(rows.map((r) => [r.Variable_name, Number(r.Value)]));
}

/**
 * Starts reading the database server's CPU time and statement counters; `end(seconds, count)`
 * answers its CPU cores over `seconds` and its statements per unit of `count` since the start.
 */
export async function databaseMeter() {
  const pid = await databasePid();
  const cpu0 = pid ? await cpuSeconds(pid) : 0;
  const counters0 = await databaseCounters();
  return {
    async end(seconds: number, count: number) {
      const cpuCores = pid ? ((await cpuSeconds(pid)) - cpu0) / seconds : null;
      return { cpuCores, perMessage: perMessage(counters0, await databaseCounters(), count) };
    },
  };
}

/** What the database did between two readings, per message. */
export function perMessage(before: Record<string, number>, after: Record<string, number>, messages: number) {
  return Object.fromEntries(
    Object.keys(after).map((k) => [
      k,
      Math.round((10 * ((after[k] ?? 0) - (before[k] ?? 0))) / messages) / 10,
    ]),
  );
}

/** The machine, the load average now, then the benchmark's own figures, in that key order. */
export const results = (host: Record<string, string>, figures: Record<string, unknown>) => ({
  machine: host,
  loadAverageAtEnd: loadAverage(),
  ...figures,
});

/** Prints the results as indented JSON, then each table row (as in docs/benchmarks.md). */
export function printResults(result: object, ...rows: string[]): void {
  console.log(JSON.stringify(result, null, 2));
  for (const row of rows) console.log(row);
}
