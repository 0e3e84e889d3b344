/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  base: './',
  worker: {
    format: 'es',
  },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 1200,
  },
  test: {
    testTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['test/sim/**/*.test.ts', 'test/scenario/**/*.test.ts', 'test/cli/**/*.test.ts', 'test/worker/**/*.test.ts', 'test/store/**/*.test.ts', 'test/run/**/*.test.ts', 'test/lessons/**/*.test.ts', 'test/followers/**/*.test.ts', 'test/lab/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        extends: true,
        test: {
          name: 'ui',
          include: ['test/ui/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
          setupFiles: ['test/ui/setup.ts'],
        },
      },
    ],
  },
});
