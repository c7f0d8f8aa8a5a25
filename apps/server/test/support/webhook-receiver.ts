import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifySignature } from '../../src/webhooks/signature';

export interface Received {
  headers: IncomingHttpHeaders;
  raw: string;
  body: { id: string; type: string; createdAt: string; data: Record<string, unknown> };
  /** The status the receiver answered. */
  answered: number;
}

/**
 * A developer's endpoint on 127.0.0.1: keeps every request, answers `respond(request)`
 * (200 unless told otherwise), and checks each signature with the secret it is given.
 */
export async function startReceiver() {
  const requests: Received[] = [];
  let respond: (r: Omit<Received, 'answered'>) => number | Promise<number> = () => 200;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const request = { headers: req.headers, raw, body: JSON.parse(raw) as Received['body'] };
      const answered = await respond(request);
      requests.push({ ...request, answered });
      // The sender may be gone by now (a killed server): nothing to answer then.
      if (!res.destroyed) res.writeHead(answered).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/chapar`,
    requests,
    /** The requests answered 2xx, i.e. the deliveries that succeeded, in arrival order. */
    accepted: () => requests.filter((r) => r.answered >= 200 && r.answered < 300),
    answerWith(fn: typeof respond) {
      respond = fn;
    },
    signedBy: (r: Received, secret: string) =>
      verifySignature(r.raw, secret, r.headers['x-chapar-signature'] as string | undefined),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
