import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SandboxDriver } from './sandbox-driver';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function driver(sharedDataDir: boolean) {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'chapar-sandbox-unit-'));
  dirs.push(dataDir);
  return new SandboxDriver(3, {
    dataDir,
    sharedDataDir,
    linkDelayMs: 0,
    sendLatencyMs: 0,
    deliveryDelayMs: 10_000,
    readDelayMs: 10_000,
    failureRate: 0,
  });
}

describe('SandboxDriver.lookupSent', () => {
  const attempt = (byAnotherWorker: boolean) => ({ attemptedAt: new Date(), byAnotherWorker });

  it('on a shared DATA_DIR the ledger is the whole truth', async () => {
    const d = await driver(true);
    await expect(d.lookupSent('r1', '+989120000001', attempt(true))).resolves.toEqual({ sent: false });
  });

  it('on a disk of its own, a send another worker claimed is unknown, its own claims are not', async () => {
    const d = await driver(false);
    await expect(d.lookupSent('r1', '+989120000001', attempt(true))).resolves.toEqual({ sent: 'unknown' });
    await expect(d.lookupSent('r1', '+989120000001', attempt(false))).resolves.toEqual({ sent: false });
  });
});
