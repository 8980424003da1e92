import { defineConfig } from 'vite';
import { resolve } from 'node:path';

// Production bundle of the server for Node 20 (which cannot run .ts). At run
// time every path (migrations, pod files) is resolved from the working directory.
export default defineConfig({
  build: {
    ssr: resolve(import.meta.dirname, 'src/index.ts'),
    outDir: resolve(import.meta.dirname, '../dist/server'),
    emptyOutDir: true,
    target: 'node20',
    rollupOptions: { output: { entryFileNames: 'index.js' } },
  },
  ssr: { target: 'node' },
});
