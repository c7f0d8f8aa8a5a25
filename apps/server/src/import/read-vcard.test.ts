import { describe, expect, it } from 'vitest';
import { ImportError } from './errors';
import { isVcardText, readVcardRows } from './read-vcard';

async function rows(chunks: Array<Buffer | string>) {
  async function* source() {
    yield* chunks;
  }
  const out = [];
  for await (const row of readVcardRows(source())) out.push(row);
  return out;
}

const card = [
  'BEGIN:VCARD',
  'VERSION:2.1',
  'FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=D8=B9=D9=84=DB=8C=20=D8=B1=D8=B6=',
  '=D8=A7=DB=8C=DB=8C',
  'TEL;HOME:021 2233 4455',
  'TEL;TYPE=CELL:0912 123 4567',
  'END:VCARD',
  '',
].join('\r\n');

describe('readVcardRows', () => {
  it('gives a header row, then one row per card at its BEGIN line, mobiles first', async () => {
    expect(await rows([card])).toEqual([
      { line: 0, cells: ['Name', 'Phone'] },
      { line: 1, cells: ['علی رضایی', '0912 123 4567\n021 2233 4455'] },
    ]);
  });

  it('reads the same whatever the chunks, even split inside a CRLF or a UTF-8 character', async () => {
    const bytes = Buffer.from(
      card.replace('FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:', 'FN:رضا\r\n '),
      'utf8',
    );
    const whole = await rows([bytes]);
    for (let at = 1; at < bytes.length; at++) {
      expect(await rows([bytes.subarray(0, at), bytes.subarray(at)])).toEqual(whole);
    }
  });

  it('unescapes 3.0 text and builds the name from N without FN', async () => {
    const text = 'BEGIN:VCARD\nVERSION:3.0\nN:Doe\\, Jr.;John;;;\nTEL:+98 912 123 4567\nEND:VCARD\n';
    expect((await rows([text]))[1]?.cells).toEqual(['John Doe, Jr.', '+98 912 123 4567']);
  });

  it('keeps a card without a number (the import rejects it at its line)', async () => {
    expect((await rows(['BEGIN:VCARD\nFN:Nobody\nEND:VCARD\n']))[1]).toEqual({
      line: 1,
      cells: ['Nobody', ''],
    });
  });

  it('refuses a card longer than 1 MB', async () => {
    const huge = `BEGIN:VCARD\nNOTE:${'x'.repeat(1024 * 1024 + 1)}\nEND:VCARD\n`;
    await expect(rows([huge])).rejects.toBeInstanceOf(ImportError);
  });

  it('is recognised by its first line only', () => {
    expect(isVcardText('\ufeff\r\nbegin:vcard\r\n')).toBe(true);
    expect(isVcardText('name,phone\nBEGIN:VCARD,1\n')).toBe(false);
  });
});
