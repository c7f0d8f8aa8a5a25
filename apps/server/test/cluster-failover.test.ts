import { afterEach, describe, expect, it } from 'vitest';
import { Cluster, eventually } from './support/cluster';
import { expectCampaignMatchesLedger, ledgerOf, startCampaigns } from './support/spawned-server';

/*
 * DESIGN.md, "Scale-out", the way an operator meets it: one API and three workers as real
 * processes over one MariaDB, one Redis (under a prefix of this run) and one data
 * directory. Sandbox accounts send FIVE_SECONDS campaigns; a worker is killed, frozen or
 * stopped; the sandbox ledger (which worker sent what, when) and the tables decide.
 *
 * Jitter is off so that the floor asserted here is exactly the interval (the jitter rule
 * has tests of its own); the lease is the default 25 s.
 */

const ACCOUNTS = 6;
const PER_CAMPAIGN = 6;
const INTERVAL_MS = 5_000;
// Attempt times are taken a few ms after the send's due time; never more than this early.
const GAP_TOLERANCE_MS = 50;

let cluster: Cluster | undefined;
const killOnExit = () => cluster?.killNow();
process.once('exit', killOnExit);

afterEach(async () => {
  await cluster?.stop();
  cluster = undefined;
});

async function runningCluster(name: string) {
  cluster = await Cluster.start({ workers: 3, env: { PACING_JITTER: '0' } });
  const started = await startCampaigns(cluster.api.url, {
    accounts: ACCOUNTS,
    perCampaign: PER_CAMPAIGN,
    name,
    email: `${name}@example.com`,
    password: 'correct horse battery staple',
  });
  // Every account has an owner that has sent at least once.
  await eventually('every account sending', 30_000, async () => {
    for (const id of started.accountIds)
      if ((await ledgerOf(cluster!.dataDir, id)).length === 0) return false;
    return true;
  });
  return started;
}

/** Every campaign final and matching its ledger; no account ever sent faster than its interval. */
async function expectCleanFinish(c: Cluster, accountIds: number[], campaignIds: number[]) {
  await c.waitForCompletion(campaignIds, 150_000);
  for (const [i, campaignId] of campaignIds.entries()) {
    await expectCampaignMatchesLedger(
      c.db,
      c.dataDir,
      { campaignId, accountId: accountIds[i]! },
      PER_CAMPAIGN,
    );
  }
  for (const accountId of accountIds) {
    const gaps = await c.sendGaps(accountId);
    expect(Math.min(...gaps), `account ${accountId} gaps ${gaps.join(', ')}`).toBeGreaterThanOrEqual(
      INTERVAL_MS - GAP_TOLERANCE_MS,
    );
  }
}

describe('workers over one database and Redis (real processes)', () => {
  it('SIGKILL: the dead worker’s accounts send again on others within 45 s, nobody twice', async () => {
    const { accountIds, campaignIds } = await runningCluster('kill');
    const c = cluster!;
    const { worker: victim, leases } = await c.busiestWorker();
    expect(leases.length).toBeGreaterThan(0);
    const victimId = c.idOf(victim);
    const killedAt = Date.now();
    await victim.kill();

    for (const accountId of leases) {
      const entry = await eventually(`account ${accountId} sending again`, 45_000, () =>
        c.sentElsewhereAfter(accountId, killedAt, victimId),
      );
      expect(Date.parse(entry!.at) - killedAt).toBeLessThan(45_000);
    }
    const owners = await c.owners();
    for (const accountId of leases) expect(owners.get(accountId)).not.toBe(victimId);
    await expectCleanFinish(c, accountIds, campaignIds);
  }, 300_000);

  it('SIGSTOP past the lease: the others take over, and once thawed it sends nothing for what it lost', async () => {
    const { accountIds, campaignIds } = await runningCluster('freeze');
    const c = cluster!;
    const { worker: victim, leases } = await c.busiestWorker();
    const victimId = c.idOf(victim);
    const frozenAt = Date.now();
    victim.signal('SIGSTOP');
    await eventually('frozen worker’s accounts taken over', 45_000, async () => {
      const owners = await c.owners();
      return leases.every((id) => owners.get(id) !== undefined && owners.get(id) !== victimId);
    });
    victim.signal('SIGCONT');
    // It wakes with timers overdue and a pacing wait over: exactly when a stale owner would
    // send. Its first heartbeat finds the leases gone and drops them (the ledger below
    // decides whether anything went out meanwhile).
    await eventually('thawed worker holding nothing', 15_000, async () => {
      const leasesNow = (await victim.readyz())?.leases;
      return leasesNow !== undefined && leasesNow.length === 0;
    });

    await expectCleanFinish(c, accountIds, campaignIds);
    for (const accountId of leases) {
      const late = (await ledgerOf(c.dataDir, accountId)).filter(
        (e) => e.worker === victimId && Date.parse(e.at) > frozenAt,
      );
      expect(late, `account ${accountId}`).toEqual([]);
    }
  }, 300_000);

  it('SIGTERM: the worker hands its accounts over within 5 s and exits cleanly', async () => {
    const { accountIds, campaignIds } = await runningCluster('term');
    const c = cluster!;
    const { worker: victim, leases } = await c.busiestWorker();
    const victimId = c.idOf(victim);
    const stoppedAt = Date.now();
    const exited = victim.terminate();
    await eventually('accounts of the stopped worker owned elsewhere', 5_000, async () => {
      const owners = await c.owners();
      return leases.every((id) => owners.get(id) !== undefined && owners.get(id) !== victimId);
    });
    expect(await exited).toEqual({ code: 0, signal: null });
    for (const accountId of leases) {
      await eventually(`account ${accountId} sending again`, 15_000, () =>
        c.sentElsewhereAfter(accountId, stoppedAt, victimId),
      );
    }
    await expectCleanFinish(c, accountIds, campaignIds);
  }, 300_000);
});
