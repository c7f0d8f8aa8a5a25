// `npm pack` / `npm publish` ship dist/ with this manifest instead of the workspace one:
// the workspace exports TypeScript source (so the repo needs no build to run), the tarball
// exports built JavaScript and one declaration file, and needs no workspace package.
// `prepack` writes it (keeping the workspace file beside it), `postpack` puts it back.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

const file = new URL('../package.json', import.meta.url);
const kept = new URL('../package.workspace.json', import.meta.url);
const step = process.argv[2];

if (step === 'write') {
  // A pack that died before postpack left the workspace file aside: start from it again.
  if (existsSync(kept)) renameSync(kept, file);
  const workspace = JSON.parse(readFileSync(file, 'utf8'));
  const published = {
    name: workspace.name,
    version: workspace.version,
    description: workspace.description,
    type: 'module',
    engines: { node: '>=20' },
    exports: { '.': { types: './dist/index.d.ts', default: './dist/index.js' } },
    imports: {
      '#websocket': { browser: './dist/websocket.browser.js', default: './dist/websocket.node.js' },
    },
    types: './dist/index.d.ts',
    files: ['dist'],
    dependencies: {
      '@trpc/client': workspace.dependencies['@trpc/client'],
      ws: workspace.dependencies.ws,
    },
    // Only the declarations refer to it (router types); @trpc/client needs it as a peer anyway.
    peerDependencies: { '@trpc/server': workspace.dependencies['@trpc/server'] },
  };
  renameSync(file, kept);
  writeFileSync(file, `${JSON.stringify(published, null, 2)}\n`);
} else if (step === 'restore') {
  if (existsSync(kept)) renameSync(kept, file);
} else {
  throw new Error('usage: publish-manifest.mjs write|restore');
}
