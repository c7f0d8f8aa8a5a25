import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { type ChaparClient, createChaparClient } from '@chapar/client';
import { campaigns, type Database, recipients } from '@chapar/db';
import { asc, eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { REPO_ROOT } from '../../src/env';
import { type LedgerEntry, readLedger, sandboxLedgerPath } from '../../src/whatsapp/sandbox-driver';

/** Helpers for tests that drive the real server as a child process. */
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** Phones distinct across campaigns, so a message sent through the wrong account shows. */
export function phonesFor(campaign: number, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `09121${campaign}${String(i).padStart(5, '0')}`);
}

export async function ledgerOf(dataDir: string, accountId: number): Promise<LedgerEntry[]> {
  const entries: LedgerEntry[] = [];
  for await (const entry of readLedger(sandboxLedgerPath(dataDir, accountId))) entries.push(entry);
  return entries;
}

/**
 * One user with `accounts` linked sandbox accounts and one started FIVE_SECONDS campaign
 * per account, each with `perCampaign` recipients from `phonesFor`.
 */
export async function startCampaigns(
  url: string,
  options: { accounts: number; perCampaign: number; name: string; email: string; password: string },
): Promise<{ client: ChaparClient; accountIds: number[]; campaignIds: number[] }> {
  const anonymous = createChaparClient({ url });
  await anonymous.auth.register.mutate({
    name: options.name,
    phone: '09121234567',
    email: options.email,
    password: options.password,
  });
  const { token } = await anonymous.auth.login.mutate({
    identifier: options.email,
    password: options.password,
  });
  const client = createChaparClient({ url, token });

  const accountIds: number[] = [];
  for (let i = 0; i < options.accounts; i++) {
    const account = await client.whatsapp.create.mutate({ label: `Sandbox ${i + 1}`, driver: 'sandbox' });
    await client.whatsapp.connect.mutate({ id: account.id });
    accountIds.push(account.id);
  }
  for (const id of accountIds) {
    const deadline = Date.now() + 10_000;
    while ((await client.whatsapp.get.query({ id })).status !== 'READY') {
      if (Date.now() > deadline) throw new Error(`account ${id} did not link`);
      await sleep(50);
    }
  }

  const campaignIds: number[] = [];
  for (const [i, accountId] of accountIds.entries()) {
    const campaign = await client.campaigns.create.mutate({
      title: `${options.name} ${i + 1}`,
      message: 'Salam {{name}}, this is a test message {Hi|Hello}.',
      interval: 'FIVE_SECONDS',
      whatsappAccountId: accountId,
    });
    await client.campaigns.addRecipients.mutate({
      campaignId: campaign.id,
      recipients: phonesFor(i, options.perCampaign).map((phone, j) => ({ phone, name: `C${i}R${j}` })),
    });
    campaignIds.push(campaign.id);
  }
  for (const id of campaignIds) await client.campaigns.start.mutate({ id });
  return { client, accountIds, campaignIds };
}

/**
 * The real server (`node --import tsx apps/server/src/main.ts`) as a child process. An exit
 * the test did not ask for (`kill`) is kept in `unexpectedExit`.
 */
export class ServerProcess {
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  private output = '';
  private stopping = false;
  starts = 0;
  unexpectedExit: { code: number | null; signal: NodeJS.Signals | null } | undefined;

  constructor(private readonly env: Record<string, string>) {}

  get url() {
    return `http://127.0.0.1:${this.env.PORT}`;
  }

  get alive() {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Spawns the server and waits until /healthz answers. */
  async start(timeoutMs = 30_000): Promise<void> {
    if (this.alive) throw new Error('server already running');
    this.starts++;
    this.stopping = false;
    this.output = '';
    const child = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    const keep = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString()).slice(-200_000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        if (!this.stopping) this.unexpectedExit = { code, signal };
        resolve();
      }),
    );
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (!this.alive) throw new Error(`server exited during start:\n${this.output}`);
      const ok = await fetch(`${this.url}/healthz`, { signal: AbortSignal.timeout(1_000) }).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return;
      await sleep(50);
    }
    throw new Error(`server did not answer /healthz within ${timeoutMs} ms:\n${this.output}`);
  }

  /** SIGKILL: no shutdown handler runs, sends in flight are cut off wherever they are. */
  async kill(): Promise<void> {
    this.stopping = true;
    if (this.alive) this.child!.kill('SIGKILL');
    await this.exited;
  }

  /** SIGSTOP / SIGCONT: a frozen process keeps its sockets and timers but runs nothing. */
  signal(signal: 'SIGSTOP' | 'SIGCONT'): void {
    if (this.alive) this.child!.kill(signal);
  }

  /** SIGTERM, then waits for the graceful exit; answers how it exited. */
  async terminate(): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    this.stopping = true;
    const child = this.child!;
    if (this.alive) child.kill('SIGTERM');
    await this.exited;
    return { code: child.exitCode, signal: child.signalCode };
  }

  /** The JSON of `/readyz` (a worker's carries `leases`); null when it does not answer. */
  async readyz(): Promise<{ ok: boolean; leases?: number[]; checks: Record<string, unknown> } | null> {
    return fetch(`${this.url}/readyz`, { signal: AbortSignal.timeout(2_000) }).then(
      (r) => r.json() as Promise<{ ok: boolean; leases?: number[]; checks: Record<string, unknown> }>,
      () => null,
    );
  }

  /** Synchronous last resort for the `exit` hook (the test runner dying under us). */
  killNow(): void {
    this.stopping = true;
    if (this.alive) this.child!.kill('SIGKILL');
  }

  /** The last 200 kB of its output (since its latest start). */
  get log() {
    return this.output;
  }
}

const SENT_STATES = ['SENT', 'DELIVERED', 'READ'];
const FINAL_STATES = ['SENT', 'DELIVERED', 'READ', 'FAILED', 'SKIPPED'];

/**
 * The end state of a campaign after faults, against the account's sandbox ledger (the
 * independent record of what went out): every recipient present and final, nobody sent
 * twice or dropped, each sent row in the ledger with its message id, and counters equal to
 * the rows. Answers a one-line summary for the test's report.
 */
export async function expectCampaignMatchesLedger(
  db: Database,
  dataDir: string,
  ids: { campaignId: number; accountId: number },
  perCampaign: number,
): Promise<string> {
  const { campaignId, accountId } = ids;
  const rows = await db
    .select()
    .from(recipients)
    .where(eq(recipients.campaignId, campaignId))
    .orderBy(asc(recipients.id));
  const [campaign] = await db.select().from(campaigns).where(eq(campaigns.id, campaignId));
  const ledger = await ledgerOf(dataDir, accountId);
  const byStatus = (...statuses: string[]) => rows.filter((r) => statuses.includes(r.status));

  // Everybody is there, nobody left in the queue or mid-send.
  expect(rows).toHaveLength(perCampaign);
  expect(rows.filter((r) => !FINAL_STATES.includes(r.status)).map((r) => [r.id, r.status])).toEqual([]);

  // The ledger: each phone and each recipient at most once, each entry one of this campaign's rows.
  expect(new Set(ledger.map((e) => e.to)).size).toBe(ledger.length);
  expect(new Set(ledger.map((e) => e.ref)).size).toBe(ledger.length);
  const rowById = new Map(rows.map((r) => [r.id, r]));
  for (const entry of ledger) {
    const row = rowById.get(Number(entry.ref.slice(1)));
    expect(row, `ledger entry ${entry.ref} belongs to campaign ${campaignId}`).toBeDefined();
    expect(entry.to).toBe(row!.phone);
  }

  // Exactly the SENT/DELIVERED/READ rows are in the ledger, with the same message ids.
  const sent = byStatus(...SENT_STATES);
  const ledgerByRef = new Map(ledger.map((e) => [e.ref, e]));
  for (const row of sent) {
    expect(ledgerByRef.get(`r${row.id}`)?.messageId, `recipient ${row.id}`).toBe(row.whatsappMessageId);
  }
  const failed = byStatus('FAILED');
  const skipped = byStatus('SKIPPED');
  // A FAILED row is only acceptable as "unknown outcome", and the sandbox always knows.
  for (const row of failed) expect(row.error).toMatch(/cannot be known whether it went out/);
  expect(failed.map((r) => ({ id: r.id, error: r.error }))).toEqual([]);
  expect(skipped).toEqual([]);
  expect(ledger).toHaveLength(sent.length);
  expect(sent).toHaveLength(perCampaign);

  // Counters equal the rows behind them.
  expect(campaign).toMatchObject({
    status: 'COMPLETED',
    sentCount: sent.length,
    deliveredCount: byStatus('DELIVERED', 'READ').length,
    readCount: byStatus('READ').length,
    failedCount: failed.length,
    skippedCount: skipped.length,
  });
  return `campaign ${campaignId}: ${sent.length} sent (${byStatus('SENT').length} SENT, ${byStatus('DELIVERED').length} DELIVERED, ${byStatus('READ').length} READ), ledger ${ledger.length}`;
}
