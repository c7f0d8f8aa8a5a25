import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/** recharts' own react-is 18 cannot read React 19 elements; see src/dashboard/recharts-react-is.ts. */
function rechartsReactIs(): Plugin {
  const shim = fileURLToPath(new URL('./src/dashboard/recharts-react-is.ts', import.meta.url));
  return {
    name: 'chapar:recharts-react-is',
    enforce: 'pre',
    resolveId(source, importer) {
      if (source === 'react-is' && importer?.includes('/node_modules/recharts/')) return shim;
      return null;
    },
  };
}

/** The API (HTTP and WebSocket on the same `/trpc` path, exports under `/api`) runs on :3000 in development. */
const API_ORIGIN = 'http://localhost:3000';

export default defineConfig({
  plugins: [react(), rechartsReactIs()],
  server: {
    port: 5173,
    proxy: {
      '/trpc': { target: API_ORIGIN, ws: true, changeOrigin: false },
      // Recipient exports (plain downloads authenticated by the session cookie).
      '/api': { target: API_ORIGIN, changeOrigin: false },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    rolldownOptions: {
      output: {
        // Libraries change less often than the app: separate chunks stay cached across releases.
        codeSplitting: {
          groups: [
            // The chart library and its dependencies load only with the dashboard's chart.
            {
              name: 'charts',
              // Only these packages: their own imports (React, Mantine core) stay in the shared chunks.
              includeDependenciesRecursively: false,
              test: /node_modules[\\/](@mantine[\\/]charts|recharts|recharts-scale|react-smooth|victory-vendor|d3-[a-z-]+|internmap|decimal\.js-light|lodash|eventemitter3|fast-equals|tiny-invariant)[\\/]/,
            },
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/ },
            { name: 'mantine', test: /node_modules[\\/]@mantine[\\/]/, tags: ['$initial'] },
            { name: 'phone', test: /node_modules[\\/]libphonenumber-js[\\/]/ },
            // Only what the first page needs; libraries of lazy areas (qrcode, …) load with them.
            { name: 'vendor', test: /node_modules[\\/]/, tags: ['$initial'] },
          ],
        },
      },
    },
  },
});
