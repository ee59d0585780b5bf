/**
 * 帳票 figures: the 厚生局提出資料一式 as a user gets it from the command line
 * — `renkei report pack` as a whole process (Chromium starting, the demo
 * prefecture's every report with data for 令和5年度, PDF + XLSX + manifest) —
 * paired run by run with LibreOffice turning the same workbook into a PDF as
 * a whole process, the route a user would otherwise take. At 1× and at the
 * demo grown 10× through the core's own operations (grow.ts); `--pack-50`
 * adds the 50× growth line.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Core } from '@core/core';
import { chromiumPath } from '@tests/support/chromium';
import { growDemo } from './grow';

const REPEATS = 3;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const seconds = (values: number[]) => `min ${Math.min(...values).toFixed(2)} s / median ${median(values).toFixed(2)} s`;

function libreOffice(): string | null {
  for (const candidate of ['/usr/bin/soffice', '/usr/bin/libreoffice']) if (fs.existsSync(candidate)) return candidate;
  return null;
}

/** One LibreOffice start and conversion, as `libreoffice --headless --convert-to pdf` does it. */
function libreOfficeSeconds(binary: string, xlsx: string, outDir: string, profile: string): number {
  const t0 = performance.now();
  const run = spawnSync(
    binary,
    [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', outDir, xlsx],
    { encoding: 'utf8' },
  );
  const seconds = (performance.now() - t0) / 1000;
  if (run.status !== 0) throw new Error(`LibreOffice failed: ${run.stderr}`);
  return seconds;
}

/** `renkei report pack` from start to exit; returns its time and the workbook it wrote. */
function cliPack(dbPath: string, outDir: string): { seconds: number; xlsx: string; pages: number } {
  const cli = path.join(__dirname, '..', 'core', 'cli.cjs');
  const t0 = performance.now();
  const run = spawnSync(
    process.execPath,
    [cli, 'report', '--db', dbPath, 'pack', '--fy', '2023', '--date', '2024-04-01', '--out', outDir],
    {
      encoding: 'utf8',
      env: { ...process.env, CHROMIUM_PATH: process.env.CHROMIUM_PATH ?? chromiumPath() },
    },
  );
  const elapsed = (performance.now() - t0) / 1000;
  if (run.status !== 0) throw new Error(`renkei report pack failed: ${run.stderr}`);
  const manifest = JSON.parse(fs.readFileSync(path.join(outDir, 'manifest.json'), 'utf8')) as {
    reports: { pages: number }[];
    files: { fileName: string }[];
  };
  const xlsx = path.join(outDir, manifest.files.find((f) => f.fileName.endsWith('.xlsx'))!.fileName);
  return { seconds: elapsed, xlsx, pages: manifest.reports.reduce((n, r) => n + r.pages, 1) };
}

export async function benchReports(dir: string, line: (label: string, value: string) => void): Promise<void> {
  const binary = libreOffice();
  const profile = path.join(dir, 'lo-profile');
  const goals: Record<number, string> = { 1: '< 2.5 s, ≥ 5× faster than LibreOffice', 10: '< 5 s', 50: '< 15 s' };
  for (const factor of process.argv.includes('--pack-50') ? [1, 10, 50] : [1, 10]) {
    const dbPath = path.join(dir, `pack-${factor}.sqlite`);
    const core = await Core.open({ dbPath });
    await core.call('app.demo.load', {});
    const grown = factor > 1 ? await growDemo(core, factor) : null;
    await core.close();
    const ours: number[] = [];
    const theirs: number[] = [];
    let pages = 0;
    // Paired: each pack is followed by LibreOffice on the workbook it wrote, so both see the same machine load.
    for (let i = 0; i < REPEATS; i += 1) {
      const pack = cliPack(dbPath, path.join(dir, `pack-${factor}-${i}`));
      ours.push(pack.seconds);
      pages = pack.pages;
      if (binary) theirs.push(libreOfficeSeconds(binary, pack.xlsx, path.join(dir, `lo-${factor}-${i}`), profile));
    }
    const data = grown ? `, ${grown.projects} 基金 projects, ${grown.centers} centers, ${grown.designations} designations` : '';
    line(
      `renkei report pack, whole process, demo ×${factor} (${pages} PDF pages${data}; ${REPEATS} runs)`,
      `${seconds(ours)} (goal ${goals[factor]})`,
    );
    line(
      `  LibreOffice --headless --convert-to pdf on the pack’s workbook, whole process, paired`,
      binary
        ? `${seconds(theirs)} — the pack is ${(median(theirs) / median(ours)).toFixed(1)}× faster`
        : 'not measured: LibreOffice (soffice) is not installed on this machine',
    );
  }
}
