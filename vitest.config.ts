// Two projects: `unit` (shared/ and the core against real SQLite files) and
// `e2e` (the built app behind the loopback host, driven in Debian's Chromium).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineConfig } from 'vitest/config';

/** The import aliases of tsconfig.json (@shared/…, @core/…, @renderer/…, @tests/…), so tests resolve them as tsc does. */
const tsconfig = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, 'tsconfig.json'), 'utf8')) as {
  compilerOptions: { paths: Record<string, string[]> };
};
const alias = Object.entries(tsconfig.compilerOptions.paths).map(([from, [to]]) => ({
  find: new RegExp(`^${from.replace('/*', '/')}`),
  replacement: `${path.join(import.meta.dirname, to!.replace('/*', ''))}/`,
}));

export default defineConfig({
  resolve: { alias },
  test: {
    reporters: ['default', './tests/support/summary-reporter.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: [
            'shared/**/*.test.ts',
            'electron/**/*.test.ts',
            'renderer/**/*.test.{ts,tsx}',
            'tests/*.test.ts',
            'scripts/**/*.test.ts',
          ],
          environment: 'node',
          // Several tests import the real national lists (thousands of rows); a busy 2-core machine needs the headroom.
          testTimeout: 30_000,
          // Files wait on PostgreSQL, Chromium and the disk about a third of their time: on 2 cores two files at once
          // (Vitest's default would be one) take the unit tests from ~900 s to ~500 s.
          maxWorkers: Math.max(2, os.availableParallelism() - 1),
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts', 'tests/packaging/**/*.test.ts'],
          // The demo database, made once for the tests that start from it (useApp().demoDbPath()).
          globalSetup: ['tests/support/demo-template.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // A poll waits for the screen to settle after a save; on a busy 2-core machine that can take more than the default second.
          expect: { poll: { timeout: 10_000 } },
          fileParallelism: false,
        },
      },
    ],
  },
});
