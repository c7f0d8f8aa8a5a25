import type { Logger } from '@chapar/api';
import type { Config } from './env';
import { createLogMailer, createSmtpMailer, type Mailer } from './messaging/email';
import { createKavenegarSms } from './messaging/kavenegar';
import { createLogSms, type SmsSender } from './messaging/sms';
import type { PaymentGateway } from './payments/gateway';
import { createZarinpalGateway } from './payments/zarinpal';

// Outside services, chosen by the configuration (env.ts has already refused half-set ones).

export function createPaymentGateway(config: Config): PaymentGateway | null {
  if (!config.PAYMENT_PROVIDERS.includes('zarinpal')) return null;
  return createZarinpalGateway({
    merchantId: config.ZARINPAL_MERCHANT_ID!,
    currency: config.PAYMENT_CURRENCY,
    sandbox: config.ZARINPAL_SANDBOX,
    ...(config.ZARINPAL_BASE_URL ? { baseUrl: config.ZARINPAL_BASE_URL } : {}),
  });
}

export function createSmsSender(config: Config, log: Logger): SmsSender | null {
  if (config.SMS_PROVIDER === 'log') return createLogSms(log);
  if (config.SMS_PROVIDER === 'kavenegar') {
    return createKavenegarSms({
      apiKey: config.KAVENEGAR_API_KEY!,
      baseUrl: config.KAVENEGAR_BASE_URL,
      ...(config.KAVENEGAR_SENDER ? { sender: config.KAVENEGAR_SENDER } : {}),
      ...(config.KAVENEGAR_OTP_TEMPLATE ? { otpTemplate: config.KAVENEGAR_OTP_TEMPLATE } : {}),
    });
  }
  return null;
}

export function createMailer(config: Config, log: Logger): Mailer | null {
  if (config.EMAIL_PROVIDER === 'log') return createLogMailer(log);
  if (config.EMAIL_PROVIDER === 'smtp')
    return createSmtpMailer({ url: config.SMTP_URL!, from: config.SMTP_FROM! });
  return null;
}
