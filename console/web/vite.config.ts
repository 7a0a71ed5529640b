// Vite builds the console into ../dist, which package console embeds with //go:embed.
// The output is deterministic for a given lockfile, so .ci/console.sh can check that the
// committed assets match the source.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  base: '/',
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: {
    outDir: '../dist',
    emptyOutDir: true,
    assetsDir: 'assets',
    target: 'es2022',
    sourcemap: false,
    modulePreload: { polyfill: false },
    cssCodeSplit: false,
    chunkSizeWarningLimit: 200,
  },
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
  },
});
