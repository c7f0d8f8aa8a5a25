import { type Params, type ReasonDictionary, type SizeUnits, type StatusLabels, sayIn } from './format';
import { invalidInputEn } from './invalid-input';

const lower = (values: string[]) => Object.fromEntries(values.map((v) => [v, v.toLowerCase()]));

const LABELS: StatusLabels = {
  campaign: lower(['DRAFT', 'READY', 'SCHEDULED', 'RUNNING', 'PAUSED', 'COMPLETED', 'FAILED', 'CANCELLED']),
  account: lower(['DISCONNECTED', 'CONNECTING', 'QR', 'READY', 'FAILED']),
  payment: lower(['PENDING', 'PAID', 'FAILED', 'CANCELLED', 'REJECTED']),
};

const UNITS: SizeUnits = {
  sizes: ['bytes', 'KB', 'MB', 'GB'],
  seconds: (n) => `${n} ${n === '1' ? 'second' : 'seconds'}`,
  minutes: (n) => `${n} minutes`,
  quote: (text) => `"${text}"`,
  listSeparator: ', ',
};

export const sayEn = sayIn('en-US', LABELS, UNITS);

const missingThing = (what: string) => () => `${what} not found.`;
const LIMITS: Record<string, string> = {
  loginPerIp: 'sign-in attempts from your network',
  loginFailures: 'failed sign-ins for this account',
  registerPerIp: 'sign-ups from your network',
  apiKeyFailures: 'requests with an invalid API key',
  otpPerTarget: 'codes were sent to this address',
  otpPerIp: 'code requests from your network',
};
const PHONE_PROBLEMS: Record<string, string> = {
  EMPTY: 'empty phone number',
  NOT_A_PHONE: 'not a phone number',
  INVALID: 'not a valid phone number',
  NONE_VALID: 'none of its numbers is a valid phone number',
};
const DAMAGED: Record<string, (line: string) => string> = {
  UNCLOSED_QUOTE: (l) => `The quote (") that opens a cell on row ${l} is never closed.`,
  ROW_TOO_LONG: (l) => `Row ${l} is longer than 1 MB: check the quotes (") in the file.`,
  MISPLACED_QUOTE: (l) => `Row ${l} has a quote (") in the wrong place.`,
  UNREADABLE_ROW: (l) => `The file could not be read as a table at row ${l}.`,
  CARD_TOO_LONG: (l) => `The contact card at line ${l} is longer than 1 MB.`,
  LINE_TOO_LONG: (l) => `Line ${l} of the contact file is longer than 1 MB.`,
};
/** The parser's own words for a template mistake (domain/template.ts). */
const template = (fault: string) => (p: Params) =>
  `"${sayEn.text(p.snippet)}" at line ${sayEn.number(p.line)}, column ${sayEn.number(p.column)} ${fault}.`;

/** English for every reason: what the server says, from the code and its params. */
export const reasonsEn: ReasonDictionary = {
  INTERNAL: () =>
    'Something went wrong on the server. Try again; if it keeps happening, quote the request id.',
  INVALID_INPUT: (p, say) => invalidInputEn(p, say),
  NOT_FORM_DATA: () => 'Send this as multipart/form-data (FormData).',
  FORM_FILE_MISSING: (p, say) => `Attach the file as "${say.text(p.name)}".`,
  FORM_FILE_EMPTY: () => 'The file is empty.',
  FORM_NUMBER_INVALID: (p, say) => `Give "${say.text(p.name)}" as a positive number.`,
  FORM_JSON_INVALID: (p, say) => `"${say.text(p.name)}" is not valid JSON.`,
  FORM_FIELD_INVALID: (p, say) => `"${say.text(p.name)}" is not valid.`,
  RATE_LIMITED: (p, say) =>
    `Too many ${LIMITS[String(p.limit)] ?? 'attempts'}. Try again in ${say.wait(p.retryAfter)}.`,
  NOT_FOUND: () => 'Not found.',
  TIMEOUT: () => 'The server took too long to answer. Try again.',
  UNAUTHENTICATED: () => 'Please sign in first.',
  SIGN_IN_ENDED: () => 'Your sign-in has ended. Sign in again.',
  SESSION_ENDED: () => 'Your session has ended. Sign in again.',
  API_KEY_REVOKED: () => 'This API key was revoked.',
  ACCOUNT_NO_LONGER_ACTIVE: () => 'This account is no longer active.',
  ROLE_CHANGED: () => 'Your role has changed. Reconnect.',
  CONNECTION_CLOSED: () => 'The connection was closed.',
  CROSS_SITE_REQUEST: () => 'Request from another site refused.',
  ADMIN_REQUIRED: () => 'This needs an administrator.',
  SUPER_ADMIN_REQUIRED: () => 'Only a super admin can change administrators.',
  CANNOT_CHANGE_SELF: () => 'You cannot change your own role or status.',
  WRONG_CREDENTIALS: () => 'Wrong email, phone, username or password.',
  ACCOUNT_BANNED: (p, say) =>
    p.statusReason ? `This account is banned: ${say.text(p.statusReason)}` : 'This account is banned.',
  ACCOUNT_INACTIVE: () => 'This account is inactive. Contact support to reactivate it.',
  ACCOUNT_EXISTS: () => 'This account already exists.',
  EMAIL_TAKEN: () => 'This email is already registered. Sign in instead.',
  PHONE_TAKEN: () => 'This phone number is already registered. Sign in instead.',
  USERNAME_TAKEN: () => 'This username is taken. Choose another.',
  PHONE_INVALID: (p) => `Phone: ${PHONE_PROBLEMS[String(p.problem)] ?? 'not a valid phone number'}.`,
  WRONG_CURRENT_PASSWORD: () => 'The current password is wrong.',
  PASSWORD_UNCHANGED: () => 'Choose a password different from the current one.',
  CHANNEL_NOT_CONFIGURED: (p) =>
    p.channel === 'SMS'
      ? 'This server cannot send text messages yet (no SMS provider is configured). Ask the administrator.'
      : 'This server cannot send email yet (no mail server is configured). Ask the administrator.',
  CODE_NOT_DELIVERED: (p) =>
    `The code could not be sent: the ${p.channel === 'SMS' ? 'text-message service' : 'mail server'} did not take it. Try again in a few minutes.`,
  CODE_TOO_SOON: (p, say) =>
    `A code was just sent. Wait ${say.wait(p.retryAfter)} before asking for another.`,
  ALREADY_VERIFIED: (p) =>
    p.channel === 'SMS' ? 'Your phone number is already verified.' : 'Your email is already verified.',
  CODE_WRONG: (p, say) =>
    `Wrong code. ${say.number(p.triesLeft)} ${p.triesLeft === 1 ? 'try' : 'tries'} left.`,
  CODE_EXPIRED: () => 'This code is wrong or has expired. Ask for a new one.',
  CODE_TOO_MANY_WRONG: () => 'Too many wrong codes. Ask for a new one.',
  USER_NOT_FOUND: missingThing('User'),
  CAMPAIGN_NOT_FOUND: missingThing('Campaign'),
  RECIPIENT_NOT_FOUND: missingThing('Recipient'),
  WHATSAPP_ACCOUNT_NOT_FOUND: missingThing('WhatsApp account'),
  API_KEY_NOT_FOUND: missingThing('API key'),
  OPT_OUT_NOT_FOUND: missingThing('Opt-out'),
  PACKAGE_NOT_FOUND: missingThing('Package'),
  PAYMENT_NOT_FOUND: missingThing('Payment'),
  WEBHOOK_NOT_FOUND: missingThing('Webhook'),
  WEBHOOK_DELIVERY_NOT_FOUND: missingThing('Webhook delivery'),
  CAMPAIGN_NOT_EDITABLE: (p, say) =>
    `A ${say.campaignStatus(p.status)} campaign cannot be edited. Pause it first.`,
  RECIPIENTS_NOT_EDITABLE: (p, say) =>
    `Recipients cannot be added to a ${say.campaignStatus(p.status)} campaign.`,
  MEDIA_NOT_EDITABLE: () => 'The attachment of a running campaign cannot change. Pause it first.',
  CAMPAIGN_NOT_REMOVABLE: () => 'A running campaign cannot be removed. Pause or cancel it first.',
  CAMPAIGN_TRANSITION_REFUSED: (p, say) => {
    const status = say.campaignStatus(p.status);
    switch (p.transition) {
      case 'start':
        if (p.status === 'DRAFT')
          return 'The campaign is not ready: it needs a message, an account and recipients.';
        if (p.status === 'RUNNING' || p.status === 'SCHEDULED')
          return 'The campaign has already been started.';
        return `A ${status} campaign cannot be started.`;
      case 'pause':
        return `Only a running or scheduled campaign can be paused; this one is ${status}.`;
      case 'resume':
        return `Only a paused campaign can be resumed; this one is ${status}.`;
      case 'cancel':
        return `A ${status} campaign cannot be cancelled.`;
      default:
        return `The campaign is ${status}; that action is not possible now.`;
    }
  },
  CAMPAIGN_NOT_READY: (p) =>
    `The campaign is not ready to start: add ${p.missing === 'account' ? 'a WhatsApp account' : 'recipients'} first.`,
  NO_RECIPIENTS_LEFT: () => 'There is nobody left to send to: add recipients first.',
  SCHEDULE_TOO_FAR: () => 'Schedule the campaign within the next year.',
  ACCOUNT_NOT_CHOSEN: () => 'Choose a WhatsApp account for this campaign first.',
  ACCOUNT_NOT_LINKED: (p, say) =>
    `The WhatsApp account "${say.text(p.label)}" is not linked (${say.accountStatus(p.status)}). Connect it first.`,
  NO_ACTIVE_SUBSCRIPTION: () =>
    'You have no active subscription with messages left. Buy or renew a package to send.',
  PHONE_NOT_VERIFIED: () =>
    'Verify your phone number before sending: Settings → Verify your phone and email.',
  TEMPLATE_UNCLOSED_VARIABLE: template('is not closed: add "}}" after the variable name'),
  TEMPLATE_EMPTY_VARIABLE: template('has no variable name'),
  TEMPLATE_INVALID_VARIABLE_NAME: template(
    'is not a valid variable: use letters, digits and "_" (for example {{first_name}})',
  ),
  TEMPLATE_UNKNOWN_VARIABLE: (p) => {
    const names = (Array.isArray(p.variables) ? p.variables : []).map((v) => `{{${v}}}`);
    return `The message uses ${names.join(', ')}, which the recipients do not have. Import a column with that name, add a fallback like {{name|…}}, or remove it.`;
  },
  MEDIA_TOO_LARGE: (p, say) => `Attachments are limited to ${say.number(p.maxMb)} MB.`,
  MEDIA_WRONG_TYPE: (p) =>
    `This file's content is ${p.mime ?? 'not a known media type'}. Attach a JPEG/PNG/WebP image, an MP4 video, an MP3/OGG/AAC audio or a PDF/Office document.`,
  MEDIA_TOO_LARGE_FOR_KIND: (p, say) =>
    `WhatsApp takes ${say.text(p.kind)} files up to ${say.number(p.maxMb)} MB; this one is ${say.number(p.sizeMb)} MB.`,
  ACCOUNT_HAS_ACTIVE_CAMPAIGNS: () =>
    'This account has running or scheduled campaigns. Pause or cancel them before removing it.',
  NO_WORKER_YET: (p) =>
    p.desired === 'CONNECTED'
      ? 'No sending worker took this account yet. It connects as soon as one has room.'
      : 'No sending worker answered yet. The request is kept and carried out as soon as one does.',
  WEBHOOK_TARGET_REFUSED: (p, say) => {
    switch (p.problem) {
      case 'SCHEME':
        return 'The address must start with http:// or https://.';
      case 'CREDENTIALS':
        return 'Put no user name or password in the address.';
      case 'DNS':
        return `The host ${say.text(p.host)} could not be found (DNS).`;
      default:
        return `The host ${say.text(p.host)} points to ${say.text(p.address)}, a private or local address; webhooks only go to public addresses.`;
    }
  },
  IMPORT_EMPTY_FILE: () => 'The file is empty.',
  IMPORT_TOO_LARGE: (p, say) => `The file is larger than ${say.size(p.maxSize)}.`,
  IMPORT_NOT_A_TABLE: (p) =>
    p.format === 'xls'
      ? 'This is an old Excel (.xls) file: save it as .xlsx or CSV in Excel and upload that.'
      : p.format === 'ods'
        ? 'This is an OpenDocument spreadsheet: save it as .xlsx or CSV and upload that.'
        : 'This file is not a CSV, TSV or Excel file.',
  IMPORT_SPREADSHEET_BOMB: () => 'This spreadsheet expands to more than the allowed size and was refused.',
  IMPORT_DAMAGED: (p, say) =>
    DAMAGED[String(p.problem)]?.(say.number(p.line)) ?? 'This spreadsheet is damaged and could not be read.',
  IMPORT_NO_SHEET: (p, say) =>
    `This spreadsheet has no sheet ${typeof p.sheet === 'number' ? `number ${say.number(p.sheet)}` : `"${say.text(p.sheet)}"`}. Its sheets are: ${say.quoted(p.sheets)}.`,
  IMPORT_TOO_MANY_ROWS: (p, say) => `The file has more than ${say.number(p.max)} rows.`,
  IMPORT_TOO_MANY_COLUMNS: (p, say) => `The file has more than ${say.number(p.max)} columns.`,
  IMPORT_NO_PHONE_COLUMN: () =>
    'No column of phone numbers was found: head it "phone" or "موبایل", or choose the column when importing.',
  IMPORT_BAD_MAPPING: (p, say) =>
    p.sameColumn
      ? 'The phone and the name cannot be the same column.'
      : p.column != null
        ? `There is no column "${say.text(p.column)}" in the file.`
        : p.width != null
          ? `The file has only ${say.number(p.width)} ${p.width === 1 ? 'column' : 'columns'}.`
          : `The ${p.role === 'name' ? 'name' : 'phone'} column is not valid.`,
  PROVIDER_NOT_OFFERED: (p) =>
    `Paying by ${p.provider === 'zarinpal' ? 'ZarinPal' : 'manual transfer'} is not offered on this server.`,
  PACKAGE_NOT_ON_SALE: () => 'This package is not on sale any more. Choose another.',
  PRICE_NOT_WHOLE: (p, say) =>
    `ZarinPal takes whole amounts of ${say.text(p.currency)}; this package costs ${say.number(p.price)}. Pay by manual transfer or ask the administrator to fix the price.`,
  PAYMENT_GATEWAY_FAILED: (p, say) =>
    `The payment gateway failed${p.gatewayCode != null ? ` (code ${say.text(p.gatewayCode)})` : ''}. Nothing was charged; try again in a few minutes.`,
  RECEIPT_MANUAL_ONLY: () => 'Receipts are for manual transfers only.',
  PAYMENT_ALREADY_SETTLED: (p, say) => `This payment is already ${say.paymentStatus(p.status)}.`,
  RECEIPT_TOO_LARGE: (p, say) => `A receipt can be ${say.number(p.maxMb)} MB at most.`,
  RECEIPT_WRONG_TYPE: () => 'Upload the receipt as a JPEG, PNG or WebP image, or a PDF.',
  PAYMENT_SETTLED_MEANWHILE: () => 'This payment was settled meanwhile; the receipt was not attached.',
  REVIEW_MANUAL_ONLY: () => 'Only manual transfers are reviewed by hand; ZarinPal confirms its own.',
  NO_SUBSCRIPTION_IN_FORCE: () => 'This user has no subscription in force: give at least one day.',
  DATE_RANGE_REVERSED: () => 'The end of the date range must come after its start.',
  TIME_ZONE_UNKNOWN: () => 'Unknown time zone; send an IANA name such as Asia/Tehran or UTC.',
  COUNTRY_UNKNOWN: () => 'Choose a country by its two-letter code, e.g. IR, CA or DE.',
  GRANT_EMPTY: () => 'Give at least one day or one message.',
  NOT_ON_WHATSAPP: () => 'Not on WhatsApp: this number has no WhatsApp account.',
  OPTED_OUT: () => 'Opted out: this number asked not to be messaged.',
  CAMPAIGN_CANCELLED: () => 'Campaign cancelled.',
  ACCOUNT_CHANGED_DURING_SEND: () =>
    'The account changed while this was being sent; it may have gone out, so it was not sent again.',
  SEND_INTERRUPTED: () =>
    'The server stopped during this send; it may have gone out, so it was not sent again.',
  WHATSAPP_REJECTED: () => 'WhatsApp reported that the message could not be sent.',
  SEND_FAILED: (p, say) =>
    `${say.text(p.detail) || 'The send failed.'}${p.unknownOutcome ? ' It was not retried, so nobody gets it twice.' : ''}`,
  PAUSED_USER: (p, say) =>
    p.byAdmin
      ? p.note
        ? `Paused by an administrator: ${say.text(p.note)}`
        : 'Paused by an administrator.'
      : 'Paused by you.',
  PAUSED_ACCOUNT: (p) =>
    p.scheduled
      ? 'The scheduled time came but the WhatsApp account was not linked. Link it and resume.'
      : 'The WhatsApp account is not linked. The campaign resumes by itself once it is.',
  PAUSED_LOGGED_OUT: () =>
    'The WhatsApp account was logged out. Link it again by scanning the QR code, then resume.',
  PAUSED_QUOTA: (p, say) =>
    p.kind === 'ENDED'
      ? `Your subscription ended on ${say.time(p.endedAt)}. Renew it and resume.`
      : p.kind === 'USED_UP'
        ? 'Your subscription has no messages left. Buy more messages and resume.'
        : 'You have no active subscription with messages left. Buy a package and resume.',
  PAUSED_ERRORS: (p, say) =>
    p.unconfirmed
      ? 'Paused: WhatsApp could not confirm the numbers. Check the account and the list, then resume.'
      : `Paused after ${say.number(p.failures)} failed sends in a row (last: ${say.text(p.detail)}). Check the account and resume.`,
};
