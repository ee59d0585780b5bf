/** The 台帳 import of 医師会: medical associations and the municipalities they cover. */

import { parseChoice, parseText } from '@core/tabular/fields';
import { type ImportKindSpec, withoutId } from '@core/tabular/import-engine';
import { ASSOCIATION_KIND_LABELS, type AssociationKind } from '@shared/masters/model';
import { associations } from '../../read';
import * as write from '../../write';
import { chosen, type MunicipalityRefs, municipalityLabels, municipalityRefs, parseMunicipalityList, showList } from './refs';

interface AssociationRecord {
  name: string;
  kind: AssociationKind;
  municipalities: string[];
}

interface AssociationCtx {
  municipalities: MunicipalityRefs;
  existing: Map<string, AssociationRecord & { id: number }>;
}

export const associationImport: ImportKindSpec<AssociationRecord, AssociationCtx> = {
  label: '医師会',
  columns: [
    {
      key: 'name',
      header: '医師会名',
      aliases: ['名称', '医師会'],
      required: true,
      example: '〇〇市医師会',
      parse: (c) => parseText(c, 60),
    },
    {
      key: 'kind',
      header: '区分',
      aliases: ['種別', '種類'],
      example: '郡市医師会',
      parse: (c) =>
        c === ''
          ? undefined
          : parseChoice(c, ASSOCIATION_KIND_LABELS, { 都道府県医師会: 'prefectural', 地区医師会: 'county', 郡市区医師会: 'county' }),
    },
    {
      key: 'municipalities',
      header: '対象市町村',
      aliases: ['構成市町村', '担当市町村', '区域'],
      example: '〇〇市、△△町',
      parse: (c, ctx) => parseMunicipalityList(c, ctx.municipalities),
    },
  ],
  async prepare(db) {
    const [rows, municipalities] = [await associations(db), await municipalityRefs(db)];
    return {
      municipalities,
      existing: new Map(
        rows.map((a) => [
          a.name,
          { id: a.id, name: a.name, kind: a.kind, municipalities: municipalityLabels(a.municipalityCodes, municipalities) },
        ]),
      ),
    };
  },
  build(cells, ctx) {
    const name = cells.name as string;
    const kind = chosen(
      cells.kind as AssociationKind | undefined,
      ctx.existing.get(name)?.kind,
      '区分（県医師会・郡市医師会）を入力してください',
      'kind',
    );
    return { name, kind, municipalities: cells.municipalities as string[] };
  },
  key: (r) => ({ key: r.name, label: '医師会名', column: 'name', shown: r.name }),
  display: (r) => r.name,
  existing: (r, ctx) => withoutId(ctx.existing.get(r.name)),
  fields: [
    { key: 'kind', label: '区分', show: (v) => ASSOCIATION_KIND_LABELS[v as AssociationKind] },
    { key: 'municipalities', label: '対象市町村', show: showList },
  ],
  async apply(db, staged, ctx, audit) {
    for (const { record } of staged) {
      const municipalityCodes = record.municipalities.map((label) => ctx.municipalities.codeOf.get(label)!);
      await write.saveAssociation(
        db,
        { id: ctx.existing.get(record.name)?.id, name: record.name, kind: record.kind, municipalityCodes },
        audit,
      );
    }
  },
};
