/** The 台帳 import of 人口: the population figures of a municipality on a base date. */

import { CellError, parseCount, parseDate, parseHundredths, parseLocalGovCode } from '@core/tabular/fields';
import { type ImportKindSpec, RowError } from '@core/tabular/import-engine';
import type { IsoDate } from '@shared/dates';
import { formatNumber } from '@shared/format';
import * as write from '../../write';
import { municipalityCodeExample } from './prefecture';
import { prefectureCode } from './refs';

interface PopulationRecord {
  municipalityCode: string;
  municipalityName: string;
  baseDate: IsoDate;
  total: number;
  age65: number;
  age75: number;
  age85: number;
  areaCentiKm2: number | null;
}

interface PopulationCtx {
  names: Map<string, string>;
  existing: Map<string, PopulationRecord>;
  prefecture: string | null;
}

const requiredCount = (label: string) => (cell: string) => {
  const n = parseCount(cell);
  if (n === null) throw new CellError(`「${label}」が空です`);
  return n;
};

export const populationImport: ImportKindSpec<PopulationRecord, PopulationCtx> = {
  label: '人口',
  columns: [
    {
      key: 'municipalityCode',
      header: '団体コード',
      aliases: ['全国地方公共団体コード', '市区町村コード', '市町村コード'],
      required: true,
      example: municipalityCodeExample,
      parse: (c, ctx) => parseLocalGovCode(c, ctx.prefecture),
    },
    { key: 'baseDate', header: '基準日', aliases: ['調査日', '時点'], required: true, example: '2020-10-01', parse: parseDate },
    { key: 'total', header: '総人口', aliases: ['人口'], required: true, example: '789275', parse: requiredCount('総人口') },
    {
      key: 'age65',
      header: '65歳以上人口',
      aliases: ['65歳以上'],
      required: true,
      example: '232000',
      parse: requiredCount('65歳以上人口'),
    },
    {
      key: 'age75',
      header: '75歳以上人口',
      aliases: ['75歳以上'],
      required: true,
      example: '118000',
      parse: requiredCount('75歳以上人口'),
    },
    { key: 'age85', header: '85歳以上人口', aliases: ['85歳以上'], required: true, example: '42000', parse: requiredCount('85歳以上人口') },
    { key: 'areaCentiKm2', header: '面積（㎢）', aliases: ['面積', '面積(km2)', '面積（km2）'], example: '726.45', parse: parseHundredths },
  ],
  async prepare(db) {
    const names = new Map((await db.selectFrom('municipality').select(['code', 'name']).execute()).map((m) => [m.code, m.name]));
    const rows = await db.selectFrom('population').selectAll().execute();
    return {
      names,
      prefecture: await prefectureCode(db),
      existing: new Map(
        rows.map((r) => [
          `${r.municipalityCode} ${r.baseDate}`,
          { ...r, baseDate: r.baseDate as IsoDate, municipalityName: names.get(r.municipalityCode) ?? '' },
        ]),
      ),
    };
  },
  build(cells, ctx) {
    const code = cells.municipalityCode as string;
    const name = ctx.names.get(code);
    if (!name) throw new RowError(`団体コード「${code}」の市区町村が台帳にありません。先に市区町村を登録してください`, 'municipalityCode');
    const r = { ...(cells as Omit<PopulationRecord, 'municipalityName'>), municipalityName: name };
    if (r.age65 > r.total) throw new RowError('65歳以上人口が総人口を超えています', 'age65');
    if (r.age75 > r.age65) throw new RowError('75歳以上人口が65歳以上人口を超えています', 'age75');
    if (r.age85 > r.age75) throw new RowError('85歳以上人口が75歳以上人口を超えています', 'age85');
    return r;
  },
  key: (r) => ({
    key: `${r.municipalityCode} ${r.baseDate}`,
    label: '団体コードと基準日',
    column: 'municipalityCode',
    shown: `${r.municipalityCode} ${r.baseDate}`,
  }),
  display: (r) => `${r.municipalityName}（${r.baseDate}）`,
  existing: (r, ctx) => ctx.existing.get(`${r.municipalityCode} ${r.baseDate}`),
  fields: [
    { key: 'total', label: '総人口', show: (v) => formatNumber(v as number) },
    { key: 'age65', label: '65歳以上人口', show: (v) => formatNumber(v as number) },
    { key: 'age75', label: '75歳以上人口', show: (v) => formatNumber(v as number) },
    { key: 'age85', label: '85歳以上人口', show: (v) => formatNumber(v as number) },
    { key: 'areaCentiKm2', label: '面積（㎢）', show: (v) => (v === null ? '（空）' : ((v as number) / 100).toFixed(2)) },
  ],
  async apply(db, staged, _ctx, audit) {
    for (const { record } of staged) {
      const { municipalityName: _name, ...figure } = record;
      await write.savePopulation(db, figure, audit);
    }
  },
};
