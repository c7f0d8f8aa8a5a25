/**
 * Memory of the import pipeline alone (parser → validation → batches, no HTTP, no
 * database), to separate what the parser holds from what the server around it holds.
 *
 *   node --expose-gc --import tsx scripts/bench/import-pipeline-memory.ts [rows=1000000]
 */

import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { importRecipientFile } from '../../apps/server/src/import/index';

const ROWS = Number(process.argv[2] ?? 1_000_000);
const mb = (n: number) => Math.round(n / 1048576);

async function main() {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'chapar-mem-'));
  const file = path.join(dir, 'recipients.csv');
  const out = createWriteStream(file);
  out.write('phone,name,city,plan\n');
  for (let i = 0; i < ROWS; i++) {
    if (!out.write(`0912${String(i).padStart(7, '0')},Customer ${i},City ${i % 31},plan-${i % 3}\n`))
      await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const start = process.memoryUsage().rss;
  let peak = start;
  let rows = 0;
  for await (const batch of importRecipientFile(createReadStream(file), {
    defaultCountry: 'IR',
    batchSize: 2000,
  })) {
    rows += batch.recipients.length;
    if (rows % 100_000 < 2000) {
      gc?.();
      peak = Math.max(peak, process.memoryUsage().rss);
    }
  }
  console.log(
    `${rows} rows: RSS ${mb(start)} MB before, ${mb(peak)} MB peak (live set after GC${gc ? '' : ' — run with --expose-gc'})`,
  );
  await rm(dir, { recursive: true, force: true });
}

main();
