/**
 * Bad-files guard: hostile and odd files through the 台帳 import over the
 * loopback host — a zip bomb, bytes that are not a zip, a CSV named .xlsx,
 * formula cells, and a large real-sized list. Each must end in a clear
 * refusal or a correct import, never a 500 or a half-written table.
 */
import path from 'node:path';
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import { Core } from '@core/core';
import { startHost, TOKEN_HEADER } from '@core/host/server';
import { benchInstitutions, toCsv } from '../bench/institutions';
import { emptyCounts, type FaultCounts } from './counts';

export interface BadFilesOptions {
  dir: string;
  staticDir: string;
  /** Rows of the large list (100,000 in the full run). */
  largeRows?: number;
}

/** A stored zip of the given entries, each deflated; enough of the format for any reader to try. */
export function zipOf(entries: { name: string; data: Buffer; deflated?: Buffer }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const body = entry.deflated ?? zlib.deflateRawSync(entry.data);
    const crc = zlib.crc32(entry.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(entry.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(entry.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** 40 sheets of 64 MB of the same byte: 2.5 GB when inflated, about 2.5 MB on disk. */
export function zipBomb(): Buffer {
  const sheet = Buffer.alloc(64 * 1024 * 1024, 0x20);
  const deflated = zlib.deflateRawSync(sheet, { level: 9 });
  const entries = [
    {
      name: '[Content_Types].xml',
      data: Buffer.from('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    },
    ...Array.from({ length: 40 }, (_, i) => ({ name: `xl/worksheets/sheet${i + 1}.xml`, data: sheet, deflated })),
  ];
  return zipOf(entries);
}

async function formulaWorkbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('医療機関');
  ws.addRow(['医療機関コード', '名称', '所在地']);
  ws.addRow(['970000001', { formula: 'HYPERLINK("http://127.0.0.1/","診療所")', result: '診療所' }, '新潟市']);
  ws.addRow(['970000002', { formula: '1+1', result: 2 }, { formula: 'A1&"x"' }]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function runBadFiles(options: BadFilesOptions): Promise<FaultCounts> {
  const counts = emptyCounts('files');
  const core = await Core.open({ dbPath: path.join(options.dir, 'files.sqlite'), logError: () => undefined });
  const host = await startHost({ core, staticDir: options.staticDir });
  const call = async (name: string, input: unknown) => {
    const res = await fetch(`${host.url}api/${name}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [TOKEN_HEADER]: host.token },
      body: JSON.stringify(input),
    });
    return {
      status: res.status,
      body: (await res.json()) as {
        ok: boolean;
        value?: { counts?: { new: number; error: number }; created?: number };
        error?: { code: string; message: string };
      },
    };
  };
  const institutionCount = async () => (await core.call('masters.institutions.list', { limit: 1 })).total;
  const large = options.largeRows ?? 100_000;
  const cases: { label: string; fileName: string; data: Buffer; expectRows?: number }[] = [
    { label: 'zip bomb', fileName: 'bomb.xlsx', data: zipBomb() },
    { label: 'not a zip', fileName: 'noise.xlsx', data: Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)) },
    { label: 'CSV named .xlsx', fileName: 'list.xlsx', data: Buffer.from('医療機関コード,名称,所在地\r\n970000009,診療所,新潟市\r\n') },
    { label: 'formula cells', fileName: 'formulas.xlsx', data: await formulaWorkbook() },
    { label: `${large.toLocaleString('en')} rows`, fileName: 'large.csv', data: toCsv(benchInstitutions(large)), expectRows: large },
  ];
  try {
    for (const c of cases) {
      counts.attempts += 1;
      const input = { kind: 'institutions', fileName: c.fileName, data: c.data.toString('base64') };
      const before = await institutionCount();
      const preview = await call('masters.import.preview', input);
      if (preview.status >= 500 || preview.body.error?.code === 'internal') {
        counts.crashes += 1;
        counts.examples.push(`${c.label}: ${preview.status} ${preview.body.error?.message ?? ''}`);
        continue;
      }
      if (!preview.body.ok || (preview.body.value?.counts?.error ?? 0) > 0) {
        counts.clearErrors += 1;
        if (c.expectRows !== undefined) {
          counts.crashes += 1;
          counts.examples.push(`${c.label}: refused (${preview.body.error?.message ?? 'rows with errors'})`);
        }
        continue;
      }
      const commit = await call('masters.import.commit', input);
      const after = await institutionCount();
      if (!commit.body.ok) {
        if (commit.status >= 500 || commit.body.error?.code === 'internal') counts.crashes += 1;
        else counts.clearErrors += 1;
        if (after !== before) counts.partialWrites += 1;
        counts.examples.push(`${c.label}: commit refused: ${commit.body.error?.message ?? ''}`);
        continue;
      }
      counts.accepted += 1;
      if (c.expectRows !== undefined && after - before !== c.expectRows) {
        counts.partialWrites += 1;
        counts.examples.push(`${c.label}: ${after - before} rows imported, expected ${c.expectRows}`);
      }
    }
  } finally {
    await host.close();
    await core.close();
  }
  return counts;
}
