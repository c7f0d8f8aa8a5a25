import { neutralizeCell } from '@chapar/domain';

/** Makes Excel open the file as UTF-8, so Persian text survives. */
export const UTF8_BOM = '\uFEFF';

// The rule for cells is the server's too (its exports), so it lives in the shared domain.
export { neutralizeCell };

/** RFC 4180: a cell with a comma, quote or line break is quoted, quotes doubled. */
export function quoteCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** A CSV document (BOM, CRLF line ends) of `rows` under `header`, every cell neutralised. */
export function toCsv(
  header: readonly string[],
  rows: ReadonlyArray<ReadonlyArray<string | number>>,
): string {
  const line = (cells: ReadonlyArray<string | number>) =>
    cells.map((cell) => quoteCell(neutralizeCell(String(cell)))).join(',');
  return `${UTF8_BOM}${[line(header), ...rows.map(line)].join('\r\n')}\r\n`;
}
