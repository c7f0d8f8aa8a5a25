import { type CountryCode, pickPhone, stripBidiControls } from '@chapar/domain';
import { type ColumnLayout, type ColumnMapping, resolveColumns } from './columns';
import { ImportError } from './errors';
import { isBlankRow, type RecipientRow } from './row';

export interface ImportRowsOptions {
  mapping?: ColumnMapping | undefined;
  /** For numbers written without a country code (the user's country). */
  defaultCountry: CountryCode;
  /** Recipients plus rejected rows per batch. Default 1000. */
  batchSize?: number;
  /** Data rows (not counting the header and empty rows) accepted. Default 1,000,000. */
  maxRows?: number;
  /** Rows looked at to find the header and the columns. Default 20. */
  detectRows?: number;
}

export interface ImportedRecipient {
  /** E.164. */
  phone: string;
  name: string | null;
  /** The other columns by header, non-empty values only; null when there are none. */
  variables: Record<string, string> | null;
}

export interface RejectedRow {
  line: number;
  value: string;
  reason: string;
}

/** A row that held several numbers: `phone` was imported, `others` were not. */
export interface OtherNumbers {
  line: number;
  phone: string;
  others: string[];
}

export interface ImportTotals {
  /** Data rows read: valid + duplicates + invalid. */
  rows: number;
  /** Recipients yielded (the first row of each phone number). */
  valid: number;
  /** Rows whose phone number appeared on an earlier row of the file. */
  duplicates: number;
  invalid: number;
}

export interface ImportBatch {
  recipients: ImportedRecipient[];
  rejected: RejectedRow[];
  otherNumbers: OtherNumbers[];
  /** The totals so far; on the last batch (`done`), the totals of the file. */
  totals: ImportTotals;
  /** Which columns were used, for the caller to check the message's variables against. */
  columns: ColumnLayout;
  done: boolean;
}

export const IMPORT_DEFAULTS = { batchSize: 1000, maxRows: 1_000_000, detectRows: 20 } as const;

const MAX_NAME_LENGTH = 255;
const MAX_VALUE_LENGTH = 1000;
const MAX_REJECTED_VALUE_LENGTH = 100;

/**
 * Rows → validated recipients, in batches. Finds the header and the columns from the first
 * rows (or the mapping), normalises each phone with `normalizePhone`, drops the numbers seen
 * earlier in the file and reports the invalid rows with their line and reason. Always yields
 * at least one batch; the last has `done: true` and the final totals (a header-only file
 * gives one empty batch). Duplicates against the campaign and opt-outs are the database's
 * business. The generator's return value is the totals too.
 */
export async function* importRows(
  rows: AsyncIterable<RecipientRow> | Iterable<RecipientRow>,
  options: ImportRowsOptions,
): AsyncGenerator<ImportBatch, ImportTotals> {
  const batchSize = Math.max(1, options.batchSize ?? IMPORT_DEFAULTS.batchSize);
  const maxRows = options.maxRows ?? IMPORT_DEFAULTS.maxRows;
  const detectRows = Math.max(1, options.detectRows ?? IMPORT_DEFAULTS.detectRows);
  const country = options.defaultCountry;

  const iterator =
    Symbol.asyncIterator in rows
      ? (rows as AsyncIterable<RecipientRow>)[Symbol.asyncIterator]()
      : (rows as Iterable<RecipientRow>)[Symbol.iterator]();

  try {
    // The first rows decide the layout; they are then imported like the rest.
    const sample: RecipientRow[] = [];
    while (sample.length < detectRows) {
      const next = await iterator.next();
      if (next.done) break;
      if (!isBlankRow(next.value.cells)) sample.push(next.value);
    }
    const { layout, dataStart } = resolveColumns(sample, options.mapping, country);
    const { phone: phoneColumn, phones: phoneColumns, name: nameColumn, nameParts } = layout;

    // Keys for columns beyond the header (rows longer than the ones sampled): `col7`.
    const keys: Array<string | null> = [];
    for (const v of layout.variables) keys[v.index] = v.key;
    keys[phoneColumn] = null;
    if (nameColumn !== null) keys[nameColumn] = null;
    const keyOf = (index: number): string | null => {
      if (index < keys.length) {
        const key = keys[index];
        if (key !== undefined) return key;
      }
      const key = `col${index + 1}`;
      keys[index] = key;
      return key;
    };

    // Numbers already in the file, as integers: an E.164 number has at most 15 digits, exact in
    // a double. 1,000,000 of them take ~37 MB of heap (a Set of the E.164 strings: ~77 MB).
    const seen = new Set<number>();
    const totals: ImportTotals = { rows: 0, valid: 0, duplicates: 0, invalid: 0 };
    let recipients: ImportedRecipient[] = [];
    let rejected: RejectedRow[] = [];
    let otherNumbers: OtherNumbers[] = [];
    const phoneCells = (cells: readonly string[]): string[] => {
      const out: string[] = [];
      for (const index of phoneColumns) {
        const cell = cells[index];
        if (cell?.trim()) out.push(cell);
      }
      return out;
    };

    const take = (row: RecipientRow) => {
      const cells = row.cells;
      if (isBlankRow(cells)) return;
      if (++totals.rows > maxRows) {
        throw new ImportError(
          'TOO_MANY_ROWS',
          `The file has more than ${maxRows.toLocaleString('en-US')} rows`,
        );
      }
      const raw = phoneColumns.length === 1 ? (cells[phoneColumn] ?? '') : phoneCells(cells);
      const phone = pickPhone(raw, country);
      if (!phone.ok) {
        totals.invalid++;
        rejected.push({
          line: row.line,
          value: (typeof raw === 'string' ? raw : raw.join(', ')).trim().slice(0, MAX_REJECTED_VALUE_LENGTH),
          reason: phone.reason,
        });
        return;
      }
      const numeric = Number(phone.e164.slice(1));
      if (seen.has(numeric)) {
        totals.duplicates++;
        return;
      }
      seen.add(numeric);
      totals.valid++;
      if (phone.others.length > 0)
        otherNumbers.push({ line: row.line, phone: phone.e164, others: phone.others });
      let name: string | null = null;
      if (nameParts.length === 1) {
        const cell = cells[nameParts[0] as number];
        if (cell) name = stripBidiControls(cell).trim().slice(0, MAX_NAME_LENGTH) || null;
      } else if (nameParts.length > 1) {
        const parts = nameParts.map((index) => stripBidiControls(cells[index] ?? '').trim()).filter(Boolean);
        name = parts.join(' ').slice(0, MAX_NAME_LENGTH) || null;
      }
      let variables: Record<string, string> | null = null;
      for (let index = 0; index < cells.length; index++) {
        const cell = cells[index];
        if (!cell || index === phoneColumn || index === nameColumn) continue;
        // Bidi controls go at ingest, so no export or page shows a name reordering its neighbours.
        const value = stripBidiControls(cell).trim();
        if (value === '') continue;
        const key = keyOf(index);
        if (key === null) continue;
        variables ??= {};
        variables[key] = value.slice(0, MAX_VALUE_LENGTH);
      }
      recipients.push({ phone: phone.e164, name, variables });
    };

    const batch = (done: boolean): ImportBatch => {
      const out = { recipients, rejected, otherNumbers, totals: { ...totals }, columns: layout, done };
      recipients = [];
      rejected = [];
      otherNumbers = [];
      return out;
    };

    for (let i = dataStart; i < sample.length; i++) {
      take(sample[i] as RecipientRow);
      if (recipients.length + rejected.length >= batchSize) yield batch(false);
    }
    sample.length = 0;
    for (;;) {
      const next = await iterator.next();
      if (next.done) break;
      take(next.value);
      if (recipients.length + rejected.length >= batchSize) yield batch(false);
    }
    yield batch(true);
    return { ...totals };
  } finally {
    await iterator.return?.();
  }
}
