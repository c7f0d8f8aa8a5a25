import { describe, expect, it } from 'vitest';
import { parseRecipients, summarizeRecipients } from './recipients-parse';

describe('parseRecipients', () => {
  it('reads one phone per line with an optional name', () => {
    expect(parseRecipients('09121234567, Ali\n+98 912 123 4568\n')).toEqual([
      { line: 1, phone: '09121234567', name: 'Ali' },
      { line: 2, phone: '+98 912 123 4568', name: null },
    ]);
  });

  it('skips blank lines but keeps the line numbers of the text', () => {
    expect(parseRecipients('\n  \n09121234567\r\n\r\n09121234568').map((r) => r.line)).toEqual([3, 5]);
  });

  it('accepts Persian commas, semicolons, tabs and quotes', () => {
    expect(parseRecipients('۰۹۱۲۱۲۳۴۵۶۷، سارا\n09121234568;Reza\n"09121234569"\t"Mina"')).toEqual([
      { line: 1, phone: '۰۹۱۲۱۲۳۴۵۶۷', name: 'سارا' },
      { line: 2, phone: '09121234568', name: 'Reza' },
      { line: 3, phone: '09121234569', name: 'Mina' },
    ]);
  });

  it('understands "name, phone" when only the second field has digits', () => {
    expect(parseRecipients('Ali Rezaei, 0912 123 4567')).toEqual([
      { line: 1, phone: '0912 123 4567', name: 'Ali Rezaei' },
    ]);
  });

  it('keeps what does not look like a phone, for the server to report', () => {
    expect(parseRecipients('phone, name')).toEqual([{ line: 1, phone: 'phone', name: 'name' }]);
  });

  it('strips a byte order mark pasted from a file', () => {
    expect(parseRecipients('\uFEFF09121234567')).toEqual([{ line: 1, phone: '09121234567', name: null }]);
  });
});

describe('summarizeRecipients', () => {
  it('counts valid, invalid and duplicate numbers written in different ways', () => {
    const rows = parseRecipients(
      ['09121234567', '+98 912 123 4567', '۰۹۱۲۱۲۳۴۵۶۸', '0098-912-123-4569', '12345', 'hello'].join('\n'),
    );
    expect(summarizeRecipients(rows, 'IR')).toEqual({ valid: 3, invalid: 2, duplicates: 1 });
  });
});
