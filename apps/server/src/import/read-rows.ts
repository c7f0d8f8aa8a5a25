import { type ByteInput, ByteSource } from './byte-source';
import type { Delimiter } from './detect-delimiter';
import { decodeText, detectFileKind, type TextEncoding } from './detect-encoding';
import { peekChunks } from './peek';
import { readDelimitedRows } from './read-csv';
import { isVcardText, readVcardRows } from './read-vcard';
import type { RecipientRow } from './row';
import { readZipSpreadsheetRows } from './zip-spreadsheet';

export interface ReadRowsOptions {
  /** Largest upload accepted, enforced while it streams in. Default 50 MB. */
  maxBytes?: number;
  /** XLSX, ODS: a sheet name or its 1-based position. Default: the first non-empty visible sheet. */
  sheet?: string | number;
  /** Text: overrides the encoding detection. */
  encoding?: TextEncoding;
  /** Text: overrides the delimiter detection. */
  delimiter?: Delimiter;
  /** XLSX/ODS bomb guard: refuse workbooks that inflate beyond this in total. Default 500 MB. */
  maxUncompressedBytes?: number;
  /** XLSX/ODS bomb guard: refuse a part that inflates more than this many times. Default 100. */
  maxCompressionRatio?: number;
  /** Refuse rows with a value beyond this column. Default 1000. */
  maxColumns?: number;
  /** Where an XLSX or ODS upload is spooled while it is read. Default: the system's temp directory. */
  tmpDir?: string;
}

export const READ_DEFAULTS = {
  maxBytes: 50 * 1024 * 1024,
  // A legitimate 1,000,000-row sheet of three columns is ~215 MB of XML (10× its zip size);
  // bombs inflate thousands of times, which the ratio catches long before the total does.
  maxUncompressedBytes: 500 * 1024 * 1024,
  maxCompressionRatio: 100,
  maxColumns: 1000,
} as const;

/** How many bytes are sniffed for the type and encoding. */
const SNIFF_BYTES = 8192;

/**
 * The non-empty rows of an uploaded CSV, TSV, semicolon-separated, vCard, XLSX or ODS file, streamed.
 * The type and the text encoding are decided from the content, never from the file name.
 * Throws `ImportError` for an empty, oversized, binary, damaged or bomb-like file.
 */
export async function* readRecipientRows(
  input: ByteInput,
  options: ReadRowsOptions = {},
): AsyncGenerator<RecipientRow> {
  const source = new ByteSource(input, options.maxBytes ?? READ_DEFAULTS.maxBytes);
  try {
    const kind = detectFileKind(await source.peek(SNIFF_BYTES));
    const maxColumns = options.maxColumns ?? READ_DEFAULTS.maxColumns;
    if (kind.kind === 'zip') {
      yield* readZipSpreadsheetRows(source, {
        sheet: options.sheet,
        maxUncompressedBytes: options.maxUncompressedBytes ?? READ_DEFAULTS.maxUncompressedBytes,
        maxCompressionRatio: options.maxCompressionRatio ?? READ_DEFAULTS.maxCompressionRatio,
        maxColumns,
        tmpDir: options.tmpDir,
      });
    } else {
      const text = decodeText(source.chunks(), {
        encoding: options.encoding ?? kind.encoding,
        bomLength: kind.bomLength,
      });
      const { head, all } = await peekText(text);
      if (isVcardText(head)) yield* readVcardRows(all);
      else yield* readDelimitedRows(all, { delimiter: options.delimiter, maxColumns });
    }
  } finally {
    await source.close();
  }
}

/** Enough decoded text to see how it starts (a vCard's BEGIN:VCARD), and all of it again. */
async function peekText(
  text: AsyncIterable<Buffer | string>,
): Promise<{ head: string; all: AsyncIterable<Buffer | string> }> {
  const asText = (seen: readonly (Buffer | string)[]) =>
    seen.map((c) => (typeof c === 'string' ? c : c.toString('latin1'))).join('');
  const { seen, all } = await peekChunks(text, (seen) => asText(seen).trimStart().length >= 16);
  return { head: asText(seen), all };
}
