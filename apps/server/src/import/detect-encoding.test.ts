import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decideUtf8OrWindows1256, decodeText, detectFileKind } from './detect-encoding';
import { chunked } from './test-helpers';

const decodeAll = async (bytes: Buffer, size = 3) => {
  const kind = detectFileKind(bytes);
  if (kind.kind !== 'text') throw new Error('not text');
  const source = (async function* () {
    for await (const chunk of chunked(bytes, size)) yield Buffer.from(chunk);
  })();
  // UTF-8 comes out as Buffers (a character may be split between two), the rest as strings.
  let text = '';
  let bytesOut: Buffer[] = [];
  for await (const part of decodeText(source, kind)) {
    if (typeof part !== 'string') bytesOut.push(part);
    else {
      text += Buffer.concat(bytesOut).toString('utf8') + part;
      bytesOut = [];
    }
  }
  return text + Buffer.concat(bytesOut).toString('utf8');
};

describe('detectFileKind', () => {
  it('takes a zip for an XLSX workbook, whatever the name says', () => {
    expect(detectFileKind(Buffer.from('PK\x03\x04rest', 'latin1'))).toEqual({ kind: 'zip' });
  });

  it('reads byte order marks', () => {
    expect(detectFileKind(Buffer.from([0xef, 0xbb, 0xbf, 0x61]))).toEqual({
      kind: 'text',
      encoding: 'utf-8',
      bomLength: 3,
    });
    expect(detectFileKind(Buffer.from([0xff, 0xfe, 0x61, 0]))).toMatchObject({
      encoding: 'utf-16le',
      bomLength: 2,
    });
    expect(detectFileKind(Buffer.from([0xfe, 0xff, 0, 0x61]))).toMatchObject({
      encoding: 'utf-16be',
      bomLength: 2,
    });
  });

  it('recognises UTF-16 without a BOM by its zero bytes', () => {
    expect(detectFileKind(Buffer.from('phone,name\n0912', 'utf16le'))).toMatchObject({
      encoding: 'utf-16le',
    });
    const be = Buffer.from('phone,name\n0912', 'utf16le').swap16();
    expect(detectFileKind(be)).toMatchObject({ encoding: 'utf-16be' });
  });

  it('leaves UTF-8 or Windows-1256 to be decided later', () => {
    expect(detectFileKind(Buffer.from('phone\n0912'))).toEqual({
      kind: 'text',
      encoding: null,
      bomLength: 0,
    });
  });

  it.each([
    ['PNG', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])],
    ['JPEG', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10])],
    ['PDF', Buffer.from('%PDF-1.7\n')],
    ['gzip', Buffer.from([0x1f, 0x8b, 8, 0])],
    ['an empty zip', Buffer.from([0x50, 0x4b, 0x05, 0x06, 0, 0])],
    ['random bytes with zeros', Buffer.from([1, 2, 3, 0, 5, 6, 7, 8, 9, 10, 11, 12])],
    ['control characters', Buffer.from('a\x01b\x02c\x03d\x04e\x05f\x06g\x07')],
  ])('refuses %s as not a table', (_, bytes) => {
    expect(() => detectFileKind(bytes)).toThrow('This file is not a CSV, TSV or Excel file');
  });

  it('explains old .xls and password-protected workbooks', () => {
    const ole = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
    expect(() => detectFileKind(ole)).toThrow(/old Excel \(\.xls\)/);
  });

  it('refuses an empty file', () => {
    expect(() => detectFileKind(Buffer.alloc(0))).toThrow('The file is empty');
  });
});

describe('decideUtf8OrWindows1256', () => {
  const persian1256 = iconv.encode('سلام علی', 'win1256');

  it('decides from the first non-ASCII bytes', () => {
    expect(decideUtf8OrWindows1256(Buffer.from('abc سلام'), false)).toBe('utf-8');
    expect(decideUtf8OrWindows1256(Buffer.concat([Buffer.from('abc '), persian1256]), false)).toBe(
      'windows-1256',
    );
  });

  it('waits while the bytes say nothing', () => {
    expect(decideUtf8OrWindows1256(Buffer.from('only ascii'), false)).toBeNull();
    expect(decideUtf8OrWindows1256(Buffer.from('only ascii'), true)).toBe('utf-8');
    // A UTF-8 letter cut in two at the end of the chunk: not enough to tell.
    expect(decideUtf8OrWindows1256(Buffer.from('ab\xd8', 'latin1'), false)).toBeNull();
    expect(decideUtf8OrWindows1256(Buffer.from('ab\xd8', 'latin1'), true)).toBe('windows-1256');
  });
});

describe('decodeText', () => {
  const text = 'phone,name\n09121234567,علی رضایی\n09121234568,مریم 😀\n';

  it('passes UTF-8 through, with multi-byte characters split across chunks', async () => {
    expect(await decodeAll(Buffer.from(text), 1)).toBe(text);
    expect(await decodeAll(Buffer.from(text), 7)).toBe(text);
  });

  it('drops a UTF-8 BOM', async () => {
    expect(await decodeAll(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]), 2)).toBe(
      text,
    );
  });

  it('decodes UTF-16 LE and BE with a BOM', async () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    expect(await decodeAll(le, 3)).toBe(text);
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
    expect(await decodeAll(be, 5)).toBe(text);
  });

  // What Persian Excel writes: Windows-1256 has no Persian yeh, so ی is stored as Arabic ي.
  const excel1256 = (text: string) => iconv.encode(text.replace(/ی/g, '\u064a'), 'win1256');

  it('decodes Windows-1256, even when the first Persian letter comes after many ASCII chunks', async () => {
    const persian = 'phone,name\n09121234567,علی رضایی\n09121234568,مریم گلی، پژمان چگینی\n';
    expect(await decodeAll(excel1256(persian), 4)).toBe(persian);
    const late = `${'09120000000,x\n'.repeat(2000)}09121234567,محمد\n`;
    expect(await decodeAll(excel1256(late), 4096)).toBe(late);
  });

  it('decodes UTF-8 whose first non-ASCII character comes late', async () => {
    const late = `${'09120000000,x\n'.repeat(2000)}09121234567,محمد\n`;
    expect(await decodeAll(Buffer.from(late), 4095)).toBe(late);
  });
});
