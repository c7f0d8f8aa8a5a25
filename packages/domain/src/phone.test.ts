import { describe, expect, it } from 'vitest';
import { normalizePhone, pickPhone, toAsciiDigits } from './phone';

describe('toAsciiDigits', () => {
  it('maps Persian and Arabic-Indic digits and leaves everything else alone', () => {
    expect(toAsciiDigits('۰۱۲۳۴۵۶۷۸۹')).toBe('0123456789');
    expect(toAsciiDigits('٠١٢٣٤٥٦٧٨٩')).toBe('0123456789');
    expect(toAsciiDigits('Tel: ۰۹۱۲-abc')).toBe('Tel: 0912-abc');
  });
});

describe('normalizePhone', () => {
  const e164 = (raw: string, country?: 'IR' | 'CA' | 'DE') => {
    const r = normalizePhone(raw, country);
    return r.ok ? r.e164 : `invalid: ${r.reason}`;
  };

  it.each([
    ['09121234567', '+989121234567'],
    ['0912 123 4567', '+989121234567'],
    ['0912-123-4567', '+989121234567'],
    ['(0912) 123 4567', '+989121234567'],
    ['9121234567', '+989121234567'],
    ['+98 912 123 4567', '+989121234567'],
    ['0098 912 123 4567', '+989121234567'],
    ['۰۹۱۲۱۲۳۴۵۶۷', '+989121234567'],
    ['٠٩١٢١٢٣٤٥٦٧', '+989121234567'],
    ['\u200e+98 912 123 4567\u200f', '+989121234567'],
    ['0912\t123\n4567', '+989121234567'],
    ['0912\u2003123 4567', '+989121234567'],
    ['+1 416 555 0123', '+14165550123'],
    ['+49 30 901820', '+4930901820'],
  ])('reads %s as %s with Iran as the default country', (raw, expected) => {
    expect(e164(raw)).toBe(expected);
  });

  it('uses the given default country for national numbers', () => {
    expect(e164('(416) 555-0123', 'CA')).toBe('+14165550123');
    expect(e164('030 901820', 'DE')).toBe('+4930901820');
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['0912', 'not a valid'],
    ['091212345678901', 'not a valid'],
    ['call me', 'not a phone number'],
    ['0912x1234567', 'not a phone number'],
    ['+98 000 000 0000', 'not a valid'],
  ])('refuses %j with a reason', (raw, reason) => {
    const r = normalizePhone(raw);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain(reason);
  });
});

describe('pickPhone', () => {
  it.each([
    ['021 8888 7777 ::: 0912 123 4567', '+989121234567', ['+982188887777']],
    ['09121234567; 09351234567', '+989121234567', ['+989351234567']],
    ['۰۲۱۸۸۸۸۷۷۷۷ / ۰۹۱۲۱۲۳۴۵۶۷', '+989121234567', ['+982188887777']],
    ['02188887777,02122334455', '+982188887777', ['+982122334455']],
    ['0912 123 4567\n0935 123 4567', '+989121234567', ['+989351234567']],
    ['09121234567، 09121234567', '+989121234567', []],
    ['abc; 09121234567', '+989121234567', ['abc']],
    // One number written with a slash or a line break is still one number.
    ['021/88887777', '+982188887777', []],
    ['0912\t123\n4567', '+989121234567', []],
  ])('takes from %j the first mobile, else the first valid one', (cell, phone, others) => {
    expect(pickPhone(cell, 'IR')).toEqual({ ok: true, e164: phone, others });
  });

  it('looks through several cells in order, skipping empty ones', () => {
    expect(pickPhone(['', '021 8888 7777', '0912 123 4567'], 'IR')).toEqual({
      ok: true,
      e164: '+989121234567',
      others: ['+982188887777'],
    });
  });

  it('refuses a cell with no valid number, with the reason of a lone one', () => {
    expect(pickPhone('12; 34', 'IR')).toEqual({
      ok: false,
      reason: 'none of its numbers is a valid phone number',
    });
    expect(pickPhone('12', 'IR')).toEqual({ ok: false, reason: 'not a valid phone number' });
    expect(pickPhone([], 'IR')).toEqual({ ok: false, reason: 'empty phone number' });
  });
});
