import { createApp, StartupError } from './app';
import { ConfigError, loadConfig } from './env';
import { createLogger } from './logger';

const SHUTDOWN_LIMIT_MS = 15_000;

async function main() {
  const config = loadConfig();
  const log = createLogger(config.LOG_LEVEL);
  const app = await createApp(config, log);
  const url = await app.start();
  if (app.role === 'worker') {
    log.info(
      { url, workerId: app.workerId },
      `Chapar worker ${app.workerId} is running (health checks on ${url})`,
    );
  } else {
    log.info({ url, role: app.role, dataDir: config.DATA_DIR }, `Chapar is listening on ${url}`);
  }

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      log.error('shutdown took too long; exiting');
      process.exit(1);
    }, SHUTDOWN_LIMIT_MS);
    force.unref();
    app.stop().then(
      () => process.exit(0),
      (error: Error) => {
        log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  // whatsapp-web.js re-injects into the page on navigation without awaiting it; a stray
  // rejection there ("Target closed" after a logout) must not take every account down.
  process.on('unhandledRejection', (reason) => log.error({ err: reason }, 'unhandled rejection'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: Error) => {
  // One clear line for the person starting the server; stack traces only for real bugs.
  if (error instanceof ConfigError || error instanceof StartupError) {
    console.error(error.message);
  } else {
    console.error(error);
  }
  process.exit(1);
});
