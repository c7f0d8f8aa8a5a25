import { type Params, type ReasonDictionary, type SizeUnits, type StatusLabels, sayIn } from './format';
import { invalidInputFa } from './invalid-input';

const LABELS: StatusLabels = {
  campaign: {
    DRAFT: 'پیش‌نویس',
    READY: 'آماده',
    SCHEDULED: 'زمان‌بندی‌شده',
    RUNNING: 'در حال ارسال',
    PAUSED: 'متوقف‌شده',
    COMPLETED: 'پایان‌یافته',
    FAILED: 'ناموفق',
    CANCELLED: 'لغوشده',
  },
  account: {
    DISCONNECTED: 'قطع',
    CONNECTING: 'در حال اتصال',
    QR: 'در انتظار اسکن کد QR',
    READY: 'آماده',
    FAILED: 'ناموفق',
  },
  payment: {
    PENDING: 'در انتظار',
    PAID: 'پرداخت‌شده',
    FAILED: 'ناموفق',
    CANCELLED: 'لغوشده',
    REJECTED: 'ردشده',
  },
};

const UNITS: SizeUnits = {
  sizes: ['بایت', 'کیلوبایت', 'مگابایت', 'گیگابایت'],
  seconds: (n) => `${n} ثانیه`,
  minutes: (n) => `${n} دقیقه`,
  quote: (text) => `«${text}»`,
  listSeparator: '، ',
};

export const sayFa = sayIn('fa-IR', LABELS, UNITS);

const channel = (c: unknown) => (c === 'SMS' ? 'پیامک' : 'ایمیل');
const missingThing = (what: string) => () => `${what} پیدا نشد.`;
const LIMITS: Record<string, string> = {
  loginPerIp: 'تلاش برای ورود از شبکه‌ی شما',
  loginFailures: 'ورودهای ناموفق به این حساب',
  registerPerIp: 'ثبت‌نام از شبکه‌ی شما',
  apiKeyFailures: 'درخواست با کلید API نامعتبر',
  otpPerTarget: 'کدهای فرستاده‌شده به این نشانی',
  otpPerIp: 'درخواست کد از شبکه‌ی شما',
};
const PHONE_PROBLEMS: Record<string, string> = {
  EMPTY: 'شماره خالی است',
  NOT_A_PHONE: 'شماره تلفن نیست',
  INVALID: 'شماره تلفن معتبر نیست',
  NONE_VALID: 'هیچ‌یک از شماره‌هایش معتبر نیست',
};
const MEDIA_KINDS: Record<string, string> = {
  image: 'تصویر',
  video: 'ویدیو',
  audio: 'فایل صوتی',
  document: 'سند',
};
const CURRENCIES: Record<string, string> = { IRT: 'تومان', IRR: 'ریال' };
const DAMAGED: Record<string, (line: string) => string> = {
  UNCLOSED_QUOTE: (l) => `گیومه‌ای (") که در ردیف ${l} خانه‌ای را باز می‌کند هیچ‌جا بسته نمی‌شود.`,
  ROW_TOO_LONG: (l) => `ردیف ${l} بیش از ۱ مگابایت است: گیومه‌های (") فایل را بررسی کنید.`,
  MISPLACED_QUOTE: (l) => `در ردیف ${l} یک گیومه (") در جای نادرست آمده است.`,
  UNREADABLE_ROW: (l) => `فایل در ردیف ${l} به‌صورت جدول خوانده نشد.`,
  CARD_TOO_LONG: (l) => `کارت مخاطبِ سطر ${l} بیش از ۱ مگابایت است.`,
  LINE_TOO_LONG: (l) => `سطر ${l} فایل مخاطبان بیش از ۱ مگابایت است.`,
};
const template = (fault: string) => (p: Params) =>
  `«${sayFa.text(p.snippet)}» در سطر ${sayFa.number(p.line)}، ستون ${sayFa.number(p.column)} ${fault}.`;

/** Persian for every reason, from the code and its params. */
export const reasonsFa: ReasonDictionary = {
  INTERNAL: () =>
    'در سرور خطایی رخ داد. دوباره امتحان کنید؛ اگر تکرار شد، شناسه‌ی درخواست را به پشتیبانی بگویید.',
  INVALID_INPUT: (p, say) => invalidInputFa(p, say),
  NOT_FORM_DATA: () => 'این را به‌صورت multipart/form-data (FormData) بفرستید.',
  FORM_FILE_MISSING: (p, say) => `فایل را با نام «${say.text(p.name)}» پیوست کنید.`,
  FORM_FILE_EMPTY: () => 'فایل خالی است.',
  FORM_NUMBER_INVALID: (p, say) => `«${say.text(p.name)}» را عددی مثبت بدهید.`,
  FORM_JSON_INVALID: (p, say) => `«${say.text(p.name)}» JSON معتبری نیست.`,
  FORM_FIELD_INVALID: (p, say) => `«${say.text(p.name)}» معتبر نیست.`,
  RATE_LIMITED: (p, say) =>
    `${LIMITS[String(p.limit)] ?? 'تلاش‌ها'} بیش از اندازه بوده است. ${say.wait(p.retryAfter)} دیگر دوباره امتحان کنید.`,
  NOT_FOUND: () => 'پیدا نشد.',
  TIMEOUT: () => 'پاسخ سرور بیش از اندازه طول کشید. دوباره امتحان کنید.',
  UNAUTHENTICATED: () => 'لطفاً نخست وارد شوید.',
  SIGN_IN_ENDED: () => 'ورود شما پایان یافته است. دوباره وارد شوید.',
  SESSION_ENDED: () => 'نشست شما پایان یافته است. دوباره وارد شوید.',
  API_KEY_REVOKED: () => 'این کلید API باطل شده است.',
  ACCOUNT_NO_LONGER_ACTIVE: () => 'این حساب دیگر فعال نیست.',
  ROLE_CHANGED: () => 'نقش شما تغییر کرده است. دوباره وصل شوید.',
  CONNECTION_CLOSED: () => 'اتصال بسته شد.',
  CROSS_SITE_REQUEST: () => 'درخواستی که از سایت دیگری آمده بود پذیرفته نشد.',
  ADMIN_REQUIRED: () => 'این کار دسترسی مدیر می‌خواهد.',
  SUPER_ADMIN_REQUIRED: () => 'فقط مدیر ارشد می‌تواند مدیران را تغییر دهد.',
  CANNOT_CHANGE_SELF: () => 'نقش یا وضعیت حساب خودتان را نمی‌توانید تغییر دهید.',
  WRONG_CREDENTIALS: () => 'ایمیل، تلفن، نام کاربری یا گذرواژه نادرست است.',
  // The reason is the administrator's own words.
  ACCOUNT_BANNED: (p, say) =>
    p.statusReason ? `این حساب مسدود شده است: ${say.text(p.statusReason)}` : 'این حساب مسدود شده است.',
  ACCOUNT_INACTIVE: () => 'این حساب غیرفعال است. برای فعال‌سازی دوباره با پشتیبانی تماس بگیرید.',
  ACCOUNT_EXISTS: () => 'این حساب از پیش وجود دارد.',
  EMAIL_TAKEN: () => 'این ایمیل پیش‌تر ثبت شده است. به‌جای ثبت‌نام وارد شوید.',
  PHONE_TAKEN: () => 'این شماره‌ی تلفن پیش‌تر ثبت شده است. به‌جای ثبت‌نام وارد شوید.',
  USERNAME_TAKEN: () => 'این نام کاربری گرفته شده است. نام دیگری برگزینید.',
  PHONE_INVALID: (p) => `تلفن: ${PHONE_PROBLEMS[String(p.problem)] ?? 'شماره تلفن معتبر نیست'}.`,
  WRONG_CURRENT_PASSWORD: () => 'گذرواژه‌ی کنونی درست نیست.',
  PASSWORD_UNCHANGED: () => 'گذرواژه‌ای متفاوت با گذرواژه‌ی کنونی برگزینید.',
  CHANNEL_NOT_CONFIGURED: (p) =>
    p.channel === 'SMS'
      ? 'این سرور هنوز نمی‌تواند پیامک بفرستد (سرویس پیامک تنظیم نشده است). از مدیر سامانه بخواهید.'
      : 'این سرور هنوز نمی‌تواند ایمیل بفرستد (سرور ایمیل تنظیم نشده است). از مدیر سامانه بخواهید.',
  CODE_NOT_DELIVERED: (p) => `کد با ${channel(p.channel)} فرستاده نشد. چند دقیقه‌ی دیگر دوباره امتحان کنید.`,
  CODE_TOO_SOON: (p, say) =>
    `کدی همین حالا فرستاده شد. پیش از درخواست کد دیگر ${say.wait(p.retryAfter)} صبر کنید.`,
  ALREADY_VERIFIED: (p) =>
    p.channel === 'SMS' ? 'شماره‌ی تلفن شما پیش‌تر تأیید شده است.' : 'ایمیل شما پیش‌تر تأیید شده است.',
  CODE_WRONG: (p, say) => `کد نادرست است. ${say.number(p.triesLeft)} بار دیگر می‌توانید امتحان کنید.`,
  CODE_EXPIRED: () => 'این کد نادرست است یا منقضی شده. کد تازه‌ای بخواهید.',
  CODE_TOO_MANY_WRONG: () => 'کد نادرست بیش از اندازه وارد شد. کد تازه‌ای بخواهید.',
  USER_NOT_FOUND: missingThing('کاربر'),
  CAMPAIGN_NOT_FOUND: missingThing('کمپین'),
  RECIPIENT_NOT_FOUND: missingThing('گیرنده'),
  WHATSAPP_ACCOUNT_NOT_FOUND: missingThing('حساب واتس‌اپ'),
  API_KEY_NOT_FOUND: missingThing('کلید API'),
  OPT_OUT_NOT_FOUND: missingThing('شماره‌ی لغو دریافت'),
  PACKAGE_NOT_FOUND: missingThing('بسته'),
  PAYMENT_NOT_FOUND: missingThing('پرداخت'),
  WEBHOOK_NOT_FOUND: missingThing('وب‌هوک'),
  WEBHOOK_DELIVERY_NOT_FOUND: missingThing('ارسال وب‌هوک'),
  CAMPAIGN_NOT_EDITABLE: (p, say) =>
    `کمپین ${say.campaignStatus(p.status)} را نمی‌توان ویرایش کرد. نخست آن را متوقف کنید.`,
  RECIPIENTS_NOT_EDITABLE: (p, say) => `به کمپین ${say.campaignStatus(p.status)} نمی‌توان گیرنده افزود.`,
  MEDIA_NOT_EDITABLE: () => 'پیوست کمپین در حال ارسال را نمی‌توان تغییر داد. نخست آن را متوقف کنید.',
  CAMPAIGN_NOT_REMOVABLE: () => 'کمپین در حال ارسال را نمی‌توان حذف کرد. نخست آن را متوقف یا لغو کنید.',
  CAMPAIGN_TRANSITION_REFUSED: (p, say) => {
    const status = say.campaignStatus(p.status);
    switch (p.transition) {
      case 'start':
        if (p.status === 'DRAFT') return 'کمپین آماده نیست: پیام، حساب واتس‌اپ و گیرنده لازم دارد.';
        if (p.status === 'RUNNING' || p.status === 'SCHEDULED') return 'این کمپین پیش‌تر آغاز شده است.';
        return `کمپین ${status} را نمی‌توان شروع کرد.`;
      case 'pause':
        return `فقط کمپین در حال ارسال یا زمان‌بندی‌شده را می‌توان متوقف کرد؛ این کمپین ${status} است.`;
      case 'resume':
        return `فقط کمپین متوقف‌شده را می‌توان ادامه داد؛ این کمپین ${status} است.`;
      case 'cancel':
        return `کمپین ${status} را نمی‌توان لغو کرد.`;
      default:
        return `این کمپین ${status} است؛ این کار اکنون ممکن نیست.`;
    }
  },
  CAMPAIGN_NOT_READY: (p) =>
    p.missing === 'account'
      ? 'کمپین برای شروع آماده نیست: نخست یک حساب واتس‌اپ برگزینید.'
      : 'کمپین برای شروع آماده نیست: نخست گیرنده اضافه کنید.',
  NO_RECIPIENTS_LEFT: () => 'کسی برای ارسال نمانده است: نخست گیرنده اضافه کنید.',
  SCHEDULE_TOO_FAR: () => 'زمان شروع کمپین را تا یک سال آینده تعیین کنید.',
  ACCOUNT_NOT_CHOSEN: () => 'نخست یک حساب واتس‌اپ برای این کمپین برگزینید.',
  ACCOUNT_NOT_LINKED: (p, say) =>
    `حساب واتس‌اپ «${say.text(p.label)}» پیوند نشده است (${say.accountStatus(p.status)}). نخست آن را وصل کنید.`,
  NO_ACTIVE_SUBSCRIPTION: () =>
    'اشتراک فعالی که پیامی در آن مانده باشد ندارید. برای ارسال، بسته‌ای بخرید یا اشتراک را تمدید کنید.',
  PHONE_NOT_VERIFIED: () => 'پیش از ارسال، شماره‌ی تلفن خود را تأیید کنید: تنظیمات ← تأیید تلفن و ایمیل.',
  TEMPLATE_UNCLOSED_VARIABLE: template('بسته نشده است: پس از نام متغیر «}}» بگذارید'),
  TEMPLATE_EMPTY_VARIABLE: template('نام متغیر ندارد'),
  TEMPLATE_INVALID_VARIABLE_NAME: template(
    'متغیر معتبری نیست: از حرف، رقم و «_» استفاده کنید (مثلاً {{first_name}})',
  ),
  TEMPLATE_UNKNOWN_VARIABLE: (p) => {
    const names = (Array.isArray(p.variables) ? p.variables : []).map((v) => `{{${v}}}`);
    return `پیام از ${names.join('، ')} استفاده می‌کند که گیرندگان ندارند. فایلی با ستونی به همین نام وارد کنید، مقدار جایگزینی مثل {{name|…}} بگذارید یا آن را حذف کنید.`;
  },
  MEDIA_TOO_LARGE: (p, say) => `حجم پیوست حداکثر ${say.number(p.maxMb)} مگابایت است.`,
  MEDIA_WRONG_TYPE: (p, say) =>
    `${p.mime ? `محتوای این فایل از نوع ${say.text(p.mime)} است` : 'محتوای این فایل از نوع شناخته‌شده‌ای نیست'}. یک تصویر JPEG/PNG/WebP، ویدیوی MP4، فایل صوتی MP3/OGG/AAC یا سند PDF/Office پیوست کنید.`,
  MEDIA_TOO_LARGE_FOR_KIND: (p, say) =>
    `واتس‌اپ ${MEDIA_KINDS[String(p.kind)] ?? say.text(p.kind)} را تا ${say.number(p.maxMb)} مگابایت می‌پذیرد؛ حجم این فایل ${say.number(p.sizeMb)} مگابایت است.`,
  ACCOUNT_HAS_ACTIVE_CAMPAIGNS: () =>
    'این حساب کمپین در حال اجرا یا زمان‌بندی‌شده دارد. پیش از حذف، آن‌ها را متوقف یا لغو کنید.',
  NO_WORKER_YET: (p) =>
    p.desired === 'CONNECTED'
      ? 'هنوز هیچ کارگزار ارسالی این حساب را برنداشته است. به‌محض اینکه یکی جا داشته باشد وصل می‌شود.'
      : 'هنوز هیچ کارگزار ارسالی پاسخ نداده است. درخواست نگه داشته می‌شود و به‌محض پاسخ انجام می‌شود.',
  WEBHOOK_TARGET_REFUSED: (p, say) => {
    switch (p.problem) {
      case 'SCHEME':
        return 'نشانی باید با http:// یا https:// آغاز شود.';
      case 'CREDENTIALS':
        return 'نام کاربری یا گذرواژه را در نشانی نگذارید.';
      case 'DNS':
        return `میزبان ${say.text(p.host)} پیدا نشد (DNS).`;
      default:
        return `میزبان ${say.text(p.host)} به ${say.text(p.address)} می‌رسد که نشانی خصوصی یا محلی است؛ وب‌هوک‌ها فقط به نشانی‌های عمومی فرستاده می‌شوند.`;
    }
  },
  IMPORT_EMPTY_FILE: () => 'فایل خالی است.',
  IMPORT_TOO_LARGE: (p, say) => `حجم فایل بیش از ${say.size(p.maxSize)} است.`,
  IMPORT_NOT_A_TABLE: (p) =>
    p.format === 'xls'
      ? 'این یک فایل اکسل قدیمی (.xls) است: آن را در اکسل به‌صورت .xlsx یا CSV ذخیره و همان را بارگذاری کنید.'
      : p.format === 'ods'
        ? 'این یک صفحه‌گسترده‌ی OpenDocument است: آن را به‌صورت .xlsx یا CSV ذخیره و همان را بارگذاری کنید.'
        : 'این فایل CSV، TSV یا اکسل نیست.',
  IMPORT_SPREADSHEET_BOMB: () => 'این فایل اکسل هنگام باز شدن از اندازه‌ی مجاز فراتر می‌رود و پذیرفته نشد.',
  IMPORT_DAMAGED: (p, say) =>
    DAMAGED[String(p.problem)]?.(say.number(p.line)) ?? 'این فایل اکسل آسیب دیده است و خوانده نشد.',
  IMPORT_NO_SHEET: (p, say) =>
    `این فایل اکسل ${typeof p.sheet === 'number' ? `برگه‌ی شماره‌ی ${say.number(p.sheet)}` : `برگه‌ای با نام «${say.text(p.sheet)}»`} ندارد. برگه‌های آن: ${say.quoted(p.sheets)}`,
  IMPORT_TOO_MANY_ROWS: (p, say) => `فایل بیش از ${say.number(p.max)} ردیف دارد.`,
  IMPORT_TOO_MANY_COLUMNS: (p, say) => `فایل بیش از ${say.number(p.max)} ستون دارد.`,
  IMPORT_NO_PHONE_COLUMN: () =>
    'ستونی از شماره تلفن‌ها پیدا نشد: عنوان آن را «phone» یا «موبایل» بگذارید، یا هنگام وارد کردن ستون را انتخاب کنید.',
  IMPORT_BAD_MAPPING: (p, say) =>
    p.sameColumn
      ? 'ستون شماره و ستون نام نمی‌توانند یکی باشند.'
      : p.column != null
        ? `فایل ستونی با نام «${say.text(p.column)}» ندارد.`
        : p.width != null
          ? `فایل فقط ${say.number(p.width)} ستون دارد.`
          : `ستون ${p.role === 'name' ? 'نام' : 'شماره'} معتبر نیست.`,
  PROVIDER_NOT_OFFERED: (p) =>
    p.provider === 'zarinpal'
      ? 'پرداخت با زرین‌پال در این سرور ممکن نیست.'
      : 'پرداخت کارت‌به‌کارت در این سرور ممکن نیست.',
  PACKAGE_NOT_ON_SALE: () => 'این بسته دیگر فروخته نمی‌شود. بسته‌ی دیگری برگزینید.',
  PRICE_NOT_WHOLE: (p, say) =>
    `زرین‌پال فقط مبلغ بدون اعشار به ${CURRENCIES[String(p.currency)] ?? say.text(p.currency)} می‌پذیرد؛ قیمت این بسته ${say.number(p.price)} است. کارت‌به‌کارت بپردازید یا از مدیر بخواهید قیمت را اصلاح کند.`,
  PAYMENT_GATEWAY_FAILED: (p, say) =>
    `درگاه پرداخت با خطا روبه‌رو شد${p.gatewayCode != null ? ` (کد ${say.number(p.gatewayCode)})` : ''}. مبلغی کسر نشد؛ چند دقیقه‌ی دیگر دوباره امتحان کنید.`,
  RECEIPT_MANUAL_ONLY: () => 'رسید فقط برای پرداخت کارت‌به‌کارت است.',
  PAYMENT_ALREADY_SETTLED: (p, say) => `وضعیت این پرداخت از پیش «${say.paymentStatus(p.status)}» است.`,
  RECEIPT_TOO_LARGE: (p, say) => `حجم رسید حداکثر ${say.number(p.maxMb)} مگابایت است.`,
  RECEIPT_WRONG_TYPE: () => 'رسید را به‌صورت تصویر JPEG، PNG یا WebP یا فایل PDF بارگذاری کنید.',
  PAYMENT_SETTLED_MEANWHILE: () => 'وضعیت این پرداخت در همین فاصله روشن شد؛ رسید پیوست نشد.',
  REVIEW_MANUAL_ONLY: () =>
    'فقط پرداخت‌های کارت‌به‌کارت دستی بررسی می‌شوند؛ زرین‌پال پرداخت‌های خود را خودش تأیید می‌کند.',
  NO_SUBSCRIPTION_IN_FORCE: () => 'این کاربر اشتراک جاری ندارد: دست‌کم یک روز اعطا کنید.',
  DATE_RANGE_REVERSED: () => 'پایان بازه‌ی تاریخ باید پس از آغاز آن باشد.',
  TIME_ZONE_UNKNOWN: () => 'منطقه‌ی زمانی ناشناخته است؛ نامی از فهرست IANA مانند Asia/Tehran یا UTC بفرستید.',
  COUNTRY_UNKNOWN: () => 'کشور را با کد دوحرفی‌اش برگزینید، مثلاً IR، CA یا DE.',
  GRANT_EMPTY: () => 'دست‌کم یک روز یا یک پیام اعطا کنید.',
  NOT_ON_WHATSAPP: () => 'در واتس‌اپ نیست: این شماره حساب واتس‌اپ ندارد.',
  OPTED_OUT: () => 'لغو دریافت: این شماره خواسته است پیامی نگیرد.',
  CAMPAIGN_CANCELLED: () => 'کمپین لغو شد.',
  ACCOUNT_CHANGED_DURING_SEND: () =>
    'حساب در میانه‌ی ارسال عوض شد؛ شاید پیام رفته باشد، پس دوباره فرستاده نشد.',
  SEND_INTERRUPTED: () =>
    'سرور در میانه‌ی این ارسال از کار ایستاد؛ شاید پیام رفته باشد، پس دوباره فرستاده نشد.',
  WHATSAPP_REJECTED: () => 'واتس‌اپ اعلام کرد که پیام فرستاده نشد.',
  // The driver's own words stay as they are, isolated where they are shown.
  SEND_FAILED: (p, say) =>
    `ارسال ناموفق بود${p.detail ? `: ${say.text(p.detail)}` : '.'}${p.unknownOutcome ? ' دوباره فرستاده نشد تا کسی آن را دو بار نگیرد.' : ''}`,
  PAUSED_USER: (p, say) =>
    p.byAdmin
      ? p.note
        ? `به دست مدیر متوقف شد: ${say.text(p.note)}`
        : 'به دست مدیر متوقف شد.'
      : 'به دست شما متوقف شد.',
  PAUSED_ACCOUNT: (p) =>
    p.scheduled
      ? 'زمان شروع رسید اما حساب واتس‌اپ متصل نبود. آن را وصل کنید و ادامه دهید.'
      : 'حساب واتس‌اپ متصل نیست. کمپین پس از اتصال خودبه‌خود ادامه می‌یابد.',
  PAUSED_LOGGED_OUT: () => 'حساب واتس‌اپ از دستگاه خارج شد. با اسکن کد QR دوباره وصلش کنید و ادامه دهید.',
  PAUSED_QUOTA: (p, say) =>
    p.kind === 'ENDED'
      ? `اشتراک شما در ${say.time(p.endedAt)} به پایان رسید. آن را تمدید کنید و ادامه دهید.`
      : p.kind === 'USED_UP'
        ? 'پیام‌های اشتراک شما تمام شده است. پیام بیشتری بخرید و ادامه دهید.'
        : 'اشتراک فعالی که پیامی در آن مانده باشد ندارید. بسته‌ای بخرید و ادامه دهید.',
  PAUSED_ERRORS: (p, say) =>
    p.unconfirmed
      ? 'متوقف شد: واتس‌اپ شماره‌ها را تأیید نکرد. حساب و فهرست را بررسی کنید و ادامه دهید.'
      : `پس از ${say.number(p.failures)} ارسال ناموفق پیاپی متوقف شد (آخرین: ${say.text(p.detail)}). حساب را بررسی کنید و ادامه دهید.`,
};
