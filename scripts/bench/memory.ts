/**
 * `--memory`: what the host holds, as the officer's PC feels it. The host's
 * resident memory on a real database (the demo plus the real national list)
 * after it made the 厚生局提出資料一式 through its API, as the app's button
 * does; and the peak during a pack of the demo grown 50× of the host and any
 * process it starts (proportional set sizes summed, sampled every 50 ms, so
 * shared memory is counted once; the printing Chromium's, until the core came
 * to write the PDF itself). Linux only: read from /proc.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Core } from '@core/core';
import { parseIsoDate } from '@shared/dates';
import { reportsWithData } from '@shared/report/pick';
import { type ServeProcess, startServeProcess } from '@tests/support/serve';
import { growDemo } from './grow';
import { realDatabase } from './start';

type Line = (label: string, value: string) => void;

const REPEATS = 3;
const mib = (kib: number) => `${(kib / 1024).toFixed(0)} MiB`;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** A /proc status field in KiB (VmRSS, VmHWM), or 0 once the process is gone. */
function statusKib(pid: number, field: string): number {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

function pssKib(pid: number): number {
  try {
    const m = /^Pss:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/** Every process below `pid` (its children, theirs, …). */
function descendants(pid: number): number[] {
  const parentOf = new Map<number, number>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The parent is the 4th field after the command in parentheses (which may itself hold spaces).
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      parentOf.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // Gone meanwhile.
    }
  }
  const found: number[] = [];
  const walk = (parent: number) => {
    for (const [child, of] of parentOf) {
      if (of === parent) {
        found.push(child);
        walk(child);
      }
    }
  };
  walk(pid);
  return found;
}

/**
 * The 令和5年度 pack through the host's API, with the reports the CLI picks; the peak PSS meanwhile of the host and
 * the processes it started (until the core wrote PDFs itself, the printing Chromium's).
 */
async function packThroughHost(host: ServeProcess, outDir: string): Promise<number> {
  const infos = (await host.call('report.list', {})) as Parameters<typeof reportsWithData>[0];
  let peak = 0;
  const sampler = setInterval(() => {
    const total = [host.child.pid!, ...descendants(host.child.pid!)].reduce((sum, pid) => sum + pssKib(pid), 0);
    peak = Math.max(peak, total);
  }, 50);
  try {
    await host.call('report.pack', {
      fy: 2023,
      date: '2024-04-01',
      reports: reportsWithData(infos, 2023, parseIsoDate('2024-04-01')),
      outDir,
    });
  } finally {
    clearInterval(sampler);
  }
  return peak;
}

export async function benchMemory(dir: string, line: Line): Promise<void> {
  if (!fs.existsSync('/proc/self/smaps_rollup')) {
    line('host memory', 'not measured: needs Linux /proc');
    return;
  }
  const real = await realDatabase(dir);
  const after: number[] = [];
  for (let i = 0; i < REPEATS; i += 1) {
    const host = await startServeProcess(real, undefined, path.join(dir, `memory-user-${i}`));
    try {
      await packThroughHost(host, path.join(dir, `memory-pack-${i}`));
      after.push(statusKib(host.child.pid!, 'VmRSS'));
    } finally {
      await host.stop();
    }
  }
  line(
    `host resident memory after a pack through its API (demo + national list, ${REPEATS} starts)`,
    `min ${mib(Math.min(...after))} / median ${mib(median(after))} (goal < 250 MiB)`,
  );

  const grownPath = path.join(dir, 'memory-50.sqlite');
  const core = await Core.open({ dbPath: grownPath });
  await core.call('app.demo.load', {});
  const grown = await growDemo(core, 50);
  await core.close();
  const peaks: number[] = [];
  for (let i = 0; i < REPEATS; i += 1) {
    const host = await startServeProcess(grownPath, undefined, path.join(dir, `memory-50-user-${i}`));
    try {
      peaks.push(await packThroughHost(host, path.join(dir, `memory-50-pack-${i}`)));
    } finally {
      await host.stop();
    }
  }
  line(
    `the host's peak during a pack of the demo ×50 (${grown.projects} 基金 projects, ${grown.centers} centers; PSS of the host and any process it starts summed — no browser: the core writes the PDF)`,
    `min ${mib(Math.min(...peaks))} / median ${mib(median(peaks))} (goal < 800 MiB)`,
  );
}
