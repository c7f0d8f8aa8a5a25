import { faNumber, type MessageArea } from './shared';

const TOO = {
  string: 'نویسه',
  array: 'مورد',
  set: 'مورد',
} as Record<string, string>;

/**
 * Zod's own words, for the limits that have no message of their own (most lengths). The
 * forms check them first, so a person meets these only when a client skipped that.
 */
export const validation: MessageArea = {
  exact: {
    'Invalid input': 'ورودی نامعتبر است.',
  },
  patterns: [
    [
      /^Too (big|small): expected (string|array|set) to have ([<>]=?)(\d+) (?:characters|items)$/,
      (m) =>
        `${m[1] === 'big' ? 'بیش از اندازه بلند است' : 'بیش از اندازه کوتاه است'}: ${m[3]!.startsWith('<') ? 'حداکثر' : 'دست‌کم'} ${faNumber(m[4]!)} ${TOO[m[2]!]}.`,
    ],
    [
      /^Too (big|small): expected number to be ([<>]=?)(-?[\d.]+)$/,
      (m) =>
        `${m[1] === 'big' ? 'عدد بیش از اندازه بزرگ است' : 'عدد بیش از اندازه کوچک است'}: ${m[2]!.startsWith('<') ? 'حداکثر' : 'دست‌کم'} ${faNumber(m[3]!)}.`,
    ],
    [/^Invalid input: expected (\w+), received (\w+)$/, () => 'ورودی نامعتبر است.'],
    [/^Invalid option: expected one of .+$/s, () => 'گزینه‌ی نامعتبر است.'],
    [/^Unrecognized keys?: (.+)$/s, (m) => `کلید ناشناخته: ${m[1]}`],
    [/^Invalid (ISO datetime|ISO date|date|email address|URL)$/, () => 'مقدار نامعتبر است.'],
  ],
};
