import type { Config } from '../env';
import type { AppLogger } from '../logger';
import { SandboxDriver } from './sandbox-driver';
import type { DriverFactory } from './session-manager';
import { WwebjsDriver } from './wwebjs-driver';

/** Builds the driver an account asks for, configured from the environment. */
export function createDriverFactory(config: Config, log: AppLogger): DriverFactory {
  const unregistered = new Set(config.SANDBOX_UNREGISTERED_NUMBERS);
  return (account) => {
    if (account.driver === 'sandbox') {
      return new SandboxDriver(account.id, {
        dataDir: config.DATA_DIR,
        linkDelayMs: config.SANDBOX_LINK_DELAY_MS,
        sendLatencyMs: config.SANDBOX_SEND_LATENCY_MS,
        deliveryDelayMs: config.SANDBOX_DELIVERY_DELAY_MS,
        readDelayMs: config.SANDBOX_READ_DELAY_MS,
        failureRate: config.SANDBOX_FAILURE_RATE,
        unregistered,
      });
    }
    return new WwebjsDriver(account.id, { dataDir: config.DATA_DIR, chromePath: config.CHROME_PATH, log });
  };
}
