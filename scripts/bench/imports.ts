/**
 * The import figure as the officer waits for it: the real national list of
 * insured institutions (../shared/reference/data/med-inst), previewed and
 * committed by `renkei import` as a whole process, against a raw prepared
 * INSERT of the same parsed rows into the same table, in the same run. Both
 * write into a database that already exists (made by the core's own
 * migrations, untimed): an officer imports into the database they work in,
 * and creating one is not part of the wait. Also the import's peak memory and
 * what it adds to the database, and how much of that is the audit log.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Core } from '@core/core';
import { readTable } from '@core/tabular/read';
import { institutionKindFromName, institutionNameOrder } from '@shared/masters/model';
import { searchKey } from '@shared/text/normalize';

type Line = (label: string, value: string) => void;

/** The first `shared/reference` above the build: beside the checkout in /work/main, two levels up from a worktree. */
function referenceZip(): string {
  const relative = 'shared/reference/data/med-inst/all_med_inst_cd-202508.zip';
  for (let dir = path.resolve(__dirname, '../../..'); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, relative))) return path.join(dir, relative);
    if (path.dirname(dir) === dir) throw new Error(`${relative} was not found above ${__dirname}`);
  }
}
const CLI = path.resolve(__dirname, '../core/cli.cjs');
/** The list comes without a heading row; the officer adds the one the import template shows. */
const HEADING = '医療機関コード,医療機関コード（7桁）,名称,郵便番号,所在地';
const REPEATS = 3;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const min = (values: number[]) => Math.min(...values);
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;

/** The real national list as the officer imports it (the heading row added), written into `dir`. */
export function realList(dir: string): string {
  const file = path.join(dir, 'all_med_inst_cd.csv');
  const body = execFileSync('unzip', ['-p', referenceZip()], { maxBuffer: 64 * 1024 * 1024 });
  fs.writeFileSync(file, Buffer.concat([Buffer.from(`${HEADING}\n`), body]));
  return file;
}

/** An empty database as the core makes it (every migration applied), copied for each run. */
async function emptyDatabase(dir: string): Promise<string> {
  const file = path.join(dir, 'empty.sqlite');
  await (await Core.open({ dbPath: file })).close();
  return file;
}

function copyOf(empty: string, file: string): string {
  fs.copyFileSync(empty, file);
  return file;
}

/**
 * Raw better-sqlite3: the rows the import's own reader parsed, one prepared
 * INSERT each into the core's institution table (every column the import
 * writes, the search key and the name order made the same way, so the raw side
 * fills the same indexes), in one transaction.
 */
async function rawSeconds(
  empty: string,
  dir: string,
  file: string,
  run: number,
): Promise<{ seconds: number; cpuSeconds: number; rows: number }> {
  const table = await readTable(fs.readFileSync(file), path.basename(file));
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const db = new BetterSqlite3(copyOf(empty, path.join(dir, `raw-${run}.sqlite`)));
  db.pragma('journal_mode = WAL');
  const insert = db.prepare(
    `INSERT OR IGNORE INTO institution (code, name, kind, municipality_code, address, home_care_support, enhanced, beds, search_key, name_order)
     VALUES (?, ?, ?, NULL, ?, 0, 0, NULL, ?, ?)`,
  );
  let rows = 0;
  db.transaction(() => {
    for (const { cells } of table.rows) {
      const [code, , name, , address] = cells as [string, string, string, string, string];
      rows += insert.run(
        code,
        name,
        institutionKindFromName(name),
        address,
        searchKey(`${name} ${code} ${address}`),
        institutionNameOrder(name),
      ).changes;
    }
  })();
  db.close();
  const cpu = process.cpuUsage(cpu0);
  return { seconds: (performance.now() - t0) / 1000, cpuSeconds: (cpu.user + cpu.system) / 1e6, rows };
}

/**
 * `renkei import` (preview, then commit) as a whole process; its peak memory and CPU time (all its threads) from the
 * process itself. The CPU time compares the two sides when other work shares the machine's cores.
 */
function cliRun(
  empty: string,
  dir: string,
  file: string,
  run: number,
): { seconds: number; cpuSeconds: number; maxRss: number; db: string; out: string } {
  const db = copyOf(empty, path.join(dir, `cli-${run}.sqlite`));
  const rss = path.join(dir, `rss-${run}.txt`);
  // Loaded before the CLI: writes the process's peak resident memory when it exits.
  const hook = path.join(dir, 'max-rss.cjs');
  fs.writeFileSync(
    hook,
    `process.on('exit', () => { const u = process.resourceUsage(); require('fs').writeFileSync(${JSON.stringify(rss)}, JSON.stringify([u.maxRSS * 1024, (u.userCPUTime + u.systemCPUTime) / 1e6])); });`,
  );
  const t0 = performance.now();
  const done = spawnSync(process.execPath, ['--require', hook, CLI, 'import', '--db', db, 'institutions', file], {
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  const seconds = (performance.now() - t0) / 1000;
  if (done.status !== 0 || !done.stdout.includes('取り込みました')) throw new Error(`renkei import failed: ${done.stderr || done.stdout}`);
  const [maxRss, cpuSeconds] = JSON.parse(fs.readFileSync(rss, 'utf8')) as [number, number];
  return { seconds, cpuSeconds, maxRss, db, out: done.stdout };
}

/** Bytes per table, from SQLite's own page accounting. */
function tableBytes(file: string): Map<string, number> {
  const db = new BetterSqlite3(file, { readonly: true });
  const rows = db.prepare('SELECT name, sum(pgsize) AS size FROM dbstat GROUP BY name').all() as { name: string; size: number }[];
  db.close();
  return new Map(rows.map((r) => [r.name, r.size]));
}

export async function benchImports(dir: string, line: Line): Promise<void> {
  const file = realList(dir);
  const empty = await emptyDatabase(dir);
  const raw: number[] = [];
  const cli: number[] = [];
  const rss: number[] = [];
  const rawCpu: number[] = [];
  const cliCpu: number[] = [];
  let rawRows = 0;
  let last: ReturnType<typeof cliRun> | null = null;
  for (let run = 0; run < REPEATS; run += 1) {
    // Paired: the raw insert and the import take turns, so both see the same machine.
    const r = await rawSeconds(empty, dir, file, run);
    raw.push(r.seconds);
    rawCpu.push(r.cpuSeconds);
    rawRows = r.rows;
    last = cliRun(empty, dir, file, run);
    cli.push(last.seconds);
    cliCpu.push(last.cpuSeconds);
    rss.push(last.maxRss);
  }
  const imported = /新規 ([\d,]+)/.exec(last!.out)?.[1] ?? '?';
  line(
    `import the real national list (${imported} institutions, preview + commit, renkei import as a process), min / median of ${REPEATS}`,
    `${min(cli).toFixed(1)} / ${median(cli).toFixed(1)} s; raw prepared insert of the same ${rawRows.toLocaleString('en-US')} parsed rows ${min(raw).toFixed(1)} / ${median(raw).toFixed(1)} s; ratio raw/import ${(median(raw) / median(cli)).toFixed(2)} (goal ≥ 0.6)`,
  );
  line(
    'import the real national list: CPU time, import process (all threads) / raw insert, min / median',
    `${min(cliCpu).toFixed(2)} / ${median(cliCpu).toFixed(2)} s / ${min(rawCpu).toFixed(2)} / ${median(rawCpu).toFixed(2)} s; ratio ${(median(rawCpu) / median(cliCpu)).toFixed(2)}`,
  );
  const sizes = tableBytes(last!.db);
  const data =
    (sizes.get('institution') ?? 0) + (sizes.get('sqlite_autoindex_institution_1') ?? 0) + (sizes.get('institution_municipality') ?? 0);
  const audit = [...sizes].filter(([name]) => name.startsWith('audit_log')).reduce((sum, [, size]) => sum + size, 0);
  const journal = [...sizes].filter(([name]) => name.startsWith('journal_row')).reduce((sum, [, size]) => sum + size, 0);
  line(
    'import the real national list: peak memory (median) / database growth',
    `${mib(median(rss))} (goal < 200 MiB) / ${mib(fs.statSync(last!.db).size - fs.statSync(empty).size)}: institutions ${mib(data)}, audit log ${mib(audit)} (${((audit / data) * 100).toFixed(1)}% of the data; goal ≤ 10%), undo journal ${mib(journal)}`,
  );
}
