/**
 * 100,000 institutions for the import benchmarks: the real insured-institution
 * list (97,024 rows, deduplicated by code) topped up with numbered rows.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

export interface BenchInstitution {
  code: string;
  name: string;
  address: string;
}

const ZIP = path.resolve(__dirname, '../../../shared/reference/data/med-inst/all_med_inst_cd-202508.zip');

export function benchInstitutions(count = 100_000): BenchInstitution[] {
  const csv = execFileSync('unzip', ['-p', ZIP], { maxBuffer: 64 * 1024 * 1024 }).toString('utf8');
  const seen = new Set<string>();
  const rows: BenchInstitution[] = [];
  for (const line of csv.split('\n')) {
    const [code, , name, , address] = line.split(',');
    if (!code || !name || seen.has(code)) continue;
    seen.add(code);
    rows.push({ code, name, address: address ?? '' });
    if (rows.length === count) return rows;
  }
  for (let i = 0; rows.length < count; i += 1)
    rows.push({ code: String(990_000_000 + i), name: `ベンチ診療所${i}`, address: `新潟市中央区${i}番地` });
  return rows;
}

export function toCsv(rows: readonly BenchInstitution[]): Buffer {
  const lines = [
    '医療機関コード,名称,所在地',
    ...rows.map((r) => `${r.code},"${r.name.replace(/"/g, '""')}","${r.address.replace(/"/g, '""')}"`),
  ];
  return Buffer.from(lines.join('\r\n'), 'utf8');
}
