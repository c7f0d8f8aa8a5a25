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
});
