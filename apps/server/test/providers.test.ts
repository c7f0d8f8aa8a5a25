import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSmtpMailer, EmailError } from '../src/messaging/email';
import { createKavenegarSms } from '../src/messaging/kavenegar';
import { SmsError } from '../src/messaging/sms';
import { GatewayRefusedError, GatewayUnavailableError } from '../src/payments/gateway';
import { createZarinpalGateway } from '../src/payments/zarinpal';
import { startKavenegarStandIn, startSmtpStandIn, startZarinpalStandIn } from './support/stand-ins';

const MERCHANT = '00000000-1111-2222-3333-444444444444';

describe('ZarinPal adapter (v4 REST) against a local stand-in', () => {
  let zarinpal: Awaited<ReturnType<typeof startZarinpalStandIn>>;
  beforeAll(async () => {
    zarinpal = await startZarinpalStandIn();
  });
  afterAll(() => zarinpal.close());
  const gateway = (timeoutMs = 2_000) =>
    createZarinpalGateway({
      merchantId: MERCHANT,
      currency: 'IRT',
      sandbox: true,
      baseUrl: zarinpal.url,
      timeoutMs,
    });
  const order = {
    amount: 50_000,
    description: 'Chapar: Gold',
    callbackUrl: 'https://c.example/cb',
    orderId: '7',
  };

  it('requests a payment with the documented fields and answers the StartPay URL', async () => {
    zarinpal.setMode('normal');
    const started = await gateway().start({ ...order, mobile: '09121234567', email: 'a@b.example' });
    expect(started.redirectUrl).toBe(`${zarinpal.url}/pg/StartPay/${started.reference}`);
    expect(zarinpal.calls.at(-1)).toEqual({
      path: '/pg/v4/payment/request.json',
      body: {
        merchant_id: MERCHANT,
        amount: 50_000,
        currency: 'IRT',
        description: 'Chapar: Gold',
        callback_url: 'https://c.example/cb',
        metadata: { mobile: '09121234567', email: 'a@b.example', order_id: '7' },
      },
    });
  });

  it('verifies a paid session (100), and a replay as already verified (101)', async () => {
    zarinpal.setMode('normal');
    const { reference } = await gateway().start(order);
    zarinpal.pay(reference);
    expect(await gateway().verify({ reference, amount: 50_000 })).toEqual({
      ok: true,
      providerRef: expect.any(String),
      payerDetail: '502229******5995',
    });
    expect(await gateway().verify({ reference, amount: 50_000 })).toMatchObject({ ok: true });
  });

  it('refuses unpaid sessions (-51, not final: it may still be paid) and amounts that differ (-50, final)', async () => {
    zarinpal.setMode('normal');
    const { reference } = await gateway().start(order);
    expect(await gateway().verify({ reference, amount: 50_000 })).toEqual({
      ok: false,
      final: false,
      reason: 'The payment was not confirmed: the payment did not go through.',
    });
    zarinpal.pay(reference, 1_000);
    expect(await gateway().verify({ reference, amount: 50_000 })).toEqual({
      ok: false,
      final: true,
      reason: 'The payment was not confirmed: the amount paid differs from the amount asked.',
    });
  });

  it('a merchant or gateway error at verification decides nothing (the payment may well be paid)', async () => {
    zarinpal.setMode('normal');
    const { reference } = await gateway().start(order);
    zarinpal.pay(reference);
    for (const code of [-9, -12, -52]) {
      zarinpal.setMode({ errorCode: code });
      const error = await gateway()
        .verify({ reference, amount: 50_000 })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(GatewayUnavailableError);
    }
    zarinpal.setMode('normal');
    expect(await gateway().verify({ reference, amount: 50_000 })).toMatchObject({ ok: true });
  });

  it('turns error codes into a refusal naming the problem', async () => {
    zarinpal.setMode({ errorCode: -11 });
    const error = await gateway()
      .start(order)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GatewayRefusedError);
    expect((error as Error).message).toBe('ZarinPal refused: the merchant account is not active.');
  });

  it('reports timeouts and malformed bodies as the gateway being unavailable', async () => {
    zarinpal.setMode('hang');
    const started = Date.now();
    const timeout = await gateway(300)
      .start(order)
      .catch((e: unknown) => e);
    expect(timeout).toBeInstanceOf(GatewayUnavailableError);
    expect((timeout as Error).message).toBe('ZarinPal did not answer within 0.3 s.');
    expect(Date.now() - started).toBeLessThan(2_000);
    zarinpal.setMode('garbage');
    const garbage = await gateway()
      .verify({ reference: 'A1', amount: 1000 })
      .catch((e: unknown) => e);
    expect(garbage).toBeInstanceOf(GatewayUnavailableError);
    expect((garbage as Error).message).toContain('unexpected (HTTP 502)');
  });
});

describe('Kavenegar adapter against a local stand-in', () => {
  let kavenegar: Awaited<ReturnType<typeof startKavenegarStandIn>>;
  beforeAll(async () => {
    kavenegar = await startKavenegarStandIn();
  });
  afterAll(() => kavenegar.close());
  const sms = (over: { otpTemplate?: string; sender?: string; apiKey?: string; timeoutMs?: number } = {}) =>
    createKavenegarSms({ apiKey: kavenegar.apiKey, baseUrl: kavenegar.url, timeoutMs: 2_000, ...over });

  it('sends codes through verify/lookup.json with the template, the number as dialled in Iran', async () => {
    kavenegar.setMode('normal');
    await sms({ otpTemplate: 'chapar-verify' }).sendCode('+989121234567', '123456');
    expect(kavenegar.received.at(-1)).toEqual({
      method: 'verify/lookup.json',
      apiKey: kavenegar.apiKey,
      params: { receptor: '09121234567', token: '123456', template: 'chapar-verify' },
    });
  });

  it('sends through sms/send.json from the sender line when there is no template', async () => {
    kavenegar.setMode('normal');
    await sms({ sender: '10004346' }).sendCode('+989121234567', '654321');
    const last = kavenegar.received.at(-1)!;
    expect(last.method).toBe('sms/send.json');
    expect(last.params).toMatchObject({ receptor: '09121234567', sender: '10004346' });
    expect(last.params.message).toContain('654321');
  });

  it('names the failure from return.status', async () => {
    kavenegar.setMode('normal');
    await expect(
      sms({ apiKey: 'wrong-key-0123456789', otpTemplate: 't' }).sendCode('+989121234567', '1'),
    ).rejects.toThrow('Kavenegar refused the message: the API key is not valid.');
    kavenegar.setMode({ errorCode: 418 });
    await expect(sms({ otpTemplate: 't' }).sendCode('+989121234567', '1')).rejects.toThrow(
      'the account credit is too low',
    );
  });

  it('reports timeouts and malformed bodies', async () => {
    kavenegar.setMode('hang');
    const timeout = await sms({ otpTemplate: 't', timeoutMs: 300 })
      .sendCode('+989121234567', '1')
      .catch((e: unknown) => e);
    expect(timeout).toBeInstanceOf(SmsError);
    expect((timeout as Error).message).toBe('Kavenegar did not answer within 0.3 s.');
    kavenegar.setMode('garbage');
    await expect(sms({ otpTemplate: 't' }).sendCode('+989121234567', '1')).rejects.toThrow(
      'Kavenegar answered something unexpected (HTTP 500).',
    );
  });
});

describe('SMTP mailer against a local SMTP server', () => {
  it('delivers the message with sender, recipient, subject and body', async () => {
    const smtp = await startSmtpStandIn();
    try {
      const mailer = createSmtpMailer({ url: smtp.url, from: 'Chapar <no-reply@chapar.test>' });
      await mailer.send({
        to: 'sara@example.com',
        subject: 'Chapar code: 424242',
        text: 'Your code is 424242.',
      });
      expect(smtp.mails).toHaveLength(1);
      const [mail] = smtp.mails;
      expect(mail!.from).toBe('no-reply@chapar.test');
      expect(mail!.to).toEqual(['sara@example.com']);
      expect(mail!.raw).toContain('Subject: Chapar code: 424242');
      expect(mail!.raw).toContain('Your code is 424242.');
    } finally {
      await smtp.close();
    }
  });

  it('fails with a readable error when the server is not there', async () => {
    const mailer = createSmtpMailer({ url: 'smtp://127.0.0.1:1', from: 'a@b.test', timeoutMs: 1_000 });
    await expect(mailer.send({ to: 'x@y.test', subject: 's', text: 't' })).rejects.toBeInstanceOf(EmailError);
  });
});
