/**
 * Import benchmark (issue: recipients at scale).
 *
 *   npx tsx scripts/bench/import.ts [rows=1000000]
 *
 * Generates a CSV (phone, name, two extra columns; 2% invalid, 2% duplicates), starts the
 * real server as a child process on a fresh database, imports the file into a campaign
 * through the typed client, and reads the server's peak RSS (VmHWM). As the physical
 * reference it loads the same file with LOAD DATA LOCAL INFILE into a bare table on the
 * same MariaDB. Prints a Markdown row for docs/benchmarks.md.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createChaparClient } from '@chapar/client';
import mysql from 'mysql2/promise';
import { serverCommand } from './support';

const ROWS = Number(process.argv[2] ?? 1_000_000);
const SERVER = process.env.TEST_DATABASE_SERVER ?? 'mysql://root@127.0.0.1:3306';
const root = fileURLToPath(new URL('../../', import.meta.url));

async function generateCsv(file: string, rows: number) {
  const out = createWriteStream(file);
  const write = (s: string) =>
    out.write(s) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r()));
  await write('phone,name,city,plan\n');
  for (let i = 0; i < rows; i++) {
    const r = i % 50;
    let phone: string;
    if (r === 0)
      phone = `12${i}`; // 2% invalid
    else if (r === 1 && i > 50)
      phone = `0912${String(i - 2).padStart(7, '0')}`; // 2% duplicates of an earlier row
    else phone = `0912${String(i).padStart(7, '0')}`;
    await write(`${phone},Customer ${i},City ${i % 31},plan-${i % 3}\n`);
  }
  await new Promise<void>((resolve) => out.end(resolve));
}

function peakRssMb(pid: number): Promise<number> {
  return readFile(`/proc/${pid}/status`, 'utf8').then(
    (s) => Number(/VmHWM:\s+(\d+)/.exec(s)?.[1] ?? 0) / 1024,
  );
}

async function loadDataReference(file: string, dbName: string): Promise<number> {
  const c = await mysql.createConnection({
    uri: `${SERVER}/${dbName}`,
    infileStreamFactory: (p: string) => createReadStream(p),
  });
  await c.query(
    'CREATE TABLE ref_recipients (id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY, phone VARCHAR(32), name VARCHAR(255), city VARCHAR(255), plan VARCHAR(255))',
  );
  const t0 = performance.now();
  await c.query({
    sql: `LOAD DATA LOCAL INFILE ? INTO TABLE ref_recipients FIELDS TERMINATED BY ',' LINES TERMINATED BY '\\n' IGNORE 1 LINES (phone, name, city, plan)`,
    values: [file],
  });
  const ms = performance.now() - t0;
  await c.end();
  return ms;
}

async function main() {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'chapar-bench-'));
  const dbName = `chapar_bench_${randomBytes(4).toString('hex')}`;
  const file = path.join(dir, 'recipients.csv');
  console.log(`generating ${ROWS} rows…`);
  await generateCsv(file, ROWS);
  const size = (await stat(file)).size;

  const port = 3900 + Math.floor(Math.random() * 90);
  const server = spawn(process.execPath, serverCommand(), {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: `${SERVER}/${dbName}`,
      PORT: String(port),
      DATA_DIR: path.join(dir, 'data'),
      LOG_LEVEL: 'warn',
      IMPORT_MAX_ROWS: String(ROWS + 10),
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  try {
    const url = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 100; i++) {
      if (
        await fetch(`${url}/healthz`).then(
          (r) => r.ok,
          () => false,
        )
      )
        break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const anon = createChaparClient({ url });
    await anon.auth.register.mutate({
      name: 'Bench',
      email: 'bench@example.com',
      phone: '09120000000',
      password: 'bench-password',
    });
    const { token } = await anon.auth.login.mutate({
      identifier: 'bench@example.com',
      password: 'bench-password',
    });
    const client = createChaparClient({ url, token });
    const account = await client.whatsapp.create.mutate({ label: 'bench', driver: 'sandbox' });
    const campaign = await client.campaigns.create.mutate({
      message: 'Hi {{name}}',
      whatsappAccountId: account.id,
    });
    const rssBefore = await peakRssMb(server.pid!);

    const form = new FormData();
    form.set('campaignId', String(campaign.id));
    form.set('file', new Blob([await readFile(file)]), 'recipients.csv');
    const t0 = performance.now();
    const report = await client.campaigns.importRecipients.mutate(form);
    const importMs = performance.now() - t0;
    const peak = await peakRssMb(server.pid!);

    const loadMs = await loadDataReference(file, dbName);
    const ratio = importMs / loadMs;
    console.log(
      JSON.stringify(
        {
          rows: ROWS,
          bytes: size,
          report: { ...report, rejected: undefined },
          importMs,
          loadMs,
          ratio,
          rssBefore,
          peak,
        },
        null,
        2,
      ),
    );
    console.log(
      `| ${ROWS.toLocaleString('en')} rows (${(size / 1048576).toFixed(1)} MB) | ${(importMs / 1000).toFixed(1)} s | ${(loadMs / 1000).toFixed(1)} s | ${ratio.toFixed(2)}× | ${peak.toFixed(0)} MB |`,
    );
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    const c = await mysql.createConnection({ uri: SERVER });
    await c.query(`DROP DATABASE IF EXISTS \`${dbName}\``);
    await c.end();
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
