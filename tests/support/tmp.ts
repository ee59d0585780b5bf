/**
 * Temporary folders for tests: one made inside a test is removed after that
 * test; one made in a beforeAll (a database the whole file shares) lives
 * until the file's tests are done — the core refuses to write a database
 * whose file was deleted under it, as it must.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, onTestFinished } from 'vitest';

const perFile: string[] = [];

afterAll(() => {
  for (const dir of perFile.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

export function tempDir(prefix = 'renkei-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const remove = () => fs.rmSync(dir, { recursive: true, force: true });
  try {
    onTestFinished(remove);
  } catch {
    // Not inside a test (a beforeAll): kept for the whole file.
    perFile.push(dir);
  }
  return dir;
}
