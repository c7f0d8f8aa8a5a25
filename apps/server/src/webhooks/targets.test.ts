import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { postWebhook } from './send';
import { checkTarget, isPrivateAddress } from './targets';

describe('webhook targets', () => {
  it('knows the private, loopback and reserved ranges, IPv4, IPv6 and v4-mapped', () => {
    for (const address of [
      '127.0.0.1',
      '10.1.2.3',
      '172.20.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '::1',
      'fd00::1',
      'fe80::1',
      '::ffff:127.0.0.1',
    ])
      expect(isPrivateAddress(address), address).toBe(true);
    for (const address of ['8.8.8.8', '93.184.216.34', '2606:4700::1111', '::ffff:8.8.8.8', '172.32.0.1'])
      expect(isPrivateAddress(address), address).toBe(false);
  });

  it('refuses a private address when the URL is saved, by literal or by name, unless allowed', async () => {
    await expect(checkTarget('http://127.0.0.1:8080/x', false)).rejects.toThrow(/private or local address/);
    await expect(checkTarget('http://[::1]/x', false)).rejects.toThrow(/private or local address/);
    // localhost resolves to loopback: refused after DNS resolution.
    await expect(checkTarget('http://localhost/x', false)).rejects.toThrow(/points to (127\.0\.0\.1|::1)/);
    await expect(checkTarget('file:///etc/passwd', true)).rejects.toThrow(/http:\/\/ or https:\/\//);
    await expect(checkTarget('http://127.0.0.1:8080/x', true)).resolves.toBeUndefined();
  });

  it('refuses to connect to a private address at delivery time, and follows no redirect', async () => {
    let hits = 0;
    const server = createServer((_req, res) => {
      hits++;
      res.writeHead(302, { location: 'http://127.0.0.1:1/elsewhere' }).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    try {
      const options = { timeoutMs: 2_000, allowPrivate: false };
      const byLiteral = await postWebhook(`http://127.0.0.1:${port}/`, '{}', {}, options);
      expect(byLiteral).toMatchObject({
        ok: false,
        statusCode: null,
        error: expect.stringMatching(/private/),
      });
      const byName = await postWebhook(`http://localhost:${port}/`, '{}', {}, options);
      expect(byName).toMatchObject({ ok: false, statusCode: null, error: expect.stringMatching(/private/) });
      expect(hits).toBe(0);
      const allowed = await postWebhook(
        `http://localhost:${port}/`,
        '{}',
        {},
        { ...options, allowPrivate: true },
      );
      expect(allowed).toMatchObject({ ok: false, statusCode: 302, error: 'HTTP 302' });
      expect(hits).toBe(1);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});
