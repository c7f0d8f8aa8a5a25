import type { Config } from '../env';
import type { AppLogger } from '../logger';
import type { LoginStore } from './login-store/login-store';
import { SandboxDriver } from './sandbox-driver';
import type { DriverFactory } from './session-manager';
import type { WebVersionCache } from './wwebjs/driver-options';
import type { LidStorage } from './wwebjs/lids';
import { normalizeReply } from './wwebjs/opt-out';
import { WwebjsDriver } from './wwebjs-driver';

/** Builds the driver an account asks for, configured from the environment. */
export function createDriverFactory(
  config: Config,
  log: AppLogger,
  workerId?: string,
  real: {
    loginStore?: LoginStore;
    hostIsLive?: (host: string) => Promise<boolean>;
    lidStorage?: (accountId: number) => LidStorage;
  } = {},
): DriverFactory {
  const unregistered = new Set(config.SANDBOX_UNREGISTERED_NUMBERS);
  const optOutWords = new Set(config.OPT_OUT_WORDS.map(normalizeReply));
  return (account) => {
    if (account.driver === 'sandbox') {
      return new SandboxDriver(account.id, {
        dataDir: config.DATA_DIR,
        sharedDataDir: config.LOGIN_STORE === 'local',
        ...(workerId ? { worker: workerId } : {}),
        linkDelayMs: config.SANDBOX_LINK_DELAY_MS,
        sendLatencyMs: config.SANDBOX_SEND_LATENCY_MS,
        deliveryDelayMs: config.SANDBOX_DELIVERY_DELAY_MS,
        readDelayMs: config.SANDBOX_READ_DELAY_MS,
        failureRate: config.SANDBOX_FAILURE_RATE,
        unregistered,
      });
    }
    return new WwebjsDriver(account.id, {
      dataDir: config.DATA_DIR,
      chromePath: config.CHROME_PATH,
      log,
      ...(config.WWEBJS_WEB_VERSION ? { webVersion: config.WWEBJS_WEB_VERSION } : {}),
      webVersionCache: webVersionCache(config),
      ...(real.loginStore ? { loginStore: real.loginStore } : {}),
      loginBackupMs: config.LOGIN_BACKUP_MINUTES * 60_000,
      ...(real.hostIsLive ? { hostIsLive: real.hostIsLive } : {}),
      ...(real.lidStorage ? { lidStorage: real.lidStorage } : {}),
      // With the database login store each worker has a disk of its own.
      sharedDataDir: config.LOGIN_STORE === 'local',
      // Replies from a private LID are looked up only when they could be an opt-out.
      isOptOutReply: (body) => optOutWords.has(normalizeReply(body)),
    });
  };
}

function webVersionCache(config: Config): WebVersionCache {
  if (config.WWEBJS_WEB_CACHE === 'remote' && config.WWEBJS_WEB_CACHE_REMOTE_PATH) {
    return { type: 'remote', remotePath: config.WWEBJS_WEB_CACHE_REMOTE_PATH };
  }
  return config.WWEBJS_WEB_CACHE === 'local' ? { type: 'local' } : { type: 'none' };
}
