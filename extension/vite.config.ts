import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';
import { crx } from '@crxjs/vite-plugin';
import { resolve } from 'node:path';
import manifest from './manifest.config.js';

export default defineConfig({
  root: resolve(import.meta.dirname),
  plugins: [preact(), crx({ manifest })],
  build: { outDir: resolve(import.meta.dirname, '../dist/extension'), emptyOutDir: true, reportCompressedSize: false },
});
