/**
 * 帳票 figures: the whole 厚生局提出資料一式 for the demo prefecture (PDF and
 * XLSX), cold (Chromium starting) and warm, against LibreOffice turning the
 * same workbook into a PDF — the route a user would otherwise take.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Core } from '@core/core';
import { startHost } from '@core/host/server';
import { ChromiumPrinter } from '@core/report';
import { reportsWithData } from '@shared/report/pick';
import { chromiumPath } from '@tests/support/chromium';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

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

export async function benchReports(dir: string, line: (label: string, value: string) => void): Promise<void> {
  process.env.CHROMIUM_PATH ??= chromiumPath();
  const core = await Core.open({ dbPath: path.join(dir, 'reports.sqlite') });
  await core.call('app.demo.load', {});
  const host = await startHost({ core, staticDir: path.join(__dirname, '..', 'renderer') });
  core.usePrinter(new ChromiumPrinter(host.url));
  // The pack a user gets by default: every report with data for 令和5年度.
  const reports = reportsWithData(await core.call('report.list', {}), 2023);
  const pack = async (i: number) => {
    const t0 = performance.now();
    const result = await core.call('report.pack', { fy: 2023, reports, outDir: path.join(dir, `pack-${i}`) });
    return { seconds: (performance.now() - t0) / 1000, result };
  };
  try {
    const cold = await pack(0);
    const warm: number[] = [];
    for (let i = 1; i <= 3; i += 1) warm.push((await pack(i)).seconds);
    const pages = cold.result.contents.reduce((n, c) => n + c.pages, 1);
    line(
      `submission pack for the demo prefecture (${reports.length} reports, ${pages} PDF pages, PDF + XLSX + manifest)`,
      `${median(warm).toFixed(2)} s warm (median of 3), ${cold.seconds.toFixed(2)} s with Chromium starting (goal < 5 s)`,
    );
    const binary = libreOffice();
    if (!binary) {
      line('LibreOffice XLSX → PDF for the same tables', 'skipped: LibreOffice is not installed (apt-get install libreoffice-calc-nogui)');
      return;
    }
    const xlsx = cold.result.files.find((f) => f.fileName.endsWith('.xlsx'))!.path;
    const profile = path.join(dir, 'lo-profile');
    libreOfficeSeconds(binary, xlsx, path.join(dir, 'lo-warmup'), profile);
    const lo: number[] = [];
    for (let i = 0; i < 3; i += 1) lo.push(libreOfficeSeconds(binary, xlsx, path.join(dir, `lo-${i}`), profile));
    line(
      'LibreOffice --headless --convert-to pdf on the pack’s workbook (median of 3)',
      `${median(lo).toFixed(2)} s — Renkei’s whole pack is ${(median(lo) / median(warm)).toFixed(1)}× faster (goal ≥ 5×)`,
    );
  } finally {
    await host.close();
    await core.close();
  }
}
