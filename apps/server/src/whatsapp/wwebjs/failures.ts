import {
  type DriverEvent,
  NotOnWhatsAppError,
  NotSentError,
  type NotSentReason,
  UnknownSendOutcomeError,
} from '../driver';

export type WwebjsFailureKind =
  | 'unreachable'
  | 'browser-missing'
  | 'browser-failed'
  | 'browser-crashed'
  | 'profile-in-use'
  /** The login store (LOGIN_STORE=mysql) could not put the saved login in place. */
  | 'login-restore'
  | 'timeout'
  /** A READY session stopped answering getState() or lost its page's helpers. */
  | 'unresponsive'
  | 'unknown';

/** Why a connect failed, and whether reconnecting later by itself makes sense. */
export interface WwebjsFailure {
  kind: WwebjsFailureKind;
  message: string;
  retryable: boolean;
}

/**
 * A status event with what the session manager needs beyond `DriverEvent`: whether the
 * phone unlinked this device (the stored login is gone) and whether a failure is worth
 * retrying by itself.
 */
export type WwebjsStatusEvent = Extract<DriverEvent, { type: 'status' }> & {
  /** whatsapp-web.js's disconnect reason: 'LOGOUT', 'CONFLICT', a WAState, 'Max qrcode retries reached'. */
  reason?: string;
  /** The device was unlinked (from the phone or by WhatsApp); a new QR scan is needed. */
  loggedOut?: boolean;
  failure?: WwebjsFailureKind;
  /** Worth reconnecting later without a person (network, crash, timeout). */
  retryable?: boolean;
};

/** A readable message for each whatsapp-web.js disconnect reason. */
export function describeDisconnect(reason: string): {
  message: string;
  loggedOut: boolean;
  retryable: boolean;
} {
  switch (reason) {
    case 'LOGOUT':
    case 'UNPAIRED':
    case 'UNPAIRED_IDLE':
      return {
        loggedOut: true,
        retryable: false,
        message:
          'This device was unlinked from the phone (WhatsApp → Linked devices). Connect and scan a new QR code to link it again.',
      };
    case 'CONFLICT':
      return {
        loggedOut: false,
        retryable: false,
        message:
          'WhatsApp Web was opened elsewhere with this number and took over the session. Close it there, then connect again.',
      };
    case 'Max qrcode retries reached':
      return {
        loggedOut: false,
        retryable: false,
        message: 'Nobody scanned the QR code in time. Connect again to get a new one.',
      };
    case 'TOS_BLOCK':
    case 'SMB_TOS_BLOCK':
      return {
        loggedOut: false,
        retryable: false,
        message: `WhatsApp blocked this number for breaking its terms of service (${reason}).`,
      };
    case 'PROXYBLOCK':
      return {
        loggedOut: false,
        retryable: false,
        message: 'WhatsApp refused connections from this server’s network (PROXYBLOCK).',
      };
    case 'DEPRECATED_VERSION':
      return {
        loggedOut: false,
        retryable: false,
        message: 'WhatsApp no longer accepts this version of WhatsApp Web; whatsapp-web.js needs an update.',
      };
    default:
      return { loggedOut: false, retryable: true, message: `WhatsApp disconnected: ${reason}` };
  }
}

/** A readable message for why `initialize()` (or the launch before it) failed. */
export function describeStartFailure(error: unknown, chromePath: string): WwebjsFailure {
  const text = errorText(error);
  const net = /net::ERR_[A-Z_]+/.exec(text);
  if (net) {
    return {
      kind: 'unreachable',
      retryable: true,
      message: `WhatsApp Web is unreachable from this server (${net[0]}). Check its internet connection, DNS and firewall, then connect again.`,
    };
  }
  if (/Browser was not found|spawn .*ENOENT|ENOENT.*spawn/i.test(text)) {
    return {
      kind: 'browser-missing',
      retryable: false,
      message: `Chromium was not found at ${chromePath}. Install it (apt-get install chromium) or set CHROME_PATH.`,
    };
  }
  if (/already running for|ProcessSingleton|profile appears to be in use/i.test(text)) {
    return {
      kind: 'profile-in-use',
      retryable: true,
      message: "This account's WhatsApp login is in use by another Chapar process.",
    };
  }
  if (/auth timeout|ready timeout|Navigation timeout|TimeoutError/i.test(text)) {
    return {
      kind: 'timeout',
      retryable: true,
      message: `WhatsApp Web did not load in time (${firstLine(text)}). The connection to web.whatsapp.com may be slow or blocked.`,
    };
  }
  if (/Failed to launch the browser process/i.test(text)) {
    const reason = text
      .split('\n')
      .map((line) => line.trim())
      .find((line) => /ERROR|error while loading|cannot|can't|No such/i.test(line) && !line.includes('[: '));
    return {
      kind: 'browser-failed',
      retryable: false,
      message: `Chromium at ${chromePath} could not start${reason ? `: ${reason}` : ` (${firstLine(text)})`}.`,
    };
  }
  if (/Target closed|Session closed|Protocol error|detached|Connection closed/i.test(text)) {
    return {
      kind: 'browser-crashed',
      retryable: true,
      message: `Chromium closed while WhatsApp Web was loading (${firstLine(text)}). Connect again.`,
    };
  }
  return { kind: 'unknown', retryable: true, message: `Could not start WhatsApp Web: ${firstLine(text)}` };
}

/** WhatsApp Web may have sent it: the engine must not send it again. */
export function unknownOutcome(detail: string): UnknownSendOutcomeError {
  return new UnknownSendOutcomeError(
    `${detail}; it may have gone out, so it is not sent again. Check the chat on the phone.`,
  );
}

/** Nothing reached WhatsApp: the engine queues the recipient again. */
export function notSent(reason: NotSentReason, detail: string): NotSentError {
  return new NotSentError(reason, `${detail}; nothing was sent, so it will be tried again.`);
}

/**
 * `sendMessage`'s evaluate starts with `window.WWebJS.getChat(...)`: this error means the
 * page has lost whatsapp-web.js's helpers (a reload whose re-injection failed), so nothing
 * was sent.
 */
const PAGE_LOST = /Cannot read properties of undefined \(reading 'getChat'\)|WWebJS is not defined/;
/** The page or browser went away mid-call: whatever was under way may have gone out. */
const CONTEXT_GONE =
  /Execution context was destroyed|Target closed|Session closed|Protocol error|detached Frame|Connection closed/i;

export function isPageLost(error: unknown): boolean {
  return PAGE_LOST.test(errorText(error));
}

/** A sendMessage error (the intent is journalled): not sent, unknown, or a readable failure. */
export function classifySendError(error: unknown): Error {
  if (error instanceof NotSentError) return error;
  const text = firstLine(errorText(error));
  if (PAGE_LOST.test(text)) return notSent('page-lost', `WhatsApp Web lost its session page (${text})`);
  if (CONTEXT_GONE.test(text)) return unknownOutcome(`WhatsApp Web went away during the send (${text})`);
  return toSendError(error);
}

/** An error before the intent was journalled: a lost page or a closing browser sent nothing. */
export function classifyPreSendError(error: unknown, reason: NotSentReason, what: string): Error {
  if (error instanceof NotSentError || error instanceof NotOnWhatsAppError) return error;
  const text = firstLine(errorText(error));
  if (PAGE_LOST.test(text)) return notSent('page-lost', `WhatsApp Web lost its session page (${text})`);
  return notSent(reason, `${what}: ${text}`);
}

/** A send's error as the engine reads it: its own error classes pass through, the rest become readable. */
export function toSendError(error: unknown): Error {
  if (
    error instanceof NotOnWhatsAppError ||
    error instanceof UnknownSendOutcomeError ||
    error instanceof NotSentError
  )
    return error;
  const text = firstLine(errorText(error)).replace(/^Evaluation failed:\s*/, '');
  return new Error(`WhatsApp could not send the message: ${text}`);
}

/** whatsapp-web.js sometimes rejects with bare strings; everything becomes an Error with a message. */
export function toError(value: unknown): Error {
  if (value instanceof Error) return value;
  return new Error(errorText(value));
}

export function errorText(value: unknown): string {
  if (value instanceof Error) return value.message || value.name;
  if (typeof value === 'string') return value || 'Unknown error from WhatsApp Web';
  if (value && typeof value === 'object' && 'message' in value) return String(value.message);
  if (value === undefined || value === null) return 'Unknown error from WhatsApp Web';
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

function firstLine(text: string): string {
  return text.split('\n')[0]!.trim();
}
