import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The dev server forwards /api (HTTP and the WebSocket) to a running Starmap server;
// STARMAP_API points it elsewhere, e.g. at dev/mock-server.mjs.
const apiTarget = process.env.STARMAP_API ?? 'http://127.0.0.1:8080';

// `base: './'` makes every asset URL relative, so the built app works under any path prefix
// the server mounts it at (see src/api/base.ts for how API and socket URLs follow it).
export default defineConfig({
  base: './',
  plugins: [react()],
  resolve: {
    // Runtime values from core come from its browser-safe entry (no protobuf runtime, no node:fs);
    // a module that needs more fails the build instead of shipping gRPC to the browser.
    alias: [{ find: /^@starmap\/core$/, replacement: '@starmap/core/browser' }],
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
  },
  server: {
    host: '127.0.0.1',
    proxy: {
      '/api': { target: apiTarget, ws: true },
    },
  },
});
