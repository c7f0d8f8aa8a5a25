import type { ImportPreview } from '@chapar/api';
import type { CountryCode } from '@chapar/domain';
import type { ByteInput } from './byte-source';
import { type ColumnMapping, columnLabel, resolveColumns } from './columns';
import { IMPORT_DEFAULTS } from './import-rows';
import { type ReadRowsOptions, readRecipientRows } from './read-rows';
import { isBlankRow, type RecipientRow } from './row';

/** What the port promises (`@chapar/api`): one definition for the router and this reader. */
export type { ImportPreview };

const SAMPLE_ROWS = 5;
const MAX_CELL_LENGTH = 100;

/**
 * Reads only the first rows of an upload and answers the columns an import would take, so
 * a person can check (and change) them before anything is stored. Throws `ImportError` as an
 * import of the same file would (an unreadable file, no phone column, a bad mapping).
 */
export async function previewRecipientFile(
  input: ByteInput,
  options: ReadRowsOptions & { defaultCountry: CountryCode; mapping?: ColumnMapping | undefined },
): Promise<ImportPreview> {
  const sample: RecipientRow[] = [];
  for await (const row of readRecipientRows(input, options)) {
    if (isBlankRow(row.cells)) continue;
    sample.push(row);
    if (sample.length >= IMPORT_DEFAULTS.detectRows) break; // stops reading the upload
  }
  const { layout, dataStart } = resolveColumns(sample, options.mapping, options.defaultCountry);
  const header = layout.headerLine === null ? null : (sample[dataStart - 1]?.cells ?? null);
  const width = Math.max(header?.length ?? 0, ...sample.map((r) => r.cells.length));
  return {
    headerLine: layout.headerLine,
    columns: Array.from({ length: width }, (_, index) => ({ index, label: columnLabel(header, index) })),
    phone: layout.phone,
    phones: layout.phones,
    name: layout.name,
    nameParts: layout.nameParts,
    detectedBy: layout.detectedBy,
    sample: sample.slice(dataStart, dataStart + SAMPLE_ROWS).map((row) => ({
      line: row.line,
      cells: row.cells.map((cell) => cell.slice(0, MAX_CELL_LENGTH)),
    })),
  };
}
