import { describe, expect, it } from 'vitest';
import { normalizeHeader, resolveColumns } from './columns';
import type { RecipientRow } from './row';

const rows = (...cells: string[][]): RecipientRow[] => cells.map((c, i) => ({ line: i + 1, cells: c }));
const resolve = (sample: RecipientRow[], mapping?: Parameters<typeof resolveColumns>[1]) =>
  resolveColumns(sample, mapping, 'IR');

describe('normalizeHeader', () => {
  it('ignores case, spaces, ZWNJ, punctuation and Arabic letter forms', () => {
    expect(normalizeHeader('  Phone Number: ')).toBe('phonenumber');
    expect(normalizeHeader('Mobile_No.')).toBe('mobileno');
    expect(normalizeHeader('شماره\u200cموبايل')).toBe('شمارهموبایل');
    expect(normalizeHeader('WhatsApp (number)')).toBe('whatsappnumber');
  });
});

describe('resolveColumns from headers', () => {
  it.each([
    ['phone', 'name'],
    ['Mobile', 'Full Name'],
    ['Cell', 'First name'],
    ['Tel', 'NAME'],
    ['Telephone', 'name'],
    ['Number', 'name'],
    ['WhatsApp', 'name'],
    ['تلفن', 'نام'],
    ['موبایل', 'نام و نام خانوادگی'],
    ['شماره', 'نام'],
    ['شماره تلفن', 'نام'],
    ['شماره موبایل', 'نام'],
    ['همراه', 'نام'],
    ['شماره‌موبايل', 'نام'],
  ])('finds %j and %j', (phoneHeader, nameHeader) => {
    const { layout, dataStart } = resolve(
      rows(['city', nameHeader, phoneHeader], ['Tehran', 'Ali', '09121234567']),
    );
    expect(layout).toMatchObject({ headerLine: 1, phone: 2, name: 1, detectedBy: 'header' });
    expect(layout.variables).toEqual([{ index: 0, key: 'city' }]);
    expect(dataStart).toBe(1);
  });

  it('skips title rows above the header', () => {
    const { layout, dataStart } = resolve(
      rows(['Customer list'], ['exported 1403/01/01'], ['نام', 'موبایل'], ['علی', '09121234567']),
    );
    expect(layout).toMatchObject({ headerLine: 3, phone: 1, name: 0 });
    expect(dataStart).toBe(3);
  });

  it('prefers, among several phone headings, the one holding phone numbers', () => {
    const sample = rows(
      ['number', 'name', 'mobile'],
      ['1001', 'Ali', '09121234567'],
      ['1002', 'Sara', '09121234568'],
    );
    expect(resolve(sample).layout).toMatchObject({ phone: 2, name: 1 });
    expect(resolve(sample).layout.variables).toEqual([{ index: 0, key: 'number' }]);
  });

  it('finds the phone column from the content when only the name is headed', () => {
    const { layout } = resolve(rows(['Name', 'Contact', 'City'], ['Ali', '0912 123 4567', 'Qom']));
    expect(layout).toMatchObject({ headerLine: 1, phone: 1, name: 0, detectedBy: 'header' });
  });

  it('keys variables by header: trimmed, colN when blank, numbered when repeated', () => {
    const { layout } = resolve(
      rows(
        ['phone', ' City ', '', 'city', 'Name', 'phone', 'note'],
        ['09121234567', 'a', 'b', 'c', 'd', 'e', 'f'],
      ),
    );
    expect(layout.name).toBe(4);
    expect(layout.variables).toEqual([
      { index: 1, key: 'City' },
      { index: 2, key: 'col3' },
      { index: 3, key: 'city_2' },
      { index: 5, key: 'phone_2' },
      { index: 6, key: 'note' },
    ]);
  });
});

describe('resolveColumns from the content', () => {
  it('finds the phone and name columns without a header', () => {
    const { layout, dataStart } = resolve(
      rows(
        ['Tehran', 'علی رضایی', '0912 123 4567', '12'],
        ['Qom', 'Sara', '۰۹۱۲۱۲۳۴۵۶۸', '7'],
        ['Shiraz', 'Reza', 'not given', '3'],
        ['Tabriz', 'Mina', '+98 912 123 4569', '1'],
      ),
    );
    expect(layout).toMatchObject({ headerLine: null, phone: 2, detectedBy: 'content' });
    expect(layout.name).toBe(0); // both text columns qualify: the leftmost wins
    expect(layout.variables.map((v) => v.key)).toEqual(['col2', 'col4']);
    expect(dataStart).toBe(0);
  });

  it('takes a first row of words over the phones for an unrecognised header', () => {
    const { layout, dataStart } = resolve(
      rows(['Kunde', 'Handy'], ['Ali', '09121234567'], ['Sara', '09121234568']),
    );
    expect(layout).toMatchObject({ headerLine: 1, phone: 1, name: 0 });
    expect(layout.variables).toEqual([]);
    expect(dataStart).toBe(1);
  });

  it('reads a bare list of numbers', () => {
    const { layout } = resolve(rows(['09121234567'], ['09121234568']));
    expect(layout).toMatchObject({ headerLine: null, phone: 0, name: null, variables: [] });
  });

  it('refuses a file without any phone number', () => {
    expect(() => resolve(rows(['a', 'b'], ['c', 'd']))).toThrow(/No column of phone numbers was found/);
  });

  it('answers an empty layout for no rows', () => {
    expect(resolve([]).dataStart).toBe(0);
  });
});

describe('resolveColumns with a mapping', () => {
  const sample = rows(['Kunde', 'Handy', 'Ort'], ['Ali', '09121234567', 'Qom']);

  it('takes columns by index and decides the header from the first row', () => {
    const { layout, dataStart } = resolve(sample, { phone: 1, name: 0 });
    expect(layout).toMatchObject({ headerLine: 1, phone: 1, name: 0, detectedBy: 'mapping' });
    expect(layout.variables).toEqual([{ index: 2, key: 'Ort' }]);
    expect(dataStart).toBe(1);
    expect(resolve(rows(['Ali', '09121234567']), { phone: 1, name: 0 }).dataStart).toBe(0);
  });

  it('honours skipHeader', () => {
    expect(resolve(sample, { phone: 1, skipHeader: false })).toMatchObject({
      dataStart: 0,
      layout: { headerLine: null },
    });
    expect(resolve(rows(['x', '1'], ['y', '2']), { phone: 1, skipHeader: true }).dataStart).toBe(1);
  });

  it('takes columns by header text, case- and space-insensitively', () => {
    const { layout } = resolve(sample, { phone: ' handy ', name: 'KUNDE' });
    expect(layout).toMatchObject({ phone: 1, name: 0, headerLine: 1 });
  });

  it('can say there is no name column', () => {
    const { layout } = resolve(rows(['phone', 'name'], ['09121234567', 'Ali']), {
      phone: 'phone',
      name: null,
    });
    expect(layout.name).toBeNull();
    expect(layout.variables).toEqual([{ index: 1, key: 'name_2' }]);
  });

  it('refuses a column that is not there', () => {
    expect(() => resolve(sample, { phone: 'mobile' })).toThrow('There is no column "mobile" in the file');
    expect(() => resolve(sample, { phone: 7 })).toThrow('The file has only 3 columns');
    expect(() => resolve(sample, { phone: -1 })).toThrow('The phone column is not valid');
    expect(() => resolve(sample, { phone: 1, name: 5 })).toThrow('The file has only 3 columns');
  });

  it('refuses the same column for the phone and the name', () => {
    expect(() => resolve(sample, { phone: 1, name: 1 })).toThrow(
      'The phone and the name cannot be the same column',
    );
    expect(() => resolve(sample, { phone: 'Handy', name: 'handy' })).toThrow(
      'The phone and the name cannot be the same column',
    );
  });
});

describe('resolveColumns on contact exports', () => {
  it('takes Google\'s "Phone 1 - Value", not its "Phone 1 - Label" or the first contact for the header', () => {
    const { layout, dataStart } = resolve(
      rows(
        [
          'First Name',
          'Last Name',
          'Phone 1 - Label',
          'Phone 1 - Value',
          'Phone 2 - Label',
          'Phone 2 - Value',
        ],
        ['Ali', 'Rezaei', 'Mobile', '0912 123 4567', '', ''],
        ['Sara', 'Ahmadi', 'Home', '021 8888 7777', 'Mobile', '0935 111 2233'],
      ),
    );
    expect(layout).toMatchObject({ headerLine: 1, phone: 3, phones: [3, 5], nameParts: [0, 1] });
    expect(layout.labels).toEqual({
      phone: ['Phone 1 - Value', 'Phone 2 - Value'],
      name: ['First Name', 'Last Name'],
    });
    expect(dataStart).toBe(1);
  });

  it('keeps a full-name heading alone, and joins «نام» with «نام خانوادگی»', () => {
    expect(
      resolve(rows(['Name', 'Family Name', 'phone'], ['Ali Rezaei', 'Rezaei', '09121234567'])).layout
        .nameParts,
    ).toEqual([0]);
    expect(
      resolve(rows(['نام خانوادگی', 'نام', 'موبایل'], ['رضایی', 'علی', '09121234567'])).layout.nameParts,
    ).toEqual([1, 0]);
  });
});
