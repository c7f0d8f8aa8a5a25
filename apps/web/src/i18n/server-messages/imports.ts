import { faNumber, faQuotedList, type MessageArea } from './shared';

const SIZE_UNITS: Record<string, string> = { bytes: 'بایت', KB: 'کیلوبایت', MB: 'مگابایت', GB: 'گیگابایت' };

const COLUMN_ROLES: Record<string, string> = { phone: 'شماره', name: 'نام' };

/** How far a refused spreadsheet would inflate, as the reader says it. */
function spreadsheetBound(what: string): string | null {
  let m = what.match(/^([\d.]+) (bytes|KB|MB|GB)$/);
  if (m) return `${faNumber(m[1]!)} ${SIZE_UNITS[m[2]!]}`;
  m = what.match(/^(\d+) parts$/);
  if (m) return `${faNumber(m[1]!)} بخش`;
  m = what.match(/^([\d.]+) times its size$/);
  if (m) return `${faNumber(m[1]!)} برابر حجم خود`;
  if (what === 'it declares') return 'حجمی که اعلام کرده است';
  return null;
}

/**
 * Why a file of recipients or opt-outs could not be imported (the importer's words, sent
 * as they are, without a closing full stop).
 */
export const imports: MessageArea = {
  exact: {
    'The file is empty': 'فایل خالی است.',
    'This file is not a CSV, TSV or Excel file': 'این فایل CSV، TSV یا اکسل نیست.',
    'This is an old Excel (.xls) file: save it as .xlsx or CSV in Excel and upload that':
      'این یک فایل اکسل قدیمی (.xls) است: آن را در اکسل به‌صورت .xlsx یا CSV ذخیره و همان را بارگذاری کنید.',
    'This is an OpenDocument spreadsheet: save it as .xlsx or CSV and upload that':
      'این یک صفحه‌گسترده‌ی OpenDocument است: آن را به‌صورت .xlsx یا CSV ذخیره و همان را بارگذاری کنید.',
    'This spreadsheet is damaged and could not be read': 'این فایل اکسل آسیب دیده است و خوانده نشد.',
    'No column of phone numbers was found: head it "phone" or "موبایل", or choose the column when importing':
      'ستونی از شماره تلفن‌ها پیدا نشد: عنوان آن را «phone» یا «موبایل» بگذارید، یا هنگام وارد کردن ستون را انتخاب کنید.',
  },
  patterns: [
    [
      /^The file is larger than ([\d.]+) (bytes|KB|MB|GB)\.?$/,
      (m) => `حجم فایل بیش از ${faNumber(m[1]!)} ${SIZE_UNITS[m[2]!]} است.`,
    ],
    [/^The file has more than ([\d,]+) rows$/, (m) => `فایل بیش از ${faNumber(m[1]!)} ردیف دارد.`],
    [/^The file has more than ([\d,]+) columns$/, (m) => `فایل بیش از ${faNumber(m[1]!)} ستون دارد.`],
    [/^The file has only (\d+) columns?$/, (m) => `فایل فقط ${faNumber(m[1]!)} ستون دارد.`],
    [
      /^The (\w+) column is not valid$/,
      (m) => (COLUMN_ROLES[m[1]!] ? `ستون ${COLUMN_ROLES[m[1]!]} معتبر نیست.` : null),
    ],
    [/^There is no column "(.*)" in the file$/s, (m) => `فایل ستونی با نام «${m[1]}» ندارد.`],
    [
      /^This spreadsheet expands to more than (.+) and was refused$/,
      (m) => {
        const bound = spreadsheetBound(m[1]!);
        return `این فایل اکسل هنگام باز شدن از ${bound ?? 'اندازه‌ی مجاز'} فراتر می‌رود و پذیرفته نشد.`;
      },
    ],
    [
      /^This spreadsheet has no sheet (?:number (\d+)|"(.*)")\. Its sheets are: (.*)$/s,
      (m) =>
        `این فایل اکسل ${m[1] ? `برگه‌ی شماره‌ی ${faNumber(m[1])}` : `برگه‌ای با نام «${m[2]}»`} ندارد. برگه‌های آن: ${faQuotedList(m[3]!)}`,
    ],
    [
      /^The quote \("\) that opens a cell on row (\d+) is never closed$/,
      (m) => `گیومه‌ای (") که در ردیف ${faNumber(m[1]!)} خانه‌ای را باز می‌کند هیچ‌جا بسته نمی‌شود.`,
    ],
    [
      /^Row (\d+) is longer than 1 MB: check the quotes \("\) in the file$/,
      (m) => `ردیف ${faNumber(m[1]!)} بیش از ۱ مگابایت است: گیومه‌های (") فایل را بررسی کنید.`,
    ],
    [
      /^The contact card at line (\d+) is longer than 1 MB$/,
      (m) => `کارت مخاطبِ سطر ${faNumber(m[1]!)} بیش از ۱ مگابایت است.`,
    ],
    [
      /^Line (\d+) of the contact file is longer than 1 MB$/,
      (m) => `سطر ${faNumber(m[1]!)} فایل مخاطبان بیش از ۱ مگابایت است.`,
    ],
    [
      /^Row (\d+) has a quote \("\) in the wrong place$/,
      (m) => `در ردیف ${faNumber(m[1]!)} یک گیومه (") در جای نادرست آمده است.`,
    ],
    [
      /^The file could not be read as a table at row (\d+)$/,
      (m) => `فایل در ردیف ${faNumber(m[1]!)} به‌صورت جدول خوانده نشد.`,
    ],
  ],
};
