// `npm start`: builds the web app if it is not built yet, then runs the server, which
// creates and migrates the database itself. PORT, DATABASE_URL, DATA_DIR etc. pass through.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const run = (cmd, args) => {
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

if (!existsSync(new URL('../apps/web/dist/index.html', import.meta.url))) {
  console.log('Building the web app (first start only)…');
  run('npm', ['run', 'build', '-w', '@chapar/web']);
}
// Out of the box, one-time codes go to the server log (read them there to verify a phone
// or reset a password). Set SMS_PROVIDER / EMAIL_PROVIDER to send them for real.
const env = { ...process.env };
for (const name of ['SMS_PROVIDER', 'EMAIL_PROVIDER']) {
  if (!env[name]) {
    env[name] = 'log';
    console.log(`${name} is not set: one-time codes and mail go to the server log.`);
  }
}
const server = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], {
  cwd: root,
  stdio: 'inherit',
  env,
});
// A process manager signals this process; the server must hear it to shut down gracefully.
// npm runs the scripts under `sh -c`, and dash neither execs nor passes signals on, so the
// package.json scripts `exec` this file: npm's forwarded SIGTERM then lands here.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
