import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/** Where the serve-console function reads the built console (git-ignored; CDK bundling builds it first). */
export const CONSOLE_OUT_DIR = fileURLToPath(new URL('../functions/serve-console/assets/dist/', import.meta.url));

/**
 * The risk console's build: one HTML page, hashed module files under /console/assets/, the
 * charts (ECharts) in a chunk of their own loaded on first use. No inline script or style is
 * emitted (the page's CSP forbids both): the module-preload polyfill is off (every supported
 * browser preloads modules natively) and assets are never inlined as data URIs.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/console/',
  logLevel: 'warn',
  build: {
    outDir: CONSOLE_OUT_DIR,
    emptyOutDir: true,
    target: 'es2022',
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    cssCodeSplit: false,
    reportCompressedSize: false,
    chunkSizeWarningLimit: 1200,
  },
});
