import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './env';

describe('loadConfig', () => {
  it('has working defaults and resolves DATA_DIR to an absolute path', () => {
    const config = loadConfig({ DATA_DIR: 'relative/dir' });
    expect(config.PORT).toBe(3000);
    expect(config.DATABASE_URL).toBe('mysql://root@127.0.0.1:3306/chapar');
    expect(config.DATA_DIR.startsWith('/')).toBe(true);
    expect(config.TRIAL_MESSAGES).toBe(100);
  });

  it('names every bad variable with what it should be', () => {
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'postgres://x/y', TRIAL_DAYS: '-1', TRUST_PROXY: 'maybe' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as Error).message;
      expect(message).toContain('PORT="eighty": must be a whole number from 0 to 65535');
      expect(message).toContain('DATABASE_URL="postgres://x/y": must look like mysql://');
      expect(message).toContain('TRIAL_DAYS="-1": must be at least 0');
      expect(message).toContain('TRUST_PROXY="maybe": must be true or false');
    }
  });

  it('loads WhatsApp Web live by default, and takes a pinned version with a cache', () => {
    expect(loadConfig({}).WWEBJS_WEB_CACHE).toBe('none');
    expect(loadConfig({}).WWEBJS_WEB_VERSION).toBeUndefined();
    const pinned = loadConfig({
      WWEBJS_WEB_VERSION: '2.3000.1023204157-alpha',
      WWEBJS_WEB_CACHE: 'remote',
      WWEBJS_WEB_CACHE_REMOTE_PATH: 'https://example.org/html/{version}.html',
    });
    expect(pinned).toMatchObject({
      WWEBJS_WEB_VERSION: '2.3000.1023204157-alpha',
      WWEBJS_WEB_CACHE: 'remote',
    });
    expect(() => loadConfig({ WWEBJS_WEB_CACHE: 'remote' })).toThrow(
      'WWEBJS_WEB_CACHE_REMOTE_PATH is missing',
    );
    expect(() => loadConfig({ WWEBJS_WEB_CACHE: 'disk' })).toThrow('must be none, local or remote');
  });

  it('keeps payments to manual transfer and codes off unless configured', () => {
    const config = loadConfig({});
    expect(config.PAYMENT_PROVIDERS).toEqual(['manual']);
    expect(config.SMS_PROVIDER).toBe('none');
    expect(config.EMAIL_PROVIDER).toBe('none');
  });

  it('refuses a half-configured provider and names the missing variable', () => {
    const cases: Array<[Record<string, string>, string]> = [
      [
        { PAYMENT_PROVIDERS: 'zarinpal,manual', PUBLIC_URL: 'https://x.example' },
        'ZARINPAL_MERCHANT_ID is missing',
      ],
      [
        { PAYMENT_PROVIDERS: 'zarinpal', ZARINPAL_MERCHANT_ID: '00000000-0000-0000-0000-000000000000' },
        'PUBLIC_URL is missing',
      ],
      [{ SMS_PROVIDER: 'kavenegar', KAVENEGAR_SENDER: '10004346' }, 'KAVENEGAR_API_KEY is missing'],
      [{ SMS_PROVIDER: 'kavenegar', KAVENEGAR_API_KEY: 'abcdefghijklmnop' }, 'KAVENEGAR_SENDER'],
      [{ EMAIL_PROVIDER: 'smtp', SMTP_FROM: 'a@b.example' }, 'SMTP_URL is missing'],
      [{ EMAIL_PROVIDER: 'smtp', SMTP_URL: 'smtp://localhost:25' }, 'SMTP_FROM is missing'],
    ];
    for (const [env, expected] of cases) {
      expect(() => loadConfig(env), JSON.stringify(env)).toThrow(expected);
    }
  });

  it('accepts complete provider settings and refuses unknown providers', () => {
    const config = loadConfig({
      PAYMENT_PROVIDERS: 'zarinpal, manual',
      ZARINPAL_MERCHANT_ID: '00000000-0000-0000-0000-000000000000',
      PUBLIC_URL: 'https://chapar.example',
      SMS_PROVIDER: 'kavenegar',
      KAVENEGAR_API_KEY: 'abcdefghijklmnop',
      KAVENEGAR_OTP_TEMPLATE: 'verify',
      EMAIL_PROVIDER: 'smtp',
      SMTP_URL: 'smtp://localhost:2525',
      SMTP_FROM: 'Chapar <no-reply@chapar.example>',
    });
    expect(config.PAYMENT_PROVIDERS).toEqual(['zarinpal', 'manual']);
    expect(() => loadConfig({ PAYMENT_PROVIDERS: 'paypal' })).toThrow('PAYMENT_PROVIDERS="paypal"');
  });

  it('keeps logins in DATA_DIR by default and takes the MySQL login store with a backup interval', () => {
    expect(loadConfig({})).toMatchObject({ LOGIN_STORE: 'local', LOGIN_BACKUP_MINUTES: 10 });
    expect(loadConfig({ LOGIN_STORE: 'mysql', LOGIN_BACKUP_MINUTES: '3' })).toMatchObject({
      LOGIN_STORE: 'mysql',
      LOGIN_BACKUP_MINUTES: 3,
    });
    expect(() => loadConfig({ LOGIN_STORE: 's3', LOGIN_BACKUP_MINUTES: '0' })).toThrow(
      /LOGIN_STORE="s3": must be local or mysql\n {2}LOGIN_BACKUP_MINUTES="0": must be at least 1/,
    );
  });
});
