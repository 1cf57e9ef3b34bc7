import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

/** The staff console, built into dist/console and served by the server at /console (src/server/console). */
export default defineConfig({
  root: here,
  base: '/console/',
  plugins: [react()],
  // Everything the console runs comes from this server: no CDN, no inline script (the CSP allows none).
  build: { outDir: fileURLToPath(new URL('../../dist/console', import.meta.url)), emptyOutDir: true, modulePreload: { polyfill: false }, chunkSizeWarningLimit: 1500 },
  logLevel: 'warn',
});
