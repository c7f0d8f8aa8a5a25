import { ChaparError, type EventBus, type ImportReport, type RecipientImportPort } from '@chapar/api';
import { campaigns, type Database, optOuts } from '@chapar/db';
import { type CountryCode, EDITABLE_STATUSES } from '@chapar/domain';
import { and, eq, sql } from 'drizzle-orm';
import mysql from 'mysql2';
import { type ImportedRecipient, importRecipientFile, isImportError } from '../import/index';
import { publishProgress } from '../repositories/campaign-progress';
import { refreshReadiness } from '../repositories/campaign-transitions';
import { mergeVariableKeys } from '../repositories/campaigns';

/** Rejected rows and rows with other numbers listed in the report, each. */
const MAX_REPORTED_ROWS = 10_000;

/**
 * One multi-row INSERT IGNORE as plain SQL text: for thousands of rows, escaping with
 * mysql2 is several times cheaper than binding one parameter per value. The unique
 * (campaign, phone) index drops numbers the campaign already has.
 */
function insertSql(campaignId: number, rows: ImportedRecipient[]): string {
  const values = rows.map(
    (r) =>
      `(${campaignId},${mysql.escape(r.phone)},${mysql.escape(r.name)},${r.variables ? mysql.escape(JSON.stringify(r.variables)) : 'NULL'},'PENDING')`,
  );
  return `INSERT IGNORE INTO recipients (campaign_id, phone, name, variables, status) VALUES ${values.join(',')}`;
}

export interface ImportLimits {
  maxBytes: number;
  maxRows: number;
  tmpDir: string;
}

/**
 * Streams an uploaded file through the parser into the campaign in one transaction:
 * multi-row INSERT IGNORE per batch (the unique (campaign, phone) index drops numbers the
 * campaign already has), opted-out numbers filtered out, counters and readiness updated at
 * the end. Any error rolls everything back, so a failed import stores nothing.
 */
export function createRecipientImport(
  db: Database,
  bus: EventBus,
  limits: ImportLimits,
): RecipientImportPort {
  return {
    async importFile({ userId, campaignId, file, mapping, sheet, defaultCountry }): Promise<ImportReport> {
      if (file.size > limits.maxBytes) {
        throw new ChaparError(
          'BAD_REQUEST',
          `The file is larger than ${Math.round(limits.maxBytes / 1048576)} MB.`,
          'file',
        );
      }
      let report: ImportReport;
      try {
        report = await db.transaction(async (tx) => {
          const [locked] = await tx
            .select({ status: campaigns.status })
            .from(campaigns)
            .where(and(eq(campaigns.id, campaignId), eq(campaigns.userId, userId)))
            .for('update');
          if (!locked) throw new ChaparError('NOT_FOUND', 'Campaign not found.');
          if (!EDITABLE_STATUSES.includes(locked.status)) {
            throw new ChaparError(
              'CONFLICT',
              `Recipients cannot be added to a ${locked.status.toLowerCase()} campaign.`,
            );
          }
          const blocked = new Set(
            (await tx.select({ phone: optOuts.phone }).from(optOuts).where(eq(optOuts.userId, userId))).map(
              (r) => r.phone,
            ),
          );
          const result: ImportReport = {
            rows: 0,
            added: 0,
            duplicates: 0,
            invalid: 0,
            optedOut: 0,
            rejected: [],
            rejectedTotal: 0,
            columns: [],
            otherNumbers: [],
            otherNumbersTotal: 0,
            columnChoice: { detectedBy: 'content', phone: [], name: [] },
          };
          const batches = importRecipientFile(file.stream() as unknown as AsyncIterable<Uint8Array>, {
            defaultCountry: defaultCountry as CountryCode,
            mapping: mapping ?? undefined,
            ...(sheet !== null ? { sheet } : {}),
            maxBytes: limits.maxBytes,
            maxRows: limits.maxRows,
            tmpDir: limits.tmpDir,
            batchSize: 2000,
          });
          // One INSERT in flight while the next batch is parsed: Node parses, MariaDB writes.
          let inFlight: Promise<void> = Promise.resolve();
          const insert = async (rows: ImportedRecipient[]) => {
            const [inserted] = await tx.execute(sql.raw(insertSql(campaignId, rows)));
            const added = (inserted as unknown as { affectedRows: number }).affectedRows;
            result.added += added;
            result.duplicates += rows.length - added;
          };
          for await (const batch of batches) {
            const fresh = batch.recipients.filter((r) => !blocked.has(r.phone));
            result.optedOut += batch.recipients.length - fresh.length;
            if (fresh.length > 0) {
              await inFlight;
              inFlight = insert(fresh);
            }
            for (const rejected of batch.rejected) {
              if (result.rejected.length < MAX_REPORTED_ROWS) result.rejected.push(rejected);
            }
            result.rejectedTotal += batch.rejected.length;
            for (const other of batch.otherNumbers) {
              if (result.otherNumbers.length < MAX_REPORTED_ROWS) result.otherNumbers.push(other);
            }
            result.otherNumbersTotal += batch.otherNumbers.length;
            if (batch.done) {
              await inFlight;
              result.rows = batch.totals.rows;
              result.invalid = batch.totals.invalid;
              result.duplicates += batch.totals.duplicates;
              result.columns = batch.columns.variables.map((v) => v.key);
              result.columnChoice = { detectedBy: batch.columns.detectedBy, ...batch.columns.labels };
            }
          }
          if (result.added > 0) {
            await tx
              .update(campaigns)
              .set({
                totalRecipients: sql`${campaigns.totalRecipients} + ${result.added}`,
                updatedAt: new Date(),
              })
              .where(eq(campaigns.id, campaignId));
            await mergeVariableKeys(tx, campaignId, result.columns);
            await refreshReadiness(tx, campaignId);
          }
          return result;
        });
      } catch (error) {
        if (isImportError(error)) throw new ChaparError('BAD_REQUEST', error.message, 'file');
        throw error;
      }
      await publishProgress(db, bus, campaignId);
      return report;
    },
  };
}
