export { type App, createApp, StartupError } from './app';
export { type Clock, ManualClock, systemClock } from './engine/clock';
export { type Config, loadConfig } from './env';
export { createLogger } from './logger';
export { readLedger, sandboxLedgerPath } from './whatsapp/sandbox-driver';
