import { describe, expect, it } from 'vitest';
import { rejectedRowsCsv } from './rejected-csv';

describe('rejectedRowsCsv', () => {
  const rows = [
    { line: 3, value: '12345', reason: 'not a valid phone number' },
    { line: 7, value: '=cmd|"/c calc"!A1', reason: 'not a phone number' },
    { line: 9, value: '+98 912', reason: 'not a valid phone number' },
    { line: 12, value: '@x, "y"', reason: 'شماره نیست' },
  ];

  it('is a UTF-8 CSV with a BOM: line, value, reason', () => {
    const csv = rejectedRowsCsv(rows);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[0]).toBe('line,value,reason');
    expect(lines[1]).toBe('3,12345,not a valid phone number');
    expect(lines).toHaveLength(rows.length + 2); // header, rows, and the final line end
    expect(lines.at(-1)).toBe('');
  });

  it('neutralises cells a spreadsheet would run', () => {
    const lines = rejectedRowsCsv(rows).slice(1).split('\r\n');
    expect(lines[2]).toBe(`7,"'=cmd|""/c calc""!A1",not a phone number`);
    expect(lines[3]).toBe(`9,'+98 912,not a valid phone number`);
    expect(lines[4]).toBe(`12,"'@x, ""y""",شماره نیست`);
  });

  it('takes translated column names', () => {
    const csv = rejectedRowsCsv([], ['سطر', 'مقدار', 'دلیل']);
    expect(csv).toBe('\uFEFFسطر,مقدار,دلیل\r\n');
  });
});
