import { toCsv } from '../files/csv';
import type { ImportReport } from '../trpc/trpc';

/** What the file needs of a rejected row (the reason already in the reader's language). */
export type RejectedRow = Pick<ImportReport['rejected'][number], 'line' | 'value' | 'reason'>;

/** The rejected rows of an import as a CSV file: line, value, reason (neutralised, with a BOM). */
export function rejectedRowsCsv(
  rows: readonly RejectedRow[],
  header: readonly [line: string, value: string, reason: string] = ['line', 'value', 'reason'],
): string {
  return toCsv(
    header,
    rows.map((r) => [r.line, r.value, r.reason]),
  );
}
