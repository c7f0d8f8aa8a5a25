import { fa } from '../fa';
import { faNumber, type MessageArea } from './shared';

/** Why a phone number was refused (the shared phone rules' reasons, as the campaigns pages say them). */
const PHONE_REASONS: Record<string, string> = {
  'empty phone number': fa['campaigns.rejection.empty'],
  'not a phone number': fa['campaigns.rejection.notPhone'],
  'not a valid phone number': fa['campaigns.rejection.invalid'],
  'none of its numbers is a valid phone number': fa['campaigns.rejection.noneValid'],
};

/** What was attempted too often, as the rate limits name it. */
const TOO_MANY: Record<string, string> = {
  'sign-in attempts from your network': 'تلاش برای ورود از شبکه‌ی شما',
  'failed sign-ins for this account': 'ورودهای ناموفق به این حساب',
  'sign-ups from your network': 'ثبت‌نام از شبکه‌ی شما',
  'requests with an invalid API key': 'درخواست با کلید API نامعتبر',
  'codes were sent to this address': 'کدهای فرستاده‌شده به این نشانی',
  'code requests from your network': 'درخواست کد از شبکه‌ی شما',
};

/** "900" seconds → "۱۵ دقیقه"; short waits stay in seconds. */
function faWait(seconds: number): string {
  return seconds >= 120
    ? `${faNumber(String(Math.ceil(seconds / 60)))} دقیقه`
    : `${faNumber(String(seconds))} ثانیه`;
}

/** Signing in and up, the profile, one-time codes, sign-in limits and administrators' rights. */
export const account: MessageArea = {
  exact: {
    'Please sign in first.': 'لطفاً نخست وارد شوید.',
    'This needs an administrator.': 'این کار دسترسی مدیر می‌خواهد.',
    'Request from another site refused.': 'درخواستی که از سایت دیگری آمده بود پذیرفته نشد.',
    'Could not identify the caller.': 'درخواست‌کننده شناسایی نشد. دوباره امتحان کنید.',
    'Wrong email, phone, username or password.': 'ایمیل، تلفن، نام کاربری یا گذرواژه نادرست است.',
    'This account is inactive. Contact support to reactivate it.':
      'این حساب غیرفعال است. برای فعال‌سازی دوباره با پشتیبانی تماس بگیرید.',
    'This account is banned.': 'این حساب مسدود شده است.',
    // A live connection that lost its identity (password change, ban, sign-out, revoked key).
    'Your sign-in has ended. Sign in again.': 'ورود شما پایان یافته است. دوباره وارد شوید.',
    'Your session has ended. Sign in again.': 'نشست شما پایان یافته است. دوباره وارد شوید.',
    'This API key was revoked.': 'این کلید API باطل شده است.',
    'Choose at least one event.': 'دست‌کم یک رویداد را انتخاب کنید.',
    'Enter the full http:// or https:// address of your endpoint.':
      'نشانی کامل گیرنده را با http:// یا https:// وارد کنید.',
    'This account is no longer active.': 'این حساب دیگر فعال نیست.',
    'Your role has changed. Reconnect.': 'نقش شما تغییر کرده است. دوباره وصل شوید.',
    'The connection was closed.': 'اتصال بسته شد.',
    'Something went wrong on the server. Try again; if it keeps happening, quote the request id.':
      'در سرور خطایی رخ داد. دوباره امتحان کنید؛ اگر تکرار شد، شناسه‌ی درخواست را به پشتیبانی بگویید.',
    'This account already exists.': 'این حساب از پیش وجود دارد.',
    'This email is already registered. Sign in instead.':
      'این ایمیل پیش‌تر ثبت شده است. به‌جای ثبت‌نام وارد شوید.',
    'This phone number is already registered. Sign in instead.':
      'این شماره‌ی تلفن پیش‌تر ثبت شده است. به‌جای ثبت‌نام وارد شوید.',
    'This username is taken. Choose another.': 'این نام کاربری گرفته شده است. نام دیگری برگزینید.',
    'Enter your name.': 'نام خود را وارد کنید.',
    'Enter a valid email address.': 'یک نشانی ایمیل درست وارد کنید.',
    'Enter your email, phone or username.': 'ایمیل، تلفن یا نام کاربری خود را وارد کنید.',
    'Enter your email or phone.': 'ایمیل یا شماره‌ی تلفن خود را وارد کنید.',
    'Enter your password.': 'گذرواژه‌ی خود را وارد کنید.',
    'Enter your current password.': 'گذرواژه‌ی کنونی را وارد کنید.',
    'Use at least 8 characters for the password.': 'گذرواژه دست‌کم ۸ نویسه باشد.',
    'The password is too long (256 characters at most).':
      'گذرواژه بیش از اندازه بلند است (حداکثر ۲۵۶ نویسه).',
    'The current password is wrong.': 'گذرواژه‌ی کنونی درست نیست.',
    'Choose a password different from the current one.': 'گذرواژه‌ای متفاوت با گذرواژه‌ی کنونی برگزینید.',
    'A username has 3–32 letters, digits, "_" or ".".': 'نام کاربری ۳ تا ۳۲ حرف، رقم، «_» یا «.» است.',
    'Choose a country by its two-letter code, e.g. IR, CA or DE.':
      'کشور را با کد دوحرفی‌اش برگزینید، مثلاً IR، CA یا DE.',
    'User not found.': 'کاربر پیدا نشد.',
    'Enter the code you received (digits only).': 'کدی را که دریافت کردید وارد کنید (فقط رقم).',
    'Your phone number is already verified.': 'شماره‌ی تلفن شما پیش‌تر تأیید شده است.',
    'Your email is already verified.': 'ایمیل شما پیش‌تر تأیید شده است.',
    'This server cannot send text messages yet (no SMS provider is configured). Ask the administrator.':
      'این سرور هنوز نمی‌تواند پیامک بفرستد (سرویس پیامک تنظیم نشده است). از مدیر سامانه بخواهید.',
    'This server cannot send email yet (no mail server is configured). Ask the administrator.':
      'این سرور هنوز نمی‌تواند ایمیل بفرستد (سرور ایمیل تنظیم نشده است). از مدیر سامانه بخواهید.',
    'This code is wrong or has expired. Ask for a new one.':
      'این کد نادرست است یا منقضی شده. کد تازه‌ای بخواهید.',
    'This code has expired or was already used. Ask for a new one.':
      'این کد منقضی شده یا پیش‌تر به کار رفته است. کد تازه‌ای بخواهید.',
    'Too many wrong codes. Ask for a new one.': 'کد نادرست بیش از اندازه وارد شد. کد تازه‌ای بخواهید.',
    'Wrong code. Too many wrong codes: ask for a new one.':
      'کد نادرست است. کد نادرست بیش از اندازه وارد شد: کد تازه‌ای بخواهید.',
    'You cannot change your own role or status.': 'نقش یا وضعیت حساب خودتان را نمی‌توانید تغییر دهید.',
    'Only a super admin can change administrators.': 'فقط مدیر ارشد می‌تواند مدیران را تغییر دهد.',
    'Give a worker id, or null for accounts nobody holds.':
      'شناسهٔ یک کارگزار را بدهید، یا null برای حساب‌هایی که در دست هیچ‌کس نیست.',
    'A worker id has at most 128 characters.': 'شناسهٔ کارگزار حداکثر ۱۲۸ نویسه است.',
  },
  patterns: [
    [/^Phone: (.+)\.$/, (m) => (PHONE_REASONS[m[1]!] ? `تلفن: ${PHONE_REASONS[m[1]!]}.` : null)],
    // The reason is the administrator's own words.
    [/^This account is banned: (.+)$/s, (m) => `این حساب مسدود شده است: ${m[1]}`],
    [
      /^A code was just sent\. Wait (\d+) seconds? before asking for another\.$/,
      (m) => `کدی همین حالا فرستاده شد. پیش از درخواست کد دیگر ${faNumber(m[1]!)} ثانیه صبر کنید.`,
    ],
    [
      /^Wrong code\. (\d+) (?:try|tries) left\.$/,
      (m) => `کد نادرست است. ${faNumber(m[1]!)} بار دیگر می‌توانید امتحان کنید.`,
    ],
    // The provider's own words stay in the server's log; the person can only try again.
    [
      /^The code could not be sent: .* Try again in a few minutes\.$/s,
      () => 'کد فرستاده نشد. چند دقیقه‌ی دیگر دوباره امتحان کنید.',
    ],
    [
      /^Too many (.+)\. Try again in (\d+) (seconds?|minutes)\.$/,
      (m) =>
        TOO_MANY[m[1]!]
          ? `${TOO_MANY[m[1]!]} بیش از اندازه بوده است. ${faWait(Number(m[2]) * (m[3] === 'minutes' ? 60 : 1))} دیگر دوباره امتحان کنید.`
          : null,
    ],
    [/^Too many .+ Try again in .+\.$/, () => 'تلاش‌ها بیش از اندازه بود. کمی بعد دوباره امتحان کنید.'],
  ],
};
