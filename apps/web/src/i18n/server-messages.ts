/**
 * The server explains refusals in English (the typed client's users read them too). In the
 * Persian interface the messages a person meets in the app are said in Persian: exact
 * messages first, then the shapes with a variable part. Anything unknown stays as sent,
 * isolated by `<bdi>` where it is shown.
 */
const EXACT: Record<string, string> = {
  'Please sign in first.': 'لطفاً نخست وارد شوید.',
  'This needs an administrator.': 'این کار دسترسی مدیر می‌خواهد.',
  'Wrong email, phone, username or password.': 'ایمیل، تلفن، نام کاربری یا گذرواژه نادرست است.',
  'This account is inactive. Contact support to reactivate it.':
    'این حساب غیرفعال است. برای فعال‌سازی دوباره با پشتیبانی تماس بگیرید.',
  'Enter your name.': 'نام خود را وارد کنید.',
  'Enter a valid email address.': 'یک نشانی ایمیل درست وارد کنید.',
  'Enter your email, phone or username.': 'ایمیل، تلفن یا نام کاربری خود را وارد کنید.',
  'Enter your password.': 'گذرواژه‌ی خود را وارد کنید.',
  'Enter your current password.': 'گذرواژه‌ی کنونی را وارد کنید.',
  'Use at least 8 characters for the password.': 'گذرواژه دست‌کم ۸ نویسه باشد.',
  'The password is too long (256 characters at most).': 'گذرواژه بیش از اندازه بلند است (حداکثر ۲۵۶ نویسه).',
  'The current password is wrong.': 'گذرواژه‌ی کنونی درست نیست.',
  'Choose a password different from the current one.': 'گذرواژه‌ای متفاوت با گذرواژه‌ی کنونی برگزینید.',
  'A username has 3–32 letters, digits, "_" or ".".': 'نام کاربری ۳ تا ۳۲ حرف، رقم، «_» یا «.» است.',
  'Choose a country by its two-letter code, e.g. IR, CA or DE.':
    'کشور را با کد دوحرفی‌اش برگزینید، مثلاً IR، CA یا DE.',
  'Give the account a label.': 'برای حساب یک برچسب بنویسید.',
  'The daily limit is at least 1.': 'سقف روزانه دست‌کم ۱ است.',
  'More than 5000 messages a day gets numbers banned; the limit is 5000.':
    'بیش از ۵۰۰۰ پیام در روز شماره را مسدود می‌کند؛ سقف ۵۰۰۰ است.',
  'This account has running or scheduled campaigns. Pause or cancel them before removing it.':
    'این حساب کمپین در حال اجرا یا زمان‌بندی‌شده دارد. پیش از حذف، آن‌ها را متوقف یا لغو کنید.',
  'Name the key.': 'برای کلید نامی بنویسید.',
  'User not found.': 'کاربر پیدا نشد.',
};

const THINGS: Record<string, string> = {
  'WhatsApp account': 'حساب واتس‌اپ',
  'API key': 'کلید API',
  Campaign: 'کمپین',
  'Opt-out': 'شماره‌ی لغو اشتراک',
  User: 'کاربر',
};

const PATTERNS: Array<[RegExp, (match: RegExpMatchArray) => string | null]> = [
  [/^(.+) not found\.$/, (m) => (THINGS[m[1]!] ? `${THINGS[m[1]!]} پیدا نشد.` : null)],
  [/^Too many .+ Try again in .+\.$/, () => 'تلاش‌ها بیش از اندازه بود. کمی بعد دوباره امتحان کنید.'],
];

export function localizeServerMessage(message: string, language: string): string {
  if (language !== 'fa') return message;
  const exact = EXACT[message];
  if (exact) return exact;
  for (const [pattern, say] of PATTERNS) {
    const match = message.match(pattern);
    const said = match && say(match);
    if (said) return said;
  }
  return message;
}

/** The interface's language right now (the provider keeps `<html lang>` in step with it). */
export function documentLanguage(): string {
  return typeof document === 'undefined' ? 'en' : document.documentElement.lang;
}
