/**
 * Memory of the Chromium a real (whatsapp-web.js) account costs, for docs/scale.md.
 *
 *   npx tsx scripts/bench/browser-memory.ts [--browsers 4] [--url http://…]
 *
 * Starts `browsers` system Chromiums with the flags and one profile each, exactly as the
 * wwebjs driver starts them (apps/server/src/whatsapp/wwebjs/client-options.ts), opens one
 * page in each at `url` (default: a blank page; these machines cannot reach WhatsApp Web,
 * whose page is far heavier, so the figure is a floor), waits 15 s and sums, per browser,
 * the RSS and the PSS (shared pages divided among the processes that share them) of its
 * whole process tree. Reference, same run: the sandbox driver costs nothing beyond its
 * worker (see scale.ts).
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
// whatsapp-web.js's own puppeteer (hoisted by npm workspaces), the one the driver runs.
import puppeteer from 'puppeteer';
import { CHROMIUM_ARGS } from '../../apps/server/src/whatsapp/wwebjs/client-options';
import { machine, printResults, results, sleep } from './support';

const { values: args } = parseArgs({
  options: { browsers: { type: 'string', default: '4' }, url: { type: 'string', default: 'about:blank' } },
});
const BROWSERS = Number(args.browsers);
const CHROME = process.env.CHROME_PATH ?? '/usr/bin/chromium';

/** Parent pid of every process, to walk a browser's tree. */
async function parents(): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (fields[1]) out.set(Number(entry), Number(fields[1]));
  }
  return out;
}

function tree(root: number, parentOf: Map<number, number>): number[] {
  const pids = [root];
  for (let i = 0; i < pids.length; i++) {
    for (const [pid, parent] of parentOf) if (parent === pids[i]) pids.push(pid);
  }
  return pids;
}

/** RSS and PSS of one process in MB (0 when it has gone). */
async function memoryOf(pid: number): Promise<{ rss: number; pss: number }> {
  const text = await readFile(`/proc/${pid}/smaps_rollup`, 'utf8').catch(() => '');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(text)?.[1] ?? 0);
  return { rss: kb('Rss') / 1024, pss: kb('Pss') / 1024 };
}

async function main() {
  const host = await machine();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'chapar-browsers-'));
  const browsers = [];
  try {
    for (let i = 0; i < BROWSERS; i++) {
      const browser = await puppeteer.launch({
        executablePath: CHROME,
        headless: true,
        args: [...CHROMIUM_ARGS],
        userDataDir: path.join(dir, `account-${i + 1}`),
      });
      const page = await browser.newPage();
      await page.goto(args.url, { waitUntil: 'load', timeout: 60_000 });
      browsers.push(browser);
    }
    await sleep(15_000);
    const parentOf = await parents();
    const each: Array<{ processes: number; rssMb: number; pssMb: number }> = [];
    for (const browser of browsers) {
      const pids = tree(browser.process()!.pid!, parentOf);
      const parts = await Promise.all(pids.map(memoryOf));
      each.push({
        processes: pids.length,
        rssMb: parts.reduce((s, p) => s + p.rss, 0),
        pssMb: parts.reduce((s, p) => s + p.pss, 0),
      });
    }
    const mean = (k: 'rssMb' | 'pssMb') => each.reduce((s, b) => s + b[k], 0) / each.length;
    printResults(
      results(host, { url: args.url, browsers: each, meanRssMb: mean('rssMb'), meanPssMb: mean('pssMb') }),
      `| ${BROWSERS} Chromiums on ${args.url} | ${mean('rssMb').toFixed(0)} MB RSS | ${mean('pssMb').toFixed(0)} MB PSS |`,
    );
  } finally {
    await Promise.all(browsers.map((b) => b.close()));
    await rm(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
