import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type CsvError, parse } from 'csv-parse';
import { type Delimiter, detectDelimiter } from './detect-delimiter';
import { ImportError } from './errors';
import { peekChunks } from './peek';
import { isBlankRow, type RecipientRow } from './row';

export interface DelimitedOptions {
  /** Overrides the detection from the first lines. */
  delimiter?: Delimiter | undefined;
  maxColumns: number;
}

const SAMPLE_BYTES = 16 * 1024;
const MAX_RECORD_SIZE = 1024 * 1024;

/**
 * Rows of CSV, TSV or semicolon-separated text, streamed through csv-parse. Quoted cells may
 * hold delimiters, quotes ("") and newlines; rows may have different lengths; line endings
 * may be \r\n, \n or \r. `line` counts records as a spreadsheet shows them (a quoted cell
 * with a newline is still one row; empty lines are rows too, and are skipped).
 */
export async function* readDelimitedRows(
  text: AsyncIterable<Buffer | string>,
  options: DelimitedOptions,
): AsyncGenerator<RecipientRow> {
  const {
    seen: head,
    ended,
    all,
  } = await peekChunks(text, (seen) => seen.reduce((bytes, c) => bytes + c.length, 0) >= SAMPLE_BYTES);
  const sample = head.map((c) => (typeof c === 'string' ? c : c.toString('utf8'))).join('');
  const delimiter = options.delimiter ?? detectDelimiter(sample, ended);

  const parser = parse({
    delimiter,
    record_delimiter: ['\r\n', '\n', '\r'],
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    max_record_size: MAX_RECORD_SIZE,
  });
  // pipeline() carries an error of the source (the size limit) into the parser, and destroys
  // the source when we stop early. Its own promise is settled through the parser below.
  pipeline(Readable.from(all), parser).catch(() => {});

  let line = 0;
  let finished = false;
  let failure: unknown = null;
  let wake: (() => void) | null = null;
  const signal = () => {
    wake?.();
    wake = null;
  };
  parser.on('readable', signal);
  parser.once('end', () => {
    finished = true;
    signal();
  });
  parser.once('error', (err) => {
    failure = err;
    signal();
  });
  try {
    // read() in a loop rather than `for await`: the stream's async iterator costs a promise
    // per record, which is a fifth of the reading time of a large file.
    for (;;) {
      if (failure) throw failure;
      const record = parser.read() as string[] | null;
      if (record === null) {
        if (finished) break;
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        continue;
      }
      line++;
      if (isBlankRow(record)) continue;
      if (record.length > options.maxColumns) {
        throw new ImportError('TOO_MANY_COLUMNS', `The file has more than ${options.maxColumns} columns`, {
          params: { max: options.maxColumns },
        });
      }
      yield { line, cells: record };
    }
  } catch (err) {
    throw csvError(err, line);
  } finally {
    parser.destroy();
  }
}

function csvError(err: unknown, rowsSeen: number): unknown {
  const code = (err as Partial<CsvError> | null)?.code;
  if (typeof code !== 'string' || !code.startsWith('CSV_')) return err;
  // Records parsed before the faulty one (rows still buffered in the stream are not `rowsSeen`).
  const records = (err as { records?: unknown }).records;
  const row = (typeof records === 'number' ? records : rowsSeen) + 1;
  const message =
    code === 'CSV_QUOTE_NOT_CLOSED'
      ? `The quote (") that opens a cell on row ${row} is never closed`
      : code === 'CSV_MAX_RECORD_SIZE'
        ? `Row ${row} is longer than 1 MB: check the quotes (") in the file`
        : code === 'CSV_INVALID_CLOSING_QUOTE'
          ? `Row ${row} has a quote (") in the wrong place`
          : `The file could not be read as a table at row ${row}`;
  const problem =
    code === 'CSV_QUOTE_NOT_CLOSED'
      ? 'UNCLOSED_QUOTE'
      : code === 'CSV_MAX_RECORD_SIZE'
        ? 'ROW_TOO_LONG'
        : code === 'CSV_INVALID_CLOSING_QUOTE'
          ? 'MISPLACED_QUOTE'
          : 'UNREADABLE_ROW';
  return new ImportError('DAMAGED', message, { cause: err, params: { problem, line: row } });
}
