import { faNumber, type MessageArea, PAYMENT_STATES } from './shared';

/** ZarinPal's documented error codes, in the words the server gives them. */
const ZARINPAL_CODES: Record<string, string> = {
  'the payment details were rejected (validation error)': 'مشخصات پرداخت پذیرفته نشد (خطای اعتبارسنجی)',
  'the merchant id or server address is not accepted': 'شناسه‌ی پذیرنده یا نشانی سرور پذیرفته نیست',
  'the merchant account is not active': 'حساب پذیرنده فعال نیست',
  'too many attempts; try again shortly': 'تلاش‌ها بیش از اندازه بود؛ کمی بعد دوباره امتحان کنید',
  'the merchant account is suspended': 'حساب پذیرنده تعلیق شده است',
  'the merchant account level is too low': 'سطح حساب پذیرنده کافی نیست',
  'the merchant may not use floating fees': 'پذیرنده اجازه‌ی کارمزد شناور ندارد',
  'the amount is not accepted': 'مبلغ پذیرفته نیست',
  'the amount paid differs from the amount asked': 'مبلغ پرداخت‌شده با مبلغ درخواستی یکی نیست',
  'the payment did not go through': 'پرداخت انجام نشد',
  'an unexpected error at the gateway': 'خطای پیش‌بینی‌نشده در درگاه',
  'this payment belongs to another merchant': 'این پرداخت به پذیرنده‌ی دیگری تعلق دارد',
  'the payment reference is not valid': 'شناسه‌ی پرداخت معتبر نیست',
  'the payment was not found': 'پرداخت پیدا نشد',
};

function zarinpalCode(text: string): string | null {
  const code = text.match(/^error code (-?\d+)$/);
  if (code) return `خطای شماره‌ی ${code[1]}`;
  return ZARINPAL_CODES[text] ?? null;
}

const CURRENCIES: Record<string, string> = { IRT: 'تومان', IRR: 'ریال' };

/** Packages, payments (ZarinPal and manual transfers), receipts, subscriptions and grants. */
export const billing: MessageArea = {
  exact: {
    'The payment was not completed at the gateway within an hour; nothing was charged.':
      'پرداخت در درگاه ظرف یک ساعت انجام نشد؛ مبلغی کسر نشد.',
    'This package is not on sale any more. Choose another.':
      'این بسته دیگر فروخته نمی‌شود. بسته‌ی دیگری برگزینید.',
    'Paying by ZarinPal is not offered on this server.': 'پرداخت با زرین‌پال در این سرور ممکن نیست.',
    'Paying by manual transfer is not offered on this server.': 'پرداخت کارت‌به‌کارت در این سرور ممکن نیست.',
    'Receipts are for manual transfers only.': 'رسید فقط برای پرداخت کارت‌به‌کارت است.',
    'A receipt can be 10 MB at most.': 'حجم رسید حداکثر ۱۰ مگابایت است.',
    'Upload the receipt as a JPEG, PNG or WebP image, or a PDF.':
      'رسید را به‌صورت تصویر JPEG، PNG یا WebP یا فایل PDF بارگذاری کنید.',
    'This payment was settled meanwhile; the receipt was not attached.':
      'وضعیت این پرداخت در همین فاصله روشن شد؛ رسید پیوست نشد.',
    'Only manual transfers are approved by hand; ZarinPal confirms its own.':
      'فقط پرداخت‌های کارت‌به‌کارت دستی تأیید می‌شوند؛ زرین‌پال پرداخت‌های خود را خودش تأیید می‌کند.',
    'Only manual transfers are rejected by hand.': 'فقط پرداخت‌های کارت‌به‌کارت دستی رد می‌شوند.',
    'This user has no subscription in force: give at least one day.':
      'این کاربر اشتراک جاری ندارد: دست‌کم یک روز اعطا کنید.',
    'Tell the user why the payment is rejected.': 'دلیل رد پرداخت را برای کاربر بنویسید.',
    'Give at least one day or one message.': 'دست‌کم یک روز یا یک پیام اعطا کنید.',
    'Give the package a title.': 'برای بسته عنوانی بنویسید.',
    'Price is a number with at most 8 digits and 2 decimals.': 'قیمت عددی با حداکثر ۸ رقم و ۲ رقم اعشار است.',
    'Duration is at least one day.': 'مدت بسته دست‌کم یک روز است.',
    'Keep the reason under 500 characters.': 'دلیل را کمتر از ۵۰۰ نویسه بنویسید.',
    // Why the gateway failed: inside a refusal at checkout, and as a failed payment's reason.
    'The payment gateway failed.': 'درگاه پرداخت با خطا روبه‌رو شد.',
    'ZarinPal could not be reached.': 'دسترسی به زرین‌پال ممکن نشد.',
    'ZarinPal answered without data or errors.': 'زرین‌پال بدون داده یا خطا پاسخ داد.',
    'ZarinPal answered without a payment reference.': 'زرین‌پال بدون شناسه‌ی پرداخت پاسخ داد.',
    'The payment was cancelled at the gateway; nothing was charged.':
      'پرداخت در درگاه لغو شد؛ مبلغی کسر نشد.',
    'ZarinPal answered a verification without a code.': 'زرین‌پال به درخواست تأیید بدون کد پاسخ داد.',
    'ZarinPal confirmed the payment without a receipt number.':
      'زرین‌پال پرداخت را بدون شماره‌ی پیگیری تأیید کرد.',
  },
  patterns: [
    [
      /^ZarinPal takes whole amounts of (\w+); this package costs ([\d.]+)\. Pay by manual transfer or ask the administrator to fix the price\.$/,
      (m) =>
        `زرین‌پال فقط مبلغ بدون اعشار به ${CURRENCIES[m[1]!] ?? m[1]} می‌پذیرد؛ قیمت این بسته ${faNumber(m[2]!)} است. کارت‌به‌کارت بپردازید یا از مدیر بخواهید قیمت را اصلاح کند.`,
    ],
    [
      /^This payment is already (\w+)\.$/,
      (m) => (PAYMENT_STATES[m[1]!] ? `وضعیت این پرداخت از پیش «${PAYMENT_STATES[m[1]!]}» است.` : null),
    ],
    [
      /^ZarinPal did not answer within ([\d.]+) s\.$/,
      (m) => `زرین‌پال در ${faNumber(m[1]!)} ثانیه پاسخ نداد.`,
    ],
    [
      /^ZarinPal answered something unexpected \(HTTP (\d+)\)\.$/,
      (m) => `زرین‌پال پاسخ نامنتظره‌ای داد (HTTP ${m[1]}).`,
    ],
    [
      /^ZarinPal refused: (.+)\.$/,
      (m) => {
        const why = zarinpalCode(m[1]!);
        return why ? `زرین‌پال نپذیرفت: ${why}.` : null;
      },
    ],
    [
      /^The payment was not confirmed: (.+)\.$/,
      (m) => {
        const why = zarinpalCode(m[1]!);
        return why ? `پرداخت تأیید نشد: ${why}.` : null;
      },
    ],
    [
      /^(.+) Nothing was charged; try again in a few minutes\.$/s,
      (m, inner) =>
        `${inner(m[1]!) ?? 'درگاه پرداخت با خطا روبه‌رو شد.'} مبلغی کسر نشد؛ چند دقیقه‌ی دیگر دوباره امتحان کنید.`,
    ],
  ],
};
