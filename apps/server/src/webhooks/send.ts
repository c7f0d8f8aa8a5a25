import http from 'node:http';
import https from 'node:https';
import { guardedLookup, literalRefused } from './targets';

export interface SendResult {
  ok: boolean;
  statusCode: number | null;
  latencyMs: number;
  error: string | null;
}

/**
 * One POST of the raw body. Redirects are not followed (a 3xx is a failure: the endpoint
 * must answer itself), the connection is refused before it opens when the host resolves to
 * a private address, and the whole exchange must finish within `timeoutMs`.
 */
export function postWebhook(
  target: string,
  body: string,
  headers: Record<string, string>,
  options: { timeoutMs: number; allowPrivate: boolean },
): Promise<SendResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const url = new URL(target);
  const literal = literalRefused(url, options.allowPrivate);
  if (literal)
    return Promise.resolve({
      ok: false,
      statusCode: null,
      latencyMs: 0,
      error: `${literal} is a private address`,
    });
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: Omit<SendResult, 'latencyMs'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...result, latencyMs: elapsed() });
    };
    const request = (url.protocol === 'https:' ? https : http).request(url, {
      method: 'POST',
      headers: {
        ...headers,
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
        'user-agent': 'Chapar-Webhooks/1',
      },
      lookup: guardedLookup(options.allowPrivate),
      agent: false,
    });
    const timer = setTimeout(() => {
      finish({ ok: false, statusCode: null, error: `no answer within ${options.timeoutMs / 1000} s` });
      request.destroy();
    }, options.timeoutMs);
    request.on('response', (response) => {
      const statusCode = response.statusCode ?? 0;
      // The body is not read for meaning, only drained so the answer counts when complete.
      response.resume();
      response.on('end', () =>
        finish({
          ok: statusCode >= 200 && statusCode < 300,
          statusCode,
          error: statusCode >= 200 && statusCode < 300 ? null : `HTTP ${statusCode}`,
        }),
      );
      response.on('error', (error) => finish({ ok: false, statusCode, error: error.message }));
    });
    request.on('error', (error) =>
      finish({ ok: false, statusCode: null, error: error.message.slice(0, 500) }),
    );
    request.end(body);
  });
}
