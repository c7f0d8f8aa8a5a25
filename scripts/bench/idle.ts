/**
 * Idle memory: `npm start` on a fresh database with no accounts, left alone for a while,
 * then the resident memory of every process it runs (npm itself included). The reference
 * in the same run is the server as it ran before it was compiled: `node --import tsx
 * apps/server/src/main.ts` with no heap flags, read the same way.
 *
 *   npx tsx scripts/bench/idle.ts [--settle 20]
 *
 * RSS counts pages shared between processes (the node binary) in each of them; PSS (from
 * /proc/<pid>/smaps_rollup) splits them, so the PSS sum is what the processes cost together.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { BENCH_ENV, benchDatabase, machine, printResults, ROOT, results, sleep } from './support';

const { values } = parseArgs({ options: { settle: { type: 'string', default: '20' } } });
const SETTLE_MS = Number(values.settle) * 1000;

interface ProcessMemory {
  pid: number;
  command: string;
  rssMb: number;
  pssMb: number;
}

async function processMemory(pid: number): Promise<ProcessMemory> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const rollup = await readFile(`/proc/${pid}/smaps_rollup`, 'utf8');
  const kb = (text: string, field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(text)?.[1] ?? 0);
  const command = (await readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0').filter(Boolean).join(' ');
  return {
    pid,
    command: command.slice(0, 80),
    rssMb: kb(status, 'VmRSS') / 1024,
    pssMb: kb(rollup, 'Pss') / 1024,
  };
}

/** `pid` and every process below it (Linux /proc). */
async function tree(pid: number): Promise<number[]> {
  const children = new Map<number, number[]>();
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => null);
    if (!stat) continue;
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
  }
  const found = [pid];
  for (let i = 0; i < found.length; i++) found.push(...(children.get(found[i]!) ?? []));
  return found;
}

async function measure(label: string, command: string, args: string[]) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'chapar-idle-'));
  const database = await benchDatabase();
  const port = 3900 + Math.floor(Math.random() * 90);
  const child: ChildProcess = spawn(command, args, {
    cwd: ROOT,
    env: {
      ...process.env,
      ...BENCH_ENV,
      DATABASE_URL: database.url,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: path.join(dir, 'data'),
      SMS_PROVIDER: 'log',
      EMAIL_PROVIDER: 'log',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise((r) => child.once('exit', r));
  try {
    const started = Date.now();
    while (
      !(await fetch(`http://127.0.0.1:${port}/healthz`).then(
        (r) => r.ok,
        () => false,
      ))
    ) {
      if (Date.now() - started > 120_000 || child.exitCode !== null)
        throw new Error(`${label} did not start`);
      await sleep(200);
    }
    const ready = Date.now() - started;
    await sleep(SETTLE_MS);
    const processes = await Promise.all((await tree(child.pid!)).map(processMemory));
    const sum = (key: 'rssMb' | 'pssMb') => processes.reduce((total, p) => total + p[key], 0);
    return { label, readyMs: ready, rssMb: sum('rssMb'), pssMb: sum('pssMb'), processes };
  } finally {
    child.kill('SIGTERM');
    await exited;
    await database.drop();
    await rm(dir, { recursive: true, force: true });
  }
}

const host = await machine();
console.log(JSON.stringify(host));
// The build is not part of the measurement: the server and the web app are built first.
const build = spawn('npx', ['turbo', 'run', 'build', '--filter=@chapar/server', '--filter=@chapar/web'], {
  cwd: ROOT,
  stdio: 'inherit',
});
await new Promise((r) => build.once('exit', r));
const reference = await measure('tsx, no heap flags (before)', process.execPath, [
  '--import',
  'tsx',
  'apps/server/src/main.ts',
]);
const compiled = await measure('npm start (compiled)', 'npm', ['start']);
const mb = (n: number) => `${n.toFixed(0)} MB`;
const row = (m: typeof compiled) =>
  `| ${m.label} | ${m.processes.length} | ${m.processes.map((p) => mb(p.rssMb)).join(' + ')} | **${mb(m.rssMb)}** | ${mb(m.pssMb)} | ${(m.readyMs / 1000).toFixed(1)} s |`;
printResults(
  results(host, { settleSeconds: SETTLE_MS / 1000, reference, compiled }),
  '| run | processes | RSS each | RSS sum | PSS sum | start to /healthz |',
  row(reference),
  row(compiled),
);
