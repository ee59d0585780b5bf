/**
 * The e2e project's global setup: a database holding the demo prefecture
 * (新潟県), made once per run the way a user would — `renkei init --demo`,
 * several seconds on a busy 2-core machine — for useApp().demoDbPath() to
 * copy into each test that starts from it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { CLI, runRenkei } from './serve';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The demo database made at the start of the run (read-only: tests copy it). */
    demoDbTemplate: string;
  }
}

export default function setup(project: TestProject): () => void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'renkei-demo-template-'));
  const dbPath = path.join(dir, 'renkei.sqlite');
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} がありません。npm run build を先に実行してください。`);
  const init = runRenkei(dir, 'init', '--demo', '--db', dbPath);
  if (init.code !== 0) throw new Error(`renkei init --demo failed (${init.code}): ${init.err}`);
  project.provide('demoDbTemplate', dbPath);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
