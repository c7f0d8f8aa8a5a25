/**
 * How an import's validated rows reach `recipients`, inside the import's transaction.
 *
 * Preferred: `LOAD DATA LOCAL INFILE` of the rows, as they are parsed, into a temporary
 * staging table, then one `INSERT IGNORE … SELECT` into `recipients` (the unique (campaign,
 * phone) index drops the numbers the campaign already has). MariaDB's bulk loader takes a
 * row for a fraction of what a multi-row INSERT costs, and the one INSERT … SELECT moves them
 * without a round trip per batch. mysql2 answers the server's file request with the stream
 * from `infileStreamFactory`, whatever file name the server asks for, so no file on this
 * machine is ever read. Where the server refuses LOCAL INFILE (`local_infile=0`), rows go
 * in as multi-row `INSERT IGNORE`s of one batch each (`insertRecipientRows`, as a pasted list
 * does), one in flight while the next parses.
 *
 * Both leave nothing behind on failure: the caller's transaction rolls back, and the staging
 * table (per connection) is dropped in any case.
 */
import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import type { Database } from '@chapar/db';
import type { ImportedRecipient } from '../import/index';
import { insertRecipientRows } from './campaign-recipients';

type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];

export interface RecipientWriter {
  /** Queues rows; resolves when the writer can take more. */
  write(rows: readonly ImportedRecipient[]): Promise<void>;
  /** Stores what was written: answers how many rows were given and how many were new. */
  finish(): Promise<{ written: number; added: number }>;
  /** Stops after a failure (the transaction is rolled back by the caller). */
  abort(): Promise<void>;
}

interface RawConnection {
  query(options: {
    sql: string;
    values?: unknown[];
    infileStreamFactory?: () => NodeJS.ReadableStream;
  }): Promise<[unknown, unknown]>;
}

/** The mysql2 connection under a Drizzle transaction (Drizzle has no LOAD DATA of its own). */
function connectionOf(tx: Transaction): RawConnection {
  return (tx as unknown as { session: { client: RawConnection } }).session.client;
}

const affectedRows = (result: unknown) => (result as { affectedRows: number }).affectedRows;

const STAGING = 'recipient_import_staging';

/** A row as LOAD DATA reads it: tab-separated, `\N` for NULL, backslash escapes. */
function stagingLine(row: ImportedRecipient): string {
  const field = (value: string | null) =>
    value === null
      ? '\\N'
      : value.replace(/[\\\t\n\r\0]/g, (c) =>
          c === '\0' ? '\\0' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : c === '\r' ? '\\r' : '\\\\',
        );
  return `${row.phone}\t${field(row.name)}\t${field(row.variables ? JSON.stringify(row.variables) : null)}\n`;
}

/** The writer for this transaction's connection: staged LOAD DATA when the server allows it. */
export async function recipientWriter(tx: Transaction, campaignId: number): Promise<RecipientWriter> {
  const connection = connectionOf(tx);
  const [rows] = await connection.query({ sql: 'SELECT @@local_infile AS allowed' });
  const allowed = Number((rows as Array<{ allowed: unknown }>)[0]?.allowed) === 1;
  return allowed ? stagedLoad(tx, campaignId) : batchedInserts(tx, campaignId);
}

/** LOAD DATA into a staging table, then one INSERT IGNORE … SELECT (exported for its test). */
export async function stagedLoad(tx: Transaction, campaignId: number): Promise<RecipientWriter> {
  const connection = connectionOf(tx);
  await connection.query({ sql: `DROP TEMPORARY TABLE IF EXISTS ${STAGING}` });
  await connection.query({
    sql: `CREATE TEMPORARY TABLE ${STAGING} (seq INT UNSIGNED AUTO_INCREMENT PRIMARY KEY, phone VARCHAR(32) NOT NULL, name VARCHAR(255) NULL, variables LONGTEXT NULL) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
  });
  const drop = () => connection.query({ sql: `DROP TEMPORARY TABLE IF EXISTS ${STAGING}` });
  const stream = new PassThrough();
  let written = 0;
  // The load runs while rows are written: MariaDB reads the stream as the file is parsed.
  const load = connection.query({
    sql: `LOAD DATA LOCAL INFILE 'recipients.tsv' INTO TABLE ${STAGING} CHARACTER SET utf8mb4 FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\' LINES TERMINATED BY '\\n' (phone, name, variables)`,
    infileStreamFactory: () => stream,
  });
  load.catch(() => {}); // awaited in finish() or abort()
  const loadFailed = load.then(
    () => new Promise<never>(() => {}),
    (error: unknown) => Promise.reject(error),
  );
  loadFailed.catch(() => {});
  return {
    async write(rows) {
      if (rows.length === 0) return;
      written += rows.length;
      let text = '';
      for (const row of rows) text += stagingLine(row);
      if (!stream.write(text)) await Promise.race([once(stream, 'drain'), loadFailed]);
    },
    async finish() {
      stream.end();
      try {
        await load;
        const [inserted] = await connection.query({
          sql: `INSERT IGNORE INTO recipients (campaign_id, phone, name, variables, status) SELECT ?, phone, name, variables, 'PENDING' FROM ${STAGING} ORDER BY seq`,
          values: [campaignId],
        });
        return { written, added: affectedRows(inserted) };
      } finally {
        await drop();
      }
    },
    async abort() {
      stream.end(); // the load ends with what it has; the rollback discards it
      await load.catch(() => {});
      await drop().catch(() => {});
    },
  };
}

/** Multi-row INSERT IGNOREs, one batch each (exported for its test). */
export function batchedInserts(tx: Transaction, campaignId: number): RecipientWriter {
  let inFlight: Promise<void> = Promise.resolve();
  let written = 0;
  let added = 0;
  return {
    async write(rows) {
      if (rows.length === 0) return;
      written += rows.length;
      await inFlight; // one INSERT in flight while the next batch is parsed
      inFlight = insertRecipientRows(tx, campaignId, rows).then((stored) => {
        added += stored;
      });
    },
    async finish() {
      await inFlight;
      return { written, added };
    },
    async abort() {
      await inFlight.catch(() => {});
    },
  };
}
