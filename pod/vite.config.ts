import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';
import { resolve } from 'node:path';

// The pod is served by our server under /pod/ and framed by Manage.
export default defineConfig({
  root: resolve(import.meta.dirname),
  base: '/pod/',
  plugins: [preact()],
  build: { outDir: resolve(import.meta.dirname, '../dist/pod'), emptyOutDir: true, reportCompressedSize: false },
});
