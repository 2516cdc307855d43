/// <reference types="vitest/config" />
import { statSync } from 'node:fs';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { precompress } from './scripts/lib/precompress.ts';
import { LongestFirst } from './scripts/lib/testOrder.ts';

/**
 * The Content-Security-Policy of the built app, as a <meta> tag so any static host serves it.
 * 'wasm-unsafe-eval' lets DuckDB-WASM compile; workers come from our origin or blob: URLs.
 * Dev mode skips it (Vite's dev server injects inline scripts).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "img-src 'self' data: blob:",
  "style-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'atlas-csp',
    apply: 'build',
    transformIndexHtml(html) {
      return html.replace(
        '<meta charset="UTF-8" />',
        `<meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}" />`,
      );
    },
  };
}

export default defineConfig({
  base: './',
  plugins: [
    react(),
    contentSecurityPolicy(),
    // The installable offline app: a service worker that precaches the build and the default
    // dataset (src/pwa/sw.ts), and a web app manifest. The page registers the worker itself
    // once the first view has settled (src/pwa/register.ts), so installing it never competes
    // with the first visit.
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src/pwa',
      filename: 'sw.ts',
      injectRegister: false,
      manifest: {
        name: 'Firearms Flow Atlas',
        short_name: 'Flow Atlas',
        description: 'In-browser analytics of illicit firearms flows, offline.',
        start_url: './',
        scope: './',
        display: 'standalone',
        background_color: '#12161c',
        theme_color: '#0b5cad',
        icons: [
          { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          {
            src: 'icons/icon-512-maskable.png',
            sizes: '512x512',
            type: 'image/png',
            purpose: 'maskable',
          },
        ],
      },
      injectManifest: {
        globPatterns: ['**/*.{js,css,html,wasm,json,svg,png,webmanifest,duckdb}'],
        // Datasets other than the bundled default are not part of the app (a benchmark copies
        // some into dist/data after the build); nor are the precompressed copies.
        globIgnores: ['**/*.{br,gz}', 'data/!(default)/*/**', 'data/!(default)/*', '**/*.parquet'],
        // The DuckDB wasm is 34 MB.
        maximumFileSizeToCacheInBytes: 64 * 1024 * 1024,
      },
    }),
    precompress(),
  ],
  define: {
    // The uncompressed size of DuckDB's wasm, for its download progress when it is served compressed.
    __DUCKDB_WASM_BYTES__: String(
      statSync('node_modules/@duckdb/duckdb-wasm/dist/duckdb-eh.wasm').size,
    ),
  },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 2500,
    assetsInlineLimit: 0,
  },
  worker: { format: 'es' },
  test: {
    // Two test files at a time, end-to-end ones included: each end-to-end file has its own
    // browser and waits on its page much of the time, so two share the machine's two cores well.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          globalSetup: ['tests/unit/globalSetup.ts'],
          environment: 'node',
          // `npm test` runs them beside two browsers: a property test that takes 20 s alone
          // can take 80 s there. Nothing here is timed; the limit only catches a hang.
          testTimeout: 240_000,
          hookTimeout: 120_000,
          env: { TZ: 'UTC' },
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 180_000,
          globalSetup: ['tests/e2e/globalSetup.ts'],
          fileParallelism: true,
          sequence: { sequencer: LongestFirst },
          env: { TZ: 'UTC' },
        },
      },
    ],
  },
});
