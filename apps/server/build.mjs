// Compiles the server to JavaScript in dist/ so that it runs on plain `node` (no TypeScript
// compiler held in memory at run time). esbuild bundles our own code together with every
// workspace package (`@chapar/*`, which export their TypeScript source), and leaves every
// other package to be loaded from node_modules as it is; a dynamic import() of our own
// module becomes a chunk of its own, loaded when first used. A new workspace package needs
// nothing here: anything imported as `@chapar/...` is bundled.
//
//   node build.mjs [outdir]   (default dist; another folder must sit beside it, as the
//                             server finds the repository relative to its own files)
import { build } from 'esbuild';

/** Bare imports stay imports (node_modules), except our workspace packages. */
const externalLibraries = {
  name: 'external-libraries',
  setup(esbuild) {
    esbuild.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith('@chapar/') ? undefined : { path: args.path, external: true },
    );
  },
};

await build({
  absWorkingDir: import.meta.dirname,
  entryPoints: ['src/main.ts'],
  outdir: process.argv[2] ?? 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  // Stack traces keep our function names (pino logs them).
  keepNames: true,
  plugins: [externalLibraries],
  logLevel: 'warning',
});
