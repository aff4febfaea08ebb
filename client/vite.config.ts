import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The web UI. Built by `npm run build` (root `client/`, output `client/dist/`, which
 * `codenav serve` serves at `/`). `npx vite client` serves it with hot reload, proxying the
 * API to a `codenav serve` on port 4000.
 */
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // sigma + graphology + React are one ~500 kB chunk; split it only if it ever hurts.
    chunkSizeWarningLimit: 1000,
  },
  server: {
    proxy: {
      '/graphql': { target: 'http://127.0.0.1:4000', ws: true },
      '/readyz': 'http://127.0.0.1:4000',
    },
  },
});
