// `npm start` (and `start:api` / `start:worker`, which set CHAPAR_ROLE): builds what is
// missing or older than its sources, then runs the compiled server (apps/server/dist) in
// this very process on plain `node` — no TypeScript compiler at run time and no wrapper
// process in between. The server creates and migrates the database itself. PORT,
// DATABASE_URL, DATA_DIR etc. pass through.
//
// The V8 heap for the deployment is set on the `node` command line of the package.json
// scripts (HEAP_FLAGS below says which and why); NODE_OPTIONS can override them.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { getHeapStatistics } from 'node:v8';

const root = fileURLToPath(new URL('..', import.meta.url));
const run = (cmd, args) => {
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

/** Newest modification time of `file`, or of anything under it (node_modules and build output skipped); 0 when missing. */
function newest(file) {
  const info = statSync(file, { throwIfNoEntry: false });
  if (!info?.isDirectory()) return info?.mtimeMs ?? 0;
  let latest = 0;
  for (const entry of readdirSync(file)) {
    if (entry !== 'node_modules' && entry !== 'dist')
      latest = Math.max(latest, newest(path.join(file, entry)));
  }
  return latest;
}

const serverEntry = path.join(root, 'apps/server/dist/main.js');
// The server bundles every workspace package's source (apps/server/build.mjs), so any
// change under packages/*/src, or to a package.json or the build script, rebuilds it.
const serverSources = [
  path.join(root, 'apps/server/src'),
  path.join(root, 'apps/server/package.json'),
  path.join(root, 'apps/server/build.mjs'),
  ...readdirSync(path.join(root, 'packages')).flatMap((name) => [
    path.join(root, 'packages', name, 'src'),
    path.join(root, 'packages', name, 'package.json'),
  ]),
];
if (newest(serverEntry) < Math.max(...serverSources.map(newest))) {
  console.log(existsSync(serverEntry) ? 'Rebuilding the server (sources changed)…' : 'Building the server…');
  run('npm', ['run', 'build', '-w', '@chapar/server']);
}
if (!existsSync(path.join(root, 'apps/web/dist/index.html'))) {
  console.log('Building the web app (first start only)…');
  run('npm', ['run', 'build', '-w', '@chapar/web']);
}

// `node scripts/start.mjs --build-only`: the build steps above and nothing else (the
// benchmarks run it once before starting several servers, so they never build at once).
if (process.argv.includes('--build-only')) process.exit(0);

// Out of the box, one-time codes go to the server log (read them there to verify a phone
// or reset a password). Set SMS_PROVIDER / EMAIL_PROVIDER to send them for real.
for (const name of ['SMS_PROVIDER', 'EMAIL_PROVIDER']) {
  if (!process.env[name]) {
    process.env[name] = 'log';
    console.log(`${name} is not set: one-time codes and mail go to the server log.`);
  }
}
if (getHeapStatistics().heap_size_limit > 1024 * 1024 * 1024) {
  // Started without the package.json scripts' flags: V8 then sizes its heap from the
  // machine's RAM and leaves garbage lying for long (hundreds of MB on a large machine).
  console.log('Running without a heap limit: start with `npm start` for the recommended V8 settings.');
}
// The server registers its own SIGTERM/SIGINT handlers: npm (the scripts `exec` this
// file, as dash would neither exec nor pass signals on) signals this process directly.
await import(pathToFileURL(serverEntry).href);
