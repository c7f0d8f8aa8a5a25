import { dts } from 'rollup-plugin-dts';

// One declaration file with the router's types inlined (from @chapar/api's source), so the
// tarball needs no workspace package: only @trpc/* (the runtime) stays an import.
export default {
  input: 'src/index.ts',
  output: { file: 'dist/index.d.ts', format: 'es' },
  external: [/^@trpc\//, 'ws'],
  plugins: [dts({ tsconfig: 'tsconfig.build.json', respectExternal: true })],
};
