import type { Config } from '../env';
import type { AppLogger } from '../logger';
import { SandboxDriver } from './sandbox-driver';
import type { DriverFactory } from './session-manager';

/** Builds the driver an account asks for, configured from the environment. */
export function createDriverFactory(config: Config, _log: AppLogger): DriverFactory {
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
    return new Error(
      'The real WhatsApp (wwebjs) driver is not available in this version yet. Use a sandbox account.',
    );
  };
}
