import { ChaparError, type EventBus, type ImportReport, type RecipientImportPort } from '@chapar/api';
import type { Database } from '@chapar/db';
import { type CountryCode, EDITABLE_STATUSES } from '@chapar/domain';
import { isImportError } from '../import/errors';
import type { ImportedRecipient } from '../import/index';
import { publishProgress } from '../repositories/campaign-progress';
import {
  insertRecipientRows,
  lockCampaignStatus,
  recordAddedRecipients,
} from '../repositories/campaign-recipients';
import { optedOutPhones } from '../repositories/opt-outs';

/** Rejected rows and rows with other numbers listed in the report, each. */
const MAX_REPORTED_ROWS = 10_000;

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
          const status = await lockCampaignStatus(tx, userId, campaignId);
          if (!status) throw new ChaparError('NOT_FOUND', 'Campaign not found.');
          if (!EDITABLE_STATUSES.includes(status)) {
            throw new ChaparError(
              'CONFLICT',
              `Recipients cannot be added to a ${status.toLowerCase()} campaign.`,
            );
          }
          const blocked = await optedOutPhones(tx, userId);
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
          // The readers (XLSX unzip and XML, encodings, CSV) load with the first import.
          const { importRecipientFile } = await import('../import/index');
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
            const added = await insertRecipientRows(tx, campaignId, rows);
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
          if (result.added > 0) await recordAddedRecipients(tx, campaignId, result.added, result.columns);
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
