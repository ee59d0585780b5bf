/**
 * A second process on the same database, for tests of two Renkei processes on
 * one file: `open <db>` opens it and waits for a line on stdin before closing;
 * `save <db> <count> <tag>` saves `count` 圏域 one after another. Every line of
 * output is JSON: {ready}, {saved: id, name}, {failed: message}, {done}.
 */
import readline from 'node:readline';
import { Core } from '@core/core';

function say(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

async function main(): Promise<void> {
  const [mode, dbPath, count, tag] = process.argv.slice(2);
  const core = await Core.open({ dbPath: dbPath!, osUser: tag ?? 'child' });
  say({ ready: true });
  if (mode === 'open') {
    await new Promise<void>((resolve) => readline.createInterface({ input: process.stdin }).once('line', () => resolve()));
  } else {
    for (let i = 0; i < Number(count); i += 1) {
      const name = `${tag}-${i}`;
      const result = await core.dispatch('masters.areas.save', { kind: 'secondary', name, parentId: null, sortOrder: 0 });
      say(result.ok ? { saved: (result.value as { id: number }).id, name } : { failed: result.error.message });
    }
  }
  await core.close();
  say({ done: true });
}

main().catch((error: unknown) => {
  say({ failed: (error as Error).message });
  process.exitCode = 1;
});
