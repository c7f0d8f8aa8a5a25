import { ACCOUNT_STATES, CAMPAIGN_STATES, faNumber, type MessageArea } from './shared';

const state = (status: string) => CAMPAIGN_STATES[status] ?? null;

/** What is wrong at a place in a message template (the template parser's words). */
const TEMPLATE_FAULTS: Record<string, string> = {
  'is not closed: add "}}" after the variable name': 'بسته نشده است: پس از نام متغیر «}}» بگذارید',
  'has no variable name': 'نام متغیر ندارد',
  'is not a valid variable: use letters, digits and "_" (for example {{first_name}})':
    'متغیر معتبری نیست: از حرف، رقم و «_» استفاده کنید (مثلاً {{first_name}})',
};

const MEDIA_KINDS: Record<string, string> = {
  image: 'تصویر',
  video: 'ویدیو',
  audio: 'فایل صوتی',
  document: 'سند',
};

/** Campaigns, their messages, recipients and attachments; WhatsApp accounts; keys; the dashboard; uploads. */
export const campaigns: MessageArea = {
  exact: {
    'Give the account a label.': 'برای حساب یک برچسب بنویسید.',
    'The daily limit is at least 1.': 'سقف روزانه دست‌کم ۱ است.',
    'More than 5000 messages a day gets numbers banned; the limit is 5000.':
      'بیش از ۵۰۰۰ پیام در روز شماره را مسدود می‌کند؛ سقف ۵۰۰۰ است.',
    'This account has running or scheduled campaigns. Pause or cancel them before removing it.':
      'این حساب کمپین در حال اجرا یا زمان‌بندی‌شده دارد. پیش از حذف، آن‌ها را متوقف یا لغو کنید.',
    'At most 200 entries at a time.': 'هر بار حداکثر ۲۰۰ مورد.',
    'Name the key.': 'برای کلید نامی بنویسید.',
    'Write the message to send.': 'متن پیامی را که فرستاده می‌شود بنویسید.',
    'WhatsApp messages are limited to 4096 characters here.': 'پیام واتس‌اپ در اینجا حداکثر ۴۰۹۶ نویسه است.',
    'Choose a WhatsApp account for this campaign first.': 'نخست یک حساب واتس‌اپ برای این کمپین برگزینید.',
    'You have no active subscription with messages left. Buy or renew a package to send.':
      'اشتراک فعالی که پیامی در آن مانده باشد ندارید. برای ارسال، بسته‌ای بخرید یا اشتراک را تمدید کنید.',
    'Verify your phone number before sending: Settings → Verify your phone and email.':
      'پیش از ارسال، شماره‌ی تلفن خود را تأیید کنید: تنظیمات ← تأیید تلفن و ایمیل.',
    'Search with at most 100 characters.': 'عبارت جستجو حداکثر ۱۰۰ نویسه باشد.',
    'The end of the date range must come after its start.': 'پایان بازه‌ی تاریخ باید پس از آغاز آن باشد.',
    'Give at least one recipient.': 'دست‌کم یک گیرنده وارد کنید.',
    'A running campaign cannot be removed. Pause or cancel it first.':
      'کمپین در حال ارسال را نمی‌توان حذف کرد. نخست آن را متوقف یا لغو کنید.',
    'The attachment of a running campaign cannot change. Pause it first.':
      'پیوست کمپین در حال ارسال را نمی‌توان تغییر داد. نخست آن را متوقف کنید.',
    'There is nobody left to send to: add recipients first.':
      'کسی برای ارسال نمانده است: نخست گیرنده اضافه کنید.',
    'Schedule the campaign within the next year.': 'زمان شروع کمپین را تا یک سال آینده تعیین کنید.',
    'The campaign is not ready: it needs a message, an account and recipients.':
      'کمپین آماده نیست: پیام، حساب واتس‌اپ و گیرنده لازم دارد.',
    'The campaign has already been started.': 'این کمپین پیش‌تر آغاز شده است.',
    'The campaign is not ready to start: add recipients first.':
      'کمپین برای شروع آماده نیست: نخست گیرنده اضافه کنید.',
    'The campaign is not ready to start: add a WhatsApp account first.':
      'کمپین برای شروع آماده نیست: نخست یک حساب واتس‌اپ برگزینید.',
    'Attachments are limited to 100 MB.': 'حجم پیوست حداکثر ۱۰۰ مگابایت است.',
    'Unknown time zone; send an IANA name such as Asia/Tehran or UTC.':
      'منطقه‌ی زمانی ناشناخته است؛ نامی از فهرست IANA مانند Asia/Tehran یا UTC بفرستید.',
    'Show at least 7 days.': 'دست‌کم ۷ روز را نشان دهید.',
    'Show at most 90 days.': 'حداکثر ۹۰ روز را نشان دهید.',
    'Send this as multipart/form-data (FormData).': 'این را به‌صورت multipart/form-data (FormData) بفرستید.',
    'The file is empty.': 'فایل خالی است.',
  },
  patterns: [
    [
      /^The WhatsApp account "(.*)" is not linked \((\w+)\)\. Connect it first\.$/s,
      (m) =>
        ACCOUNT_STATES[m[2]!]
          ? `حساب واتس‌اپ «${m[1]}» پیوند نشده است (${ACCOUNT_STATES[m[2]!]}). نخست آن را وصل کنید.`
          : null,
    ],
    [
      /^"(.*)" at line (\d+), column (\d+) (.+)\.$/s,
      (m) =>
        TEMPLATE_FAULTS[m[4]!]
          ? `«${m[1]}» در سطر ${faNumber(m[2]!)}، ستون ${faNumber(m[3]!)} ${TEMPLATE_FAULTS[m[4]!]}.`
          : null,
    ],
    [
      /^Message, line (\d+), column (\d+): (.+)$/s,
      (m, inner) => {
        const fault = inner(m[3]!);
        return fault ? `پیام، سطر ${faNumber(m[1]!)}، ستون ${faNumber(m[2]!)}: ${fault}` : null;
      },
    ],
    [
      /^The message uses (.+), which the recipients do not have\. Import a column with that name, add a fallback like (.+), or remove it\.$/s,
      (m) =>
        `پیام از ${m[1]!.replace(/, /g, '، ')} استفاده می‌کند که گیرندگان ندارند. فایلی با ستونی به همین نام وارد کنید، مقدار جایگزینی مثل ${m[2]} بگذارید یا آن را حذف کنید.`,
    ],
    [
      /^A (\w+) campaign cannot be edited\. Pause it first\.$/,
      (m) => (state(m[1]!) ? `کمپین ${state(m[1]!)} را نمی‌توان ویرایش کرد. نخست آن را متوقف کنید.` : null),
    ],
    [
      /^Recipients cannot be added to a (\w+) campaign\.$/,
      (m) => (state(m[1]!) ? `به کمپین ${state(m[1]!)} نمی‌توان گیرنده افزود.` : null),
    ],
    [
      /^A (\w+) campaign cannot be started\.$/,
      (m) => (state(m[1]!) ? `کمپین ${state(m[1]!)} را نمی‌توان شروع کرد.` : null),
    ],
    [
      /^A (\w+) campaign cannot be cancelled\.$/,
      (m) => (state(m[1]!) ? `کمپین ${state(m[1]!)} را نمی‌توان لغو کرد.` : null),
    ],
    [
      /^Only a running or scheduled campaign can be paused; this one is (\w+)\.$/,
      (m) =>
        state(m[1]!)
          ? `فقط کمپین در حال ارسال یا زمان‌بندی‌شده را می‌توان متوقف کرد؛ این کمپین ${state(m[1]!)} است.`
          : null,
    ],
    [
      /^Only a paused campaign can be resumed; this one is (\w+)\.$/,
      (m) => (state(m[1]!) ? `فقط کمپین متوقف‌شده را می‌توان ادامه داد؛ این کمپین ${state(m[1]!)} است.` : null),
    ],
    [
      /^The campaign is (\w+); that action is not possible now\.$/,
      (m) => (state(m[1]!) ? `این کمپین ${state(m[1]!)} است؛ این کار اکنون ممکن نیست.` : null),
    ],
    [
      /^Send at most (\d+) recipients per call, or import a file\.$/,
      (m) => `در هر درخواست حداکثر ${faNumber(m[1]!)} گیرنده بفرستید، یا فایل وارد کنید.`,
    ],
    [
      /^This file's content is (.+)\. Attach a JPEG\/PNG\/WebP image, an MP4 video, an MP3\/OGG\/AAC audio or a PDF\/Office document\.$/,
      (m) =>
        `${m[1] === 'not a known media type' ? 'محتوای این فایل از نوع شناخته‌شده‌ای نیست' : `محتوای این فایل از نوع ${m[1]} است`}. یک تصویر JPEG/PNG/WebP، ویدیوی MP4، فایل صوتی MP3/OGG/AAC یا سند PDF/Office پیوست کنید.`,
    ],
    [
      /^WhatsApp takes (\w+) files up to ([\d.]+) MB; this one is ([\d.]+) MB\.$/,
      (m) =>
        MEDIA_KINDS[m[1]!]
          ? `واتس‌اپ ${MEDIA_KINDS[m[1]!]} را تا ${faNumber(m[2]!)} مگابایت می‌پذیرد؛ حجم این فایل ${faNumber(m[3]!)} مگابایت است.`
          : null,
    ],
    [/^Attach the file as "(.+)"\.$/, (m) => `فایل را با نام «${m[1]}» پیوست کنید.`],
    [/^Give "(.+)" as a positive number\.$/, (m) => `«${m[1]}» را عددی مثبت بدهید.`],
    [/^"(.+)" is not valid JSON\.$/, (m) => `«${m[1]}» JSON معتبری نیست.`],
    [
      /^"([^"]+)": (.+)$/s,
      (m, inner) => {
        const said = m[2] === 'invalid' ? 'نامعتبر است.' : inner(m[2]!);
        return said ? `«${m[1]}»: ${said}` : null;
      },
    ],
  ],
};
