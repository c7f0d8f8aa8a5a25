import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The API (HTTP and WebSocket on the same `/trpc` path) runs on :3000 in development. */
const API_ORIGIN = 'http://localhost:3000';

export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    proxy: {
      '/trpc': { target: API_ORIGIN, ws: true, changeOrigin: false },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
  },
});
