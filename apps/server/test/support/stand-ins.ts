import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/**
 * Local stand-ins for the outside services, answering as their documentation says, so the
 * adapters and the flows above them are tested over real HTTP/SMTP without the internet.
 */

type Mode = 'normal' | 'hang' | 'garbage' | { errorCode: number };

async function listen(server: http.Server | SMTPServer): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = (server as { server?: http.Server }).server?.address() ?? (server as http.Server).address();
  return (address as AddressInfo).port;
}

async function readBody(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

interface ZarinpalSession {
  merchantId: string;
  amount: number;
  currency: string | undefined;
  callbackUrl: string;
  /** What the payer actually paid at the gateway (null: not paid). */
  paid: number | null;
  verified: boolean;
  refId: number;
}

/** ZarinPal v4: request.json, verify.json and the StartPay page. */
export async function startZarinpalStandIn() {
  const sessions = new Map<string, ZarinpalSession>();
  const calls: Array<{ path: string; body: Record<string, unknown> }> = [];
  let mode: Mode = 'normal';
  const sockets = new Set<import('node:net').Socket>();
  const reply = (res: http.ServerResponse, body: unknown) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  /** Where the browser returns to; `returnOrigin` replaces the callback's origin (tests learn the port late). */
  let returnOrigin: string | null = null;
  const backTo = (authority: string, status: 'OK' | 'NOK') => {
    const target = new URL(sessions.get(authority)!.callbackUrl);
    if (returnOrigin) {
      const origin = new URL(returnOrigin);
      target.protocol = origin.protocol;
      target.host = origin.host;
    }
    target.searchParams.set('Authority', authority);
    target.searchParams.set('Status', status);
    return target.toString();
  };
  const failure = (code: number) => ({
    data: [],
    errors: { code, message: `error ${code}`, validations: [] },
  });

  const server = http.createServer(async (req, res) => {
    const path = (req.url ?? '').split('?')[0]!;
    // The gateway page, as the sandbox shows it: pay or cancel, then back to the callback.
    const page = /^\/pg\/StartPay\/([^/]+)(?:\/(pay|cancel))?$/.exec(path);
    if (req.method === 'GET' && page) {
      const authority = decodeURIComponent(page[1]!);
      const session = sessions.get(authority);
      if (!session) {
        res.writeHead(404, { 'content-type': 'text/html' });
        res.end('<h1>Unknown payment</h1>');
        return;
      }
      if (!page[2]) {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(
          `<!doctype html><title>ZarinPal stand-in</title><h1>Pay ${session.amount}</h1>` +
            `<a href="/pg/StartPay/${authority}/pay">Pay</a> <a href="/pg/StartPay/${authority}/cancel">Cancel</a>`,
        );
        return;
      }
      if (page[2] === 'pay') session.paid = session.amount;
      res.writeHead(302, { location: backTo(authority, page[2] === 'pay' ? 'OK' : 'NOK') });
      res.end();
      return;
    }
    const body = JSON.parse((await readBody(req)) || '{}') as Record<string, unknown>;
    calls.push({ path, body });
    if (mode === 'hang') return; // never answers
    if (mode === 'garbage') {
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end('<html>Bad gateway</html>');
      return;
    }
    if (typeof mode === 'object') return reply(res, failure(mode.errorCode));
    if (path === '/pg/v4/payment/request.json') {
      if (typeof body.merchant_id !== 'string' || body.merchant_id.length !== 36)
        return reply(res, failure(-10));
      if (typeof body.amount !== 'number' || body.amount < 1000) return reply(res, failure(-9));
      const authority = `A${randomBytes(18).toString('hex').slice(0, 35)}`;
      sessions.set(authority, {
        merchantId: body.merchant_id,
        amount: body.amount,
        currency: body.currency as string | undefined,
        callbackUrl: String(body.callback_url),
        paid: null,
        verified: false,
        refId: 200_000 + sessions.size,
      });
      return reply(res, {
        data: { code: 100, message: 'Success', authority, fee_type: 'Merchant', fee: 0 },
        errors: [],
      });
    }
    if (path === '/pg/v4/payment/verify.json') {
      const session = sessions.get(String(body.authority));
      if (!session || session.merchantId !== body.merchant_id) return reply(res, failure(-54));
      if (session.paid === null) return reply(res, failure(-51));
      if (session.paid !== body.amount || session.amount !== body.amount) return reply(res, failure(-50));
      const code = session.verified ? 101 : 100;
      session.verified = true;
      return reply(res, {
        data: {
          code,
          message: code === 100 ? 'Paid' : 'Verified',
          card_hash: 'x',
          card_pan: '502229******5995',
          ref_id: session.refId,
          fee_type: 'Merchant',
          fee: 0,
        },
        errors: [],
      });
    }
    res.writeHead(404);
    res.end();
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const port = await listen(server);
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    calls,
    sessions,
    setMode(next: Mode) {
      mode = next;
    },
    /** Browsers come back to this origin instead of the callback URL's (the server's real address). */
    setReturnOrigin(origin: string) {
      returnOrigin = origin;
    },
    /** The payer pays at the gateway (`amount` defaults to what was asked). */
    pay(authority: string, amount?: number) {
      const session = sessions.get(authority);
      if (!session) throw new Error(`no session ${authority}`);
      session.paid = amount ?? session.amount;
    },
    /** The browser's trip back: the callback URL the gateway redirects to. */
    callbackUrl(authority: string, status: 'OK' | 'NOK') {
      const session = sessions.get(authority)!;
      const target = new URL(session.callbackUrl);
      target.searchParams.set('Authority', authority);
      target.searchParams.set('Status', status);
      return target.toString();
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Kavenegar: `/v1/{API-KEY}/verify/lookup.json` and `/v1/{API-KEY}/sms/send.json`. */
export async function startKavenegarStandIn(apiKey = 'test-api-key-0123456789') {
  const received: Array<{ method: string; apiKey: string; params: Record<string, string> }> = [];
  let mode: Mode = 'normal';
  const sockets = new Set<import('node:net').Socket>();
  const server = http.createServer(async (req, res) => {
    const match = /^\/v1\/([^/]+)\/(.+)$/.exec((req.url ?? '').split('?')[0]!);
    const params = Object.fromEntries(new URLSearchParams(await readBody(req)));
    if (mode === 'hang') return;
    const send = (status: number, entries: unknown = null) => {
      res.writeHead(status === 200 ? 200 : 400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ return: { status, message: status === 200 ? 'تایید شد' : 'خطا' }, entries }));
    };
    if (mode === 'garbage') {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('Internal error');
      return;
    }
    if (!match) return send(404);
    const [, key, method] = match;
    received.push({ method: method!, apiKey: decodeURIComponent(key!), params });
    if (typeof mode === 'object') return send(mode.errorCode);
    if (decodeURIComponent(key!) !== apiKey) return send(403);
    if (!params.receptor || !/^0\d{10}$/.test(params.receptor)) return send(411);
    if (method === 'verify/lookup.json' && (!params.token || !params.template)) return send(400);
    if (method === 'sms/send.json' && (!params.message || !params.sender)) return send(400);
    send(200, [
      { messageid: 1000 + received.length, receptor: params.receptor, status: 1, statustext: 'در صف ارسال' },
    ]);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const port = await listen(server);
  return {
    url: `http://127.0.0.1:${port}`,
    apiKey,
    received,
    setMode(next: Mode) {
      mode = next;
    },
    /** The code in the last message to `receptor` (09… form). */
    lastCodeFor(receptor: string): string | null {
      const last = received.filter((r) => r.params.receptor === receptor).at(-1);
      if (!last) return null;
      return last.params.token ?? /\d{6}/.exec(last.params.message ?? '')?.[0] ?? null;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
}

/** An SMTP server (no auth, no TLS) that keeps what it receives. */
export async function startSmtpStandIn() {
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  const port = await listen(server);
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    /** The 6-digit code in the last mail to `to`. */
    lastCodeFor(to: string): string | null {
      const mail = mails.filter((m) => m.to.includes(to)).at(-1);
      return mail ? (/Chapar code: (\d{6})/.exec(mail.raw)?.[1] ?? null) : null;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
