/** The zip and XML plumbing that the XLSX and ODS readers share (see zip-spreadsheet.ts). */
import type { Readable } from 'node:stream';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { ImportError } from './errors';

/** The parts of an opened zip by name (case-insensitive, without a leading slash). */
export interface ZipParts {
  zip: ZipFile;
  part(name: string): Entry | undefined;
}

export const bomb = (what: string) =>
  new ImportError('SPREADSHEET_BOMB', `This spreadsheet expands to more than ${what} and was refused`);
export const damaged = (cause?: unknown) =>
  new ImportError('DAMAGED', 'This spreadsheet is damaged and could not be read', { cause });

/** The sheet asked for does not exist: say which ones do. */
export function noSuchSheet(wanted: string | number, names: readonly string[]): ImportError {
  const list = names.map((name) => `"${name}"`).join(', ');
  const label = typeof wanted === 'number' ? `number ${wanted}` : `"${wanted}"`;
  return new ImportError('NO_SHEET', `This spreadsheet has no sheet ${label}. Its sheets are: ${list}`);
}

/** Sheet names compare trimmed and case-insensitively. */
export const sameSheetName = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

// ---------------------------------------------------------------------------------------------
// zip (yauzl's callbacks as promises)

export function openZip(path: string): Promise<ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true, autoClose: false, validateEntrySizes: true }, (err, zip) => {
      if (err || !zip) reject(damaged(err));
      else resolve(zip);
    });
  });
}

export function readEntries(zip: ZipFile): Promise<Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: Entry[] = [];
    zip.on('entry', (entry: Entry) => {
      entries.push(entry);
      zip.readEntry();
    });
    zip.once('end', () => resolve(entries));
    zip.once('error', (err) => reject(damaged(err)));
    zip.readEntry();
  });
}

export function openEntry(zip: ZipFile, entry: Entry): Promise<Readable> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (err, stream) => {
      if (err || !stream) reject(damaged(err));
      else resolve(stream);
    });
  });
}

// ---------------------------------------------------------------------------------------------
// XML

export type Handlers = {
  open(name: string, attributes: Record<string, string>): void;
  text?(text: string): void;
  close?(name: string): void;
};

/** The name without its namespace prefix (`x:row` → `row`). */
export const local = (name: string) => {
  const colon = name.indexOf(':');
  return colon === -1 ? name : name.slice(colon + 1);
};

/**
 * Feeds one part through saxes chunk by chunk; after each chunk, `drain` answers what the
 * handlers produced, which is yielded (so rows leave before the next chunk is inflated; an
 * iterable, so that a repeated row can be expanded as it is consumed).
 */
export async function* parsePart<T>(
  zip: ZipFile,
  entry: Entry,
  handlers: Handlers,
  drain: () => Iterable<T> = () => [],
): AsyncGenerator<T> {
  const parser = new SaxesParser({ xmlns: false, position: false });
  parser.on('error', (err) => {
    throw damaged(err);
  });
  parser.on('opentag', (tag: SaxesTagPlain) => handlers.open(local(tag.name), tag.attributes));
  if (handlers.text) {
    const text = handlers.text;
    parser.on('text', text);
    parser.on('cdata', text);
  }
  if (handlers.close) {
    const close = handlers.close;
    parser.on('closetag', (tag) => close(local(tag.name)));
  }
  const decoder = new TextDecoder('utf-8');
  const stream = await openEntry(zip, entry);
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      parser.write(decoder.decode(chunk, { stream: true }));
      yield* drain();
    }
    parser.write(decoder.decode());
    parser.close();
    yield* drain();
  } catch (err) {
    if (err instanceof ImportError) throw err;
    // yauzl: "too many bytes in the stream" when a part inflates beyond its declared size.
    if (err instanceof Error && /too many bytes/i.test(err.message)) {
      throw bomb('it declares');
    }
    throw damaged(err);
  } finally {
    stream.destroy();
  }
}

export async function consumePart(zip: ZipFile, entry: Entry, handlers: Handlers): Promise<void> {
  for await (const _ of parsePart(zip, entry, handlers)) {
    // nothing is yielded without a drain
  }
}
