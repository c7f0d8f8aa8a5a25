import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { accountLoginChunks, accountLogins, type Database, whatsappAccounts } from '@chapar/db';
import { and, eq, ne, sql } from 'drizzle-orm';
import type { Fence } from '../../cluster/leases';
import type { LoginStore } from './login-store';
import { packProfile, unpackProfile } from './profile-archive';

/** A chunk per row, well under MEDIUMBLOB's 16 MB and the server's default max_allowed_packet. */
export const LOGIN_CHUNK_BYTES = 4 * 1024 * 1024;

/** The backup was refused because this worker no longer owns the account's lease. */
export class LoginFenceError extends Error {}

/** The stored login is damaged or incomplete; it is not restored. */
export class LoginIntegrityError extends Error {}

export interface MysqlLoginStoreOptions {
  db: Database;
  /** Recorded as `saved_by`. */
  workerId: string;
  /**
   * This worker's current lease on the account (AccountLeases.fence). Given, a backup
   * becomes current only while the lease row still names that owner and epoch, so a
   * worker that lost the account cannot overwrite the new owner's login.
   */
  fence?: (accountId: number) => Fence | null;
}

/**
 * The database login store (LOGIN_STORE=mysql): the profile as a gzipped tar in
 * `account_login_chunks`, and `account_logins` naming the current version with its size
 * and SHA-256. A backup writes its chunks under a new version first and switches to it in
 * one transaction, so a half-written backup never becomes current and a restore (which
 * reads in one snapshot) always sees a whole one.
 */
export class MysqlLoginStore implements LoginStore {
  readonly kind = 'mysql';
  /** One backup per account at a time (after READY and the timer can meet). */
  private readonly backups = new Map<number, Promise<void>>();

  constructor(private readonly o: MysqlLoginStoreOptions) {}

  backup(accountId: number, dir: string): Promise<void> {
    const previous = this.backups.get(accountId) ?? Promise.resolve();
    const next = previous.catch(() => {}).then(() => this.backupNow(accountId, dir));
    // Settles either way: the caller gets the outcome from `next`.
    const tracked: Promise<void> = next
      .catch(() => {})
      .then(() => {
        if (this.backups.get(accountId) === tracked) this.backups.delete(accountId);
      });
    this.backups.set(accountId, tracked);
    return next;
  }

  private async backupNow(accountId: number, dir: string): Promise<void> {
    const fence = this.o.fence ? this.o.fence(accountId) : undefined;
    if (fence === null) throw new LoginFenceError(`This worker does not hold account ${accountId}'s lease`);
    const version = await this.nextVersion(accountId);
    // The first chunk's row claims the version: a backup elsewhere that picked the same
    // number fails on it, and must not then delete the chunks that are not its own.
    const claim = { owned: false };
    try {
      const written = await this.writeChunks(accountId, version, dir, claim);
      await this.switchTo(accountId, version, written, fence);
      await writeMarker(path.resolve(dir), { version, sha256: written.sha256 });
    } catch (error) {
      if (!claim.owned) throw error;
      await this.o.db
        .delete(accountLoginChunks)
        .where(and(eq(accountLoginChunks.accountId, accountId), eq(accountLoginChunks.version, version)))
        .catch(() => {});
      throw error;
    }
  }

  private async nextVersion(accountId: number): Promise<number> {
    const [row] = await this.o.db
      .select({
        last: sql<number>`GREATEST(
          COALESCE((SELECT MAX(version) FROM account_login_chunks WHERE account_id = ${accountId}), 0),
          COALESCE((SELECT version FROM account_logins WHERE account_id = ${accountId}), 0))`,
      })
      .from(sql`(SELECT 1) AS one`);
    return Number(row?.last ?? 0) + 1;
  }

  /** Streams the archive into rows of LOGIN_CHUNK_BYTES, hashing as it goes. */
  private async writeChunks(accountId: number, version: number, dir: string, claim: { owned: boolean }) {
    const hash = createHash('sha256');
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    let bytes = 0;
    let seq = 0;
    const flush = async (data: Buffer) => {
      await this.o.db.insert(accountLoginChunks).values({ accountId, version, seq: seq++, data });
      claim.owned = true;
    };
    for await (const part of packProfile(dir)) {
      const buffer = part as Buffer;
      hash.update(buffer);
      bytes += buffer.length;
      pending.push(buffer);
      pendingBytes += buffer.length;
      while (pendingBytes >= LOGIN_CHUNK_BYTES) {
        const all = Buffer.concat(pending);
        await flush(all.subarray(0, LOGIN_CHUNK_BYTES));
        pending = [all.subarray(LOGIN_CHUNK_BYTES)];
        pendingBytes = pending[0]!.length;
      }
    }
    if (pendingBytes > 0 || seq === 0) await flush(Buffer.concat(pending));
    return { bytes, sha256: hash.digest('hex'), chunks: seq };
  }

  private async switchTo(
    accountId: number,
    version: number,
    written: { bytes: number; sha256: string; chunks: number },
    fence: Fence | undefined,
  ): Promise<void> {
    await this.o.db.transaction(async (tx) => {
      const [lease] = await tx
        .select({ owner: whatsappAccounts.leaseOwner, epoch: whatsappAccounts.leaseEpoch })
        .from(whatsappAccounts)
        .where(eq(whatsappAccounts.id, accountId))
        .for('update');
      if (!lease) throw new LoginFenceError(`Account ${accountId} no longer exists`);
      if (fence && (lease.owner !== fence.owner || lease.epoch !== fence.epoch)) {
        throw new LoginFenceError(
          `Account ${accountId}'s lease moved (epoch ${lease.epoch}, this backup's ${fence.epoch}); backup discarded`,
        );
      }
      const current = { version, ...written, savedBy: this.o.workerId, updatedAt: new Date() };
      await tx
        .insert(accountLogins)
        .values({ accountId, ...current })
        .onDuplicateKeyUpdate({ set: current });
      await tx
        .delete(accountLoginChunks)
        .where(and(eq(accountLoginChunks.accountId, accountId), ne(accountLoginChunks.version, version)));
    });
  }

  /**
   * Replaces `dir` with the stored login, unless `dir` already grew from that very backup
   * (its marker names the current version): then it is newer than the copy, and rolling a
   * live profile back would lose whatever WhatsApp wrote since.
   */
  async restore(accountId: number, dir: string): Promise<boolean> {
    const target = path.resolve(dir);
    const staging = `${target}.restoring-${randomBytes(4).toString('hex')}`;
    const archive = `${staging}.tgz`;
    try {
      await mkdir(path.dirname(target), { recursive: true });
      const login = await this.download(accountId, archive, await readMarker(target));
      if (login === 'none') return false;
      if (login !== 'current') {
        await mkdir(staging, { recursive: true, mode: 0o700 });
        await unpackProfile(archive, staging);
        await rm(target, { recursive: true, force: true, maxRetries: 3 });
        await rename(staging, target);
        await writeMarker(target, login);
      }
      return true;
    } finally {
      await rm(staging, { recursive: true, force: true });
      await rm(archive, { force: true });
    }
  }

  /**
   * Writes the current version's archive to `file`, checked against its size and SHA-256;
   * 'current' when `marker` says the directory already holds it, 'none' when nothing is stored.
   */
  private async download(accountId: number, file: string, marker: string | undefined) {
    // One transaction: its snapshot keeps a backup switching meanwhile from mixing versions.
    return this.o.db.transaction(async (tx) => {
      const [login] = await tx.select().from(accountLogins).where(eq(accountLogins.accountId, accountId));
      if (!login) return 'none' as const;
      if (marker === markerOf(login)) return 'current' as const;
      const hash = createHash('sha256');
      let bytes = 0;
      await writeFile(file, '');
      for (let seq = 0; seq < login.chunks; seq++) {
        const [chunk] = await tx
          .select({ data: accountLoginChunks.data })
          .from(accountLoginChunks)
          .where(
            and(
              eq(accountLoginChunks.accountId, accountId),
              eq(accountLoginChunks.version, login.version),
              eq(accountLoginChunks.seq, seq),
            ),
          );
        if (!chunk) {
          throw new LoginIntegrityError(
            `The stored login of account ${accountId} is incomplete (part ${seq + 1} of ${login.chunks} is missing)`,
          );
        }
        hash.update(chunk.data);
        bytes += chunk.data.length;
        await writeFile(file, chunk.data, { flag: 'a' });
      }
      const sha256 = hash.digest('hex');
      if (bytes !== login.bytes || sha256 !== login.sha256) {
        throw new LoginIntegrityError(
          `The stored login of account ${accountId} is damaged (SHA-256 ${sha256.slice(0, 12)}…, expected ${login.sha256.slice(0, 12)}…); it was not restored`,
        );
      }
      return login;
    });
  }

  async forget(accountId: number): Promise<void> {
    // A backup still running here would otherwise bring the login back after it is deleted.
    await this.backups.get(accountId);
    await this.o.db.transaction(async (tx) => {
      await tx.delete(accountLogins).where(eq(accountLogins.accountId, accountId));
      await tx.delete(accountLoginChunks).where(eq(accountLoginChunks.accountId, accountId));
    });
  }
}

/**
 * `<dir>.login-version`: the stored version the directory was restored from or backed up
 * as. Beside the profile, not in it, so it is never archived itself.
 */
const markerPath = (dir: string) => `${dir}.login-version`;

function markerOf(login: { version: number; sha256: string }): string {
  return `${login.version}:${login.sha256}`;
}

async function readMarker(dir: string): Promise<string | undefined> {
  // Without the profile itself the marker means nothing.
  if (
    !(await stat(dir).then(
      (s) => s.isDirectory(),
      () => false,
    ))
  )
    return undefined;
  return readFile(markerPath(dir), 'utf8').then(
    (text) => text.trim(),
    () => undefined,
  );
}

async function writeMarker(dir: string, login: { version: number; sha256: string }) {
  await writeFile(markerPath(dir), markerOf(login));
}
