import { createReadStream } from 'node:fs';
import type http from 'node:http';
import type { Logger } from '@chapar/api';
import { GatewayUnavailableError } from '../payments/gateway';

/**
 * GET /api/payments/zarinpal/callback?Authority=…&Status=OK|NOK — where ZarinPal sends
 * the payer's browser back. The outcome is decided by verifying with ZarinPal (never by
 * the query string), then the browser goes on to the SPA's payment page.
 */
export function handleZarinpalCallback(
  complete: (reference: string, status: string) => Promise<number | null>,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  log: Logger,
) {
  const url = new URL(req.url ?? '/', 'http://callback.invalid');
  const authority = url.searchParams.get('Authority') ?? '';
  const status = url.searchParams.get('Status') ?? '';
  const redirect = (location: string) => {
    res.writeHead(303, { location, 'cache-control': 'no-store' });
    res.end();
  };
  if (!/^[A-Za-z0-9_-]{1,128}$/.test(authority)) return redirect('/billing/payments?result=unknown');
  complete(authority, status).then(
    (paymentId) =>
      redirect(paymentId ? `/billing/payments/${paymentId}` : '/billing/payments?result=unknown'),
    (error: Error) => {
      // The payment stays PENDING; opening this link again (or the page's "check again") retries.
      log.warn({ err: error, authority }, 'zarinpal callback could not verify');
      const reason = error instanceof GatewayUnavailableError ? 'gateway' : 'error';
      redirect(`/billing/payments?result=${reason}&authority=${encodeURIComponent(authority)}`);
    },
  );
}

const RECEIPT_INLINE_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp', 'application/pdf']);

/** GET /api/payments/<id>/receipt — the uploaded receipt, for its owner and for admins. */
export function sendReceipt(
  file: { path: string; mimeType: string; fileName: string } | null,
  res: http.ServerResponse,
) {
  if (!file) {
    res.writeHead(404, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify({ error: 'No receipt for this payment.' }));
    return;
  }
  const stream = createReadStream(file.path);
  stream.once('open', () => {
    // The file is the user's upload served from the app's own origin: only the sniffed
    // image/PDF types are served as themselves (anything else downloads as bytes), the
    // browser may not second-guess the type, and a sandbox CSP keeps a crafted PDF or
    // image from running script with the viewer's session.
    const safeType = RECEIPT_INLINE_TYPES.has(file.mimeType) ? file.mimeType : 'application/octet-stream';
    const disposition = safeType.startsWith('image/') ? 'inline' : 'attachment';
    res.writeHead(200, {
      'content-type': safeType,
      'content-disposition': `${disposition}; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
      'cache-control': 'private, no-store',
    });
    stream.pipe(res);
  });
  stream.once('error', () => {
    if (!res.headersSent) res.writeHead(404, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify({ error: 'The receipt file is missing.' }));
  });
}
