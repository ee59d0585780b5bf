/**
 * `npm run faults`: the standing guards at full size — fuzz every operation,
 * kill -9 during import, save, backup, restore and pack, two hosts and a CLI
 * writing one file, and hostile files — printing one line of counts each.
 * Exits non-zero when a crash, a partial write or a lost confirmation is seen.
 * `--only fuzz,crash,concurrency,files` runs a subset; `--seconds N` sets the
 * concurrency run (60 by default); `--kills N` the crash count (36).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CLI, ROOT } from '@tests/support/serve';
import { runBadFiles } from './bad-files';
import { runConcurrency } from './concurrency';
import { type FaultCounts, failures, formatCounts } from './counts';
import { runCrashes } from './crash';
import { runFuzz } from './fuzz';

const { values } = parseArgs({
  options: { only: { type: 'string' }, seconds: { type: 'string' }, kills: { type: 'string' }, runs: { type: 'string' } },
});
const only = new Set((values.only ?? 'fuzz,crash,concurrency,files').split(','));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'renkei-faults-'));

async function main(): Promise<number> {
  if (!fs.existsSync(CLI)) throw new Error('dist/ がありません。npm run build を先に実行してください。');
  const all: FaultCounts[] = [];
  const report = (c: FaultCounts) => {
    all.push(c);
    console.log(formatCounts(c));
    for (const e of c.examples.slice(0, 10)) console.log(`  ・${e}`);
  };
  if (only.has('fuzz'))
    report(await runFuzz({ dir, staticDir: path.join(ROOT, 'dist', 'renderer'), runsPerOperation: Number(values.runs ?? 40) }));
  if (only.has('crash')) report(await runCrashes({ dir, kills: Number(values.kills ?? 36) }));
  if (only.has('concurrency')) report(await runConcurrency({ dir, seconds: Number(values.seconds ?? 60) }));
  if (only.has('files')) report(await runBadFiles({ dir, staticDir: path.join(ROOT, 'dist', 'renderer') }));
  return all.reduce((n, c) => n + failures(c), 0);
}

main()
  .then((bad) => {
    fs.rmSync(dir, { recursive: true, force: true });
    console.log(bad === 0 ? '異常なし: 異常終了・中途半端な書き込み・確認済みの保存の消失はいずれも 0 件です。' : `異常 ${bad} 件`);
    process.exit(bad === 0 ? 0 : 1);
  })
  .catch((error: unknown) => {
    console.error(error);
    process.exit(2);
  });
