/**
 * Recipient file import: CSV, TSV, semicolon-separated text, vCard, XLSX or ODS, in UTF-8, UTF-16 or
 * Windows-1256, streamed from the upload into batches of validated recipients.
 *
 *   for await (const batch of importRecipientFile(upload, { defaultCountry: 'IR' })) {
 *     await store(batch.recipients); // duplicates against the campaign and opt-outs: the database
 *     if (batch.done) report(batch.totals, batch.rejected);
 *   }
 *
 * Every refusal is an `ImportError` with a message for the user (BAD_REQUEST at the API).
 */
import type { ByteInput } from './byte-source';
import { type ImportBatch, type ImportRowsOptions, type ImportTotals, importRows } from './import-rows';
import { type ReadRowsOptions, readRecipientRows } from './read-rows';

export type { ByteInput } from './byte-source';
export type { ColumnLayout, ColumnMapping, ColumnRef } from './columns';
export { columnLabel, normalizeHeader, resolveColumns } from './columns';
export type { Delimiter } from './detect-delimiter';
export { detectDelimiter } from './detect-delimiter';
export type { FileKind, TextEncoding } from './detect-encoding';
export { decodeText, detectFileKind } from './detect-encoding';
export type { ImportErrorCode } from './errors';
export { ImportError, isImportError } from './errors';
export type {
  ImportBatch,
  ImportedRecipient,
  ImportRowsOptions,
  ImportTotals,
  RejectedRow,
} from './import-rows';
export { IMPORT_DEFAULTS, importRows } from './import-rows';
export type { ImportPreview } from './preview';
export { previewRecipientFile } from './preview';
export type { ReadRowsOptions } from './read-rows';
export { READ_DEFAULTS, readRecipientRows } from './read-rows';
export type { RecipientRow } from './row';

export type ImportFileOptions = ReadRowsOptions & ImportRowsOptions;

/** `readRecipientRows` piped into `importRows`. */
export function importRecipientFile(
  input: ByteInput,
  options: ImportFileOptions,
): AsyncGenerator<ImportBatch, ImportTotals> {
  return importRows(readRecipientRows(input, options), options);
}
