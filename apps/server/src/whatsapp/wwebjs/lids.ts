import { appendFile, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { type Database, whatsappLids } from '@chapar/db';
import { eq, sql } from 'drizzle-orm';

/** Where one account's LID → phone pairs are kept. */
export interface LidStorage {
  load(): Promise<Array<{ lid: string; phone: string }>>;
  save(lid: string, phone: string): Promise<void>;
}

/**
 * The `whatsapp_lids` table (the server's choice): the pairs follow the account to
 * whichever worker holds it, on any machine.
 */
export function mysqlLidStorage(db: Database, accountId: number): LidStorage {
  return {
    load: () =>
      db
        .select({ lid: whatsappLids.lid, phone: whatsappLids.phone })
        .from(whatsappLids)
        .where(eq(whatsappLids.accountId, accountId)),
    async save(lid, phone) {
      await db
        .insert(whatsappLids)
        .values({ accountId, lid, phone, createdAt: new Date() })
        .onDuplicateKeyUpdate({ set: { phone: sql`VALUES(phone)` } });
    },
  };
}

/** One JSON line per pair in a file (a driver built without a database: its unit tests). */
export function fileLidStorage(file: string): LidStorage {
  let writes: Promise<unknown> = Promise.resolve();
  return {
    async load() {
      const text = await readFile(file, 'utf8').catch(() => '');
      const pairs: Array<{ lid: string; phone: string }> = [];
      for (const raw of text.split('\n')) {
        try {
          const { lid, phone } = JSON.parse(raw) as { lid?: unknown; phone?: unknown };
          if (typeof lid === 'string' && typeof phone === 'string') pairs.push({ lid, phone });
        } catch {
          // a torn last line
        }
      }
      return pairs;
    },
    save(lid, phone) {
      writes = writes.then(async () => {
        await mkdir(path.dirname(file), { recursive: true });
        await appendFile(file, `${JSON.stringify({ lid, phone })}\n`);
      });
      return writes as Promise<void>;
    },
  };
}

/**
 * Which phone number each private LID (`…@lid`) stands for, learned when we send to the
 * number. A reply from a LID can then be matched to its recipient even when WhatsApp Web
 * will not say. Loaded once per session from its storage, then kept in memory.
 */
export class LidDirectory {
  private map: Map<string, string> | undefined;
  private loading: Promise<Map<string, string>> | undefined;
  /** Phones whose LID is known (once loaded): the send path asks WhatsApp only for the others. */
  private readonly phones = new Set<string>();

  constructor(private readonly storage: LidStorage) {}

  /** '+98912…' for `lid` ('…@lid'), when known. */
  async phoneOf(lid: string): Promise<string | undefined> {
    return (await this.load()).get(lid);
  }

  /** False until loaded (asking again then is harmless). */
  knowsPhone(phone: string): boolean {
    return this.phones.has(phone);
  }

  async remember(lid: string, phone: string): Promise<void> {
    const map = await this.load();
    if (map.get(lid) === phone) return;
    map.set(lid, phone);
    this.phones.add(phone);
    await this.storage.save(lid, phone);
  }

  private load(): Promise<Map<string, string>> {
    if (this.map) return Promise.resolve(this.map);
    this.loading ??= this.storage.load().then(
      (pairs) => {
        const map = new Map<string, string>();
        for (const { lid, phone } of pairs) {
          map.set(lid, phone);
          this.phones.add(phone);
        }
        this.map = map;
        return map;
      },
      (error: unknown) => {
        // Not cached: the next reply or send asks the storage again.
        this.loading = undefined;
        throw error;
      },
    );
    return this.loading;
  }
}
