import { toCsv } from '../files/csv';
import type { ImportReport } from '../trpc/trpc';

export type RejectedRow = ImportReport['rejected'][number];

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
