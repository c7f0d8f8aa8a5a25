import { isAscii, isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import { ImportError } from './errors';

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1256';

export type FileKind =
  /** A zip: an XLSX or ODS workbook, or refused once opened. */
  | { kind: 'zip' }
  /** `encoding` null: UTF-8 or Windows-1256, decided at the first non-ASCII byte. */
  | { kind: 'text'; encoding: TextEncoding | null; bomLength: number };

export const NOT_A_TABLE = 'This file is not a CSV, TSV or Excel file';

const startsWith = (bytes: Uint8Array, ...signature: number[]) =>
  bytes.length >= signature.length && signature.every((b, i) => bytes[i] === b);

/** Binary formats people upload by mistake, recognised by their first bytes. */
const BINARY_SIGNATURES: ReadonlyArray<readonly number[]> = [
  [0x89, 0x50, 0x4e, 0x47], // PNG
  [0xff, 0xd8, 0xff], // JPEG
  [0x47, 0x49, 0x46, 0x38], // GIF
  [0x25, 0x50, 0x44, 0x46], // %PDF
  [0x1f, 0x8b], // gzip
  [0x52, 0x61, 0x72, 0x21], // Rar!
  [0x37, 0x7a, 0xbc, 0xaf], // 7z
  [0x50, 0x4b, 0x05, 0x06], // empty zip
  [0x50, 0x4b, 0x07, 0x08], // spanned zip
  [0x42, 0x5a, 0x68], // bzip2
  [0x7f, 0x45, 0x4c, 0x46], // ELF
  [0x4d, 0x5a], // Windows executable
];

/**
 * Decides what the upload is from its first bytes (the content, never the file name): a zip
 * (`PK\x03\x04`) is read as an XLSX or ODS workbook; text is recognised by its byte order mark,
 * by the zero bytes of BOM-less UTF-16, or by having no control characters; anything else
 * is refused.
 */
export function detectFileKind(head: Uint8Array): FileKind {
  if (head.length === 0) throw new ImportError('EMPTY_FILE', 'The file is empty');
  if (startsWith(head, 0x50, 0x4b, 0x03, 0x04)) return { kind: 'zip' };
  if (startsWith(head, 0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)) {
    throw new ImportError(
      'NOT_A_TABLE',
      'This is an old Excel (.xls) file: save it as .xlsx or CSV in Excel and upload that',
    );
  }
  if (startsWith(head, 0xef, 0xbb, 0xbf)) return { kind: 'text', encoding: 'utf-8', bomLength: 3 };
  if (startsWith(head, 0xff, 0xfe)) return { kind: 'text', encoding: 'utf-16le', bomLength: 2 };
  if (startsWith(head, 0xfe, 0xff)) return { kind: 'text', encoding: 'utf-16be', bomLength: 2 };
  if (BINARY_SIGNATURES.some((signature) => startsWith(head, ...signature))) {
    throw new ImportError('NOT_A_TABLE', NOT_A_TABLE);
  }
  const utf16 = guessBomlessUtf16(head);
  if (utf16) return { kind: 'text', encoding: utf16, bomLength: 0 };
  if (looksBinary(head)) throw new ImportError('NOT_A_TABLE', NOT_A_TABLE);
  return { kind: 'text', encoding: null, bomLength: 0 };
}

/** UTF-16 text of mostly Latin or digit characters has a zero in every other byte. */
function guessBomlessUtf16(head: Uint8Array): TextEncoding | null {
  const n = Math.min(head.length, 1024) & ~1;
  if (n < 8) return null;
  let zeroEven = 0;
  let zeroOdd = 0;
  for (let i = 0; i < n; i += 2) {
    if (head[i] === 0) zeroEven++;
    if (head[i + 1] === 0) zeroOdd++;
  }
  const pairs = n / 2;
  if (zeroOdd > pairs * 0.4 && zeroEven < pairs * 0.05) return 'utf-16le';
  if (zeroEven > pairs * 0.4 && zeroOdd < pairs * 0.05) return 'utf-16be';
  return null;
}

/** A zero byte, or more than 1% control characters other than tab, newlines and form feed. */
function looksBinary(head: Uint8Array): boolean {
  const n = Math.min(head.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = head[i] as number;
    if (b === 0) return true;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1a) control++;
  }
  return control > n * 0.01;
}

/** Length of `bytes` without a UTF-8 sequence cut off at its end. */
function completeUtf8Length(bytes: Uint8Array): number {
  const n = bytes.length;
  for (let back = 1; back <= Math.min(3, n); back++) {
    const b = bytes[n - back] as number;
    if ((b & 0xc0) === 0x80) continue; // continuation byte: look further back
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? n - back : n;
  }
  return n;
}

/**
 * Without a BOM, Persian text is UTF-8 (Google Sheets, LibreOffice, modern Excel) or
 * Windows-1256 (Excel's "CSV" on a Persian Windows). Windows-1256 letters are bytes ≥ 0xC0
 * followed by more such bytes, which is never valid UTF-8, so the first non-ASCII bytes
 * decide. Answers null while the bytes say nothing yet (only ASCII, or a cut-off sequence).
 */
export function decideUtf8OrWindows1256(bytes: Uint8Array, atEnd: boolean): TextEncoding | null {
  if (isAscii(bytes)) return atEnd ? 'utf-8' : null;
  const window = bytes.subarray(0, Math.min(bytes.length, 64 * 1024));
  const complete = atEnd && window.length === bytes.length ? window.length : completeUtf8Length(window);
  const checked = window.subarray(0, complete);
  if (!isUtf8(checked)) return 'windows-1256';
  if (isAscii(checked)) return atEnd ? 'windows-1256' : null; // only a cut-off sequence so far
  return 'utf-8';
}

/**
 * Text as chunks csv-parse can take: UTF-8 Buffers passed through as they are (no decoding
 * and re-encoding for the common case), other encodings decoded to strings.
 */
export async function* decodeText(
  chunks: AsyncIterable<Buffer>,
  kind: { encoding: TextEncoding | null; bomLength: number },
): AsyncGenerator<Buffer | string> {
  let encoding = kind.encoding;
  let skip = kind.bomLength;
  let decoder: { write(b: Buffer): string; end(): string | undefined } | null = null;
  let pending: Buffer | null = null; // undecided bytes (auto mode)

  const decoderFor = (enc: TextEncoding) =>
    enc === 'utf-8'
      ? null
      : enc === 'windows-1256'
        ? persianWindows1256()
        : iconv.getDecoder(enc, { stripBOM: false });

  if (encoding) decoder = decoderFor(encoding);
  for await (let chunk of chunks) {
    if (skip > 0) {
      const cut = Math.min(skip, chunk.length);
      chunk = chunk.subarray(cut);
      skip -= cut;
      if (chunk.length === 0) continue;
    }
    if (!encoding) {
      const bytes: Buffer = pending ? Buffer.concat([pending, chunk]) : chunk;
      if (isAscii(bytes)) {
        pending = null;
        yield bytes; // ASCII reads the same in both encodings
        continue;
      }
      const decided = decideUtf8OrWindows1256(bytes, false);
      if (!decided) {
        // Only a sequence cut off at the end of the chunk: pass the ASCII part on, keep the rest.
        const firstNonAscii = bytes.findIndex((b) => b >= 0x80);
        if (firstNonAscii > 0) yield bytes.subarray(0, firstNonAscii);
        pending = Buffer.from(bytes.subarray(firstNonAscii));
        continue;
      }
      pending = null;
      encoding = decided;
      decoder = decoderFor(encoding);
      chunk = bytes;
    }
    if (decoder) {
      const text = decoder.write(chunk);
      if (text) yield text;
    } else {
      yield chunk;
    }
  }
  if (pending) {
    encoding = decideUtf8OrWindows1256(pending, true) ?? 'utf-8';
    decoder = decoderFor(encoding);
    if (decoder) yield decoder.write(pending);
    else yield pending;
  }
  const rest = decoder?.end();
  if (rest) yield rest;
}

/**
 * Windows-1256 has no Persian yeh (ی, U+06CC): Persian Windows writes it as the Arabic yeh
 * (0xED, U+064A), which shows with two dots in a Persian message ("علي"). Files in this code
 * page come from Persian Excel, so the yeh is given back its Persian form.
 */
function persianWindows1256() {
  const decoder = iconv.getDecoder('win1256');
  const fix = (text: string | undefined) =>
    text?.includes('\u064a') ? text.replace(/\u064a/g, '\u06cc') : text;
  return {
    write: (bytes: Buffer) => fix(decoder.write(bytes)) ?? '',
    end: () => fix(decoder.end()),
  };
}
