// Root config: the test runner. Each part has its own build config
// (server/vite.config.ts, pod/vite.config.ts, extension/vite.config.ts).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: [
            'server/**/*.test.ts',
            'shared/**/*.test.ts',
            'test/**/*.test.ts',
            'pod/**/*.test.{ts,tsx}',
            'extension/**/*.test.{ts,tsx}',
          ],
          exclude: ['**/node_modules/**', '**/*.e2e.test.ts'],
          environment: 'node',
          setupFiles: ['test/helpers/seed-randomness.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
        oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.e2e.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
