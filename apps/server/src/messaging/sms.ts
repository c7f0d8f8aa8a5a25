import type { Logger } from '@chapar/api';

/** Text messages to phones. One provider per deployment, chosen by SMS_PROVIDER. */
export interface SmsSender {
  /** A one-time code; providers with approved templates deliver these faster. */
  sendCode(to: string, code: string): Promise<void>;
}

/** The provider answered with an error; `message` is fit for the log and the admin. */
export class SmsError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SmsError';
  }
}

/** Development only (SMS_PROVIDER=log): the code is written to the server log. */
export function createLogSms(log: Logger): SmsSender {
  return {
    async sendCode(to, code) {
      log.info({ to, code, channel: 'sms' }, `one-time code for ${to}: ${code}`);
    },
  };
}
