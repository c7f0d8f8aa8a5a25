import type { Logger } from '@chapar/api';

export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
}

/** Mail to users: codes and subscription warnings. Chosen by EMAIL_PROVIDER. */
export interface Mailer {
  send(message: EmailMessage): Promise<void>;
}

export class EmailError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EmailError';
  }
}

/** SMTP through nodemailer; connection and greeting are bounded so a dead server fails fast. */
export function createSmtpMailer(options: { url: string; from: string; timeoutMs?: number }): Mailer {
  const timeout = options.timeoutMs ?? 15_000;
  // The URL carries host, port, credentials and TLS; the timeouts ride on its query string.
  const url = new URL(options.url);
  for (const [key, value] of Object.entries({
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
  })) {
    if (!url.searchParams.has(key)) url.searchParams.set(key, String(value));
  }
  // Loaded with the first mail: a server that never mails by SMTP never holds nodemailer.
  const transport = import('nodemailer').then(({ default: nodemailer }) =>
    nodemailer.createTransport(url.toString()),
  );
  return {
    async send(message) {
      try {
        await (await transport).sendMail({ from: options.from, ...message });
      } catch (error) {
        throw new EmailError(`The mail server did not take the message: ${(error as Error).message}`, {
          cause: error,
        });
      }
    },
  };
}

/** Development only (EMAIL_PROVIDER=log): the message is written to the server log. */
export function createLogMailer(log: Logger): Mailer {
  return {
    async send(message) {
      log.info({ ...message, channel: 'email' }, `email to ${message.to}: ${message.subject}`);
    },
  };
}
