/// <reference types="vitest/config" />
// Build, dev-server and unit-test configuration for the Liaison console.
//
// The production bundle in dist/ is served by the Liaison server at `/`; the
// server falls back to index.html for unknown non-API paths. In development,
// `npm run dev` proxies the API, the event stream and /healthz to a server on
// 127.0.0.1:8080 so the browser sees one origin (cookies and CSRF header as in
// production).
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const kDevServerTarget = 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [react()],
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // Everything the console needs ships in dist/: no CDN, fonts or tiles.
    assetsInlineLimit: 4096,
  },
  server: {
    proxy: {
      '/api': { target: kDevServerTarget, changeOrigin: false, ws: true },
      '/healthz': { target: kDevServerTarget, changeOrigin: false },
    },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    restoreMocks: true,
    setupFiles: ['src/test/setup.ts'],
  },
});
