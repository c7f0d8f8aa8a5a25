import { ChaparError, type EventBus, type ImportReport, type RecipientImportPort } from '@chapar/api';
import type { Database } from '@chapar/db';
import { type CountryCode, EDITABLE_STATUSES } from '@chapar/domain';
import { isImportError } from '../import/errors';
import { publishProgress } from '../repositories/campaign-progress';
import { lockCampaignStatus, recordAddedRecipients } from '../repositories/campaign-recipients';
import { optedOutPhones } from '../repositories/opt-outs';
import { recipientWriter } from '../repositories/recipient-writer';

/** Rejected rows and rows with other numbers listed in the report, each. */
const MAX_REPORTED_ROWS = 10_000;

export interface ImportLimits {
  maxBytes: number;
  maxRows: number;
  tmpDir: string;
}

/**
 * Streams an uploaded file through the parser into the campaign in one transaction: rows
 * loaded as they are parsed (repositories/recipient-writer.ts; the unique (campaign, phone)
 * index drops numbers the campaign already has), opted-out numbers filtered out, counters
 * and readiness updated at the end. Any error rolls everything back, so a failed import stores nothing.
 */
export function createRecipientImport(
  db: Database,
  bus: EventBus,
  limits: ImportLimits,
): RecipientImportPort {
  return {
    async previewFile({ file, mapping, sheet, defaultCountry }) {
      if (file.size > limits.maxBytes) {
        throw new ChaparError(
          'BAD_REQUEST',
          `The file is larger than ${Math.round(limits.maxBytes / 1048576)} MB.`,
          'file',
        );
      }
      try {
        const { previewRecipientFile } = await import('../import/index');
        return await previewRecipientFile(file.stream() as unknown as AsyncIterable<Uint8Array>, {
          defaultCountry: defaultCountry as CountryCode,
          mapping: mapping ?? undefined,
          ...(sheet !== null ? { sheet } : {}),
          maxBytes: limits.maxBytes,
          tmpDir: limits.tmpDir,
        });
      } catch (error) {
        if (isImportError(error)) throw new ChaparError('BAD_REQUEST', error.message, 'file');
        throw error;
      }
    },

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
          // Rows go to MariaDB as they are parsed (recipient-writer.ts: LOAD DATA into a staging table).
          const writer = await recipientWriter(tx, campaignId);
          try {
            for await (const batch of batches) {
              const fresh = batch.recipients.filter((r) => !blocked.has(r.phone));
              result.optedOut += batch.recipients.length - fresh.length;
              await writer.write(fresh);
              for (const rejected of batch.rejected) {
                if (result.rejected.length < MAX_REPORTED_ROWS) result.rejected.push(rejected);
              }
              result.rejectedTotal += batch.rejected.length;
              for (const other of batch.otherNumbers) {
                if (result.otherNumbers.length < MAX_REPORTED_ROWS) result.otherNumbers.push(other);
              }
              result.otherNumbersTotal += batch.otherNumbers.length;
              if (batch.done) {
                result.rows = batch.totals.rows;
                result.invalid = batch.totals.invalid;
                result.duplicates += batch.totals.duplicates;
                result.columns = batch.columns.variables.map((v) => v.key);
                result.columnChoice = { detectedBy: batch.columns.detectedBy, ...batch.columns.labels };
              }
            }
          } catch (error) {
            await writer.abort();
            throw error;
          }
          const stored = await writer.finish();
          result.added = stored.added;
          // Numbers the campaign already had: INSERT IGNORE left them out.
          result.duplicates += stored.written - stored.added;
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
