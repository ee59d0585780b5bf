/**
 * An unknown id or code in any reference field of any mutation is a field
 * error naming the field — never a failed foreign key reported as an
 * internal error. The fields are found by walking every mutation's schema,
 * so a new reference that is not declared fails here.
 */
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { type OpName, operations } from '@shared/contract';
import { REFERENCES } from '@shared/contract/references';
import { newInstitution } from '@tests/support/seed';
import { tempDir } from '@tests/support/tmp';
import { Core } from '../core';
import { foreignKeyRefusal } from './references';

/** Every field path of a schema, '*' for a list's elements or a record's values. */
function fieldPaths(schema: z.ZodType, at: string[] = []): string[][] {
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> & { type: string } } })._zod.def;
  switch (def.type) {
    case 'object':
      return Object.entries(def.shape as Record<string, z.ZodType>).flatMap(([key, inner]) => [
        [...at, key],
        ...fieldPaths(inner, [...at, key]),
      ]);
    case 'array':
      return [[...at, '*'], ...fieldPaths(def.element as z.ZodType, [...at, '*'])];
    case 'record':
      return [[...at, '*'], ...fieldPaths(def.valueType as z.ZodType, [...at, '*'])];
    case 'tuple':
      return (def.items as z.ZodType[]).flatMap((item) => fieldPaths(item, [...at, '*']));
    case 'union':
      return (def.options as z.ZodType[]).flatMap((option) => fieldPaths(option, at));
    case 'intersection':
      return [...fieldPaths(def.left as z.ZodType, at), ...fieldPaths(def.right as z.ZodType, at)];
    case 'pipe':
      return fieldPaths(def.in as z.ZodType, at);
    case 'lazy':
      return fieldPaths((def.getter as () => z.ZodType)(), at);
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'nonoptional':
    case 'readonly':
    case 'catch':
      return fieldPaths(def.innerType as z.ZodType, at);
    default:
      return [];
  }
}

const mutations = (Object.keys(operations) as OpName[]).filter((name) => operations[name].kind === 'mutation');

/** A field whose name says it names another record. */
const LOOKS_LIKE_REFERENCE = /(Id|Ids|Code|Codes)$|^(areas|jointWith)$/;

/**
 * Fields that look like references and are not checked as one, each with why.
 * A survey target is a 台帳 record of the round's kind (an id or a code by
 * kind), checked by the survey handlers against the round's own targets.
 */
const NOT_DECLARED: Record<string, string> = {
  'masters.populations.delete municipalityCode': 'with baseDate, the key of the figure deleted',
  'survey.rounds.create targetIds.*': 'survey target',
  'survey.rounds.setTargets targetIds.*': 'survey target',
  'survey.rounds.markSent targetIds.*': 'survey target',
  'survey.answers.save targetId': 'survey target',
  'survey.answers.saveMany entries.*.targetId': 'survey target',
  'survey.answers.delete targetId': 'survey target',
  'survey.forms.write targetIds.*': 'survey target',
  'survey.forms.zip targetIds.*': 'survey target',
  'survey.forms.file targetId': 'survey target',
  'fund.planText.save sections.areas': 'the plan text about each 区域, names as the officer writes them',
  'subsidy.letters.issue centerIds': 'the centers a batch is for; an id that is no center of the year issues no letter',
  'accounts.add associationId':
    'the 医師会 of an association login, read by the row-level policy; checked against 台帳 when accounts get their screen',
  'accounts.setRole associationId': 'as accounts.add',
};

describe('every reference field of every mutation is declared', () => {
  it('finds each field that looks like a reference among the declared ones (or the few listed with a reason)', () => {
    const undeclared: string[] = [];
    for (const name of mutations) {
      const declared = new Set((REFERENCES[name] ?? []).map((field) => field.path.join('.')));
      for (const fieldPath of fieldPaths(operations[name].input)) {
        const last = [...fieldPath].reverse().find((p) => p !== '*')!;
        const joined = fieldPath.join('.');
        if (fieldPath.at(-1) === '*' || !LOOKS_LIKE_REFERENCE.test(last)) continue;
        if (
          declared.has(joined) ||
          declared.has(`${joined}.*`) ||
          `${name} ${joined}` in NOT_DECLARED ||
          `${name} ${joined}.*` in NOT_DECLARED
        )
          continue;
        undeclared.push(`${name} ${joined}`);
      }
    }
    expect(undeclared).toEqual([]);
  });

  it('declares only fields the schemas have', () => {
    for (const [name, fields] of Object.entries(REFERENCES)) {
      const known = new Set(fieldPaths(operations[name as OpName].input).map((p) => p.join('.')));
      for (const field of fields) expect(known.has(field.path.join('.')), `${name} ${field.path.join('.')}`).toBe(true);
    }
  });
});

/** A valid local government code (千代田区) that the demo prefecture does not have. */
const UNKNOWN_CODE = '131016';
const UNKNOWN_ID = 999_999;

/** Sets the first value at `pattern` (adding one to an empty list or record) and returns its concrete path. */
function setFirst(target: Record<string, unknown>, pattern: readonly string[], value: unknown): (string | number)[] {
  let node: Record<string, unknown> | unknown[] = target;
  const at: (string | number)[] = [];
  pattern.forEach((segment, i) => {
    const last = i === pattern.length - 1;
    const nextIsList = pattern[i + 1] === '*';
    if (segment === '*') {
      if (Array.isArray(node)) {
        if (last) node[0] = value;
        else if (node.length === 0) node.push(nextIsList ? [] : {});
        at.push(0);
        node = node[0] as Record<string, unknown>;
      } else {
        const key = Object.keys(node)[0] ?? 'secondary';
        if (last) node[key] = value;
        at.push(key);
        node = node[key] as Record<string, unknown>;
      }
      return;
    }
    const record = node as Record<string, unknown>;
    if (last) record[segment] = value;
    else if (record[segment] === null || record[segment] === undefined) record[segment] = nextIsList ? [] : {};
    at.push(segment);
    node = record[segment] as Record<string, unknown>;
  });
  return at;
}

describe('an unknown id or code is a field error, never an internal one', () => {
  let core: Core;
  const bases: Partial<Record<OpName, Record<string, unknown>>> = {};

  beforeAll(async () => {
    core = await Core.open({ dbPath: path.join(tempDir(), 'refs.sqlite'), osUser: 'tester' });
    await core.call('app.demo.load', {});
    const [municipality, other] = await core.call('masters.municipalities.list', {});
    const areas = await core.call('masters.areas.list', { kind: 'secondary' });
    const [association] = await core.call('masters.associations.list', {});
    const centers = await core.call('masters.centers.list', { fiscalYear: 2025 });
    const { rows: institutions } = await core.call('masters.institutions.list', { limit: 1000 });
    const hospital = institutions.find((i) => i.kind !== 'nursing_station')!;
    const station = institutions.find((i) => i.kind === 'nursing_station')!;
    const [category] = await core.call('fund.categories.list', {});
    const [project] = await core.call('fund.projects.list', { side: 'medical' });
    const { years } = await core.call('fund.balance', { side: 'medical' });
    const year = await core.call('fund.year', { side: 'medical', fiscalYear: years.at(-1)!.fiscalYear });
    const [definition] = await core.call('survey.definitions.list', {});
    const [round] = await core.call('survey.rounds.list', {});
    const ruleYears = await core.call('subsidy.rules.years', {});
    const {
      fiscalYear: ruleYear,
      fundProject: _project,
      areas: _areas,
      ...rules
    } = (await core.call('subsidy.rules.get', { fiscalYear: ruleYears[0]! }))!;
    const code = municipality!.code;
    const areaId = areas[0]!.id;
    const file = { fileName: 'x.xlsx', data: 'AAAA' };
    Object.assign(bases, {
      'masters.municipalities.save': {
        code,
        name: municipality!.name,
        kana: municipality!.kana,
        type: municipality!.type,
        designatedCity: false,
        coreCity: false,
        areas: { secondary: areaId },
        isNew: false,
      },
      'masters.populations.save': {
        municipalityCode: code,
        baseDate: '2030-01-01',
        total: 100,
        age65: 50,
        age75: 20,
        age85: 5,
        areaCentiKm2: null,
      },
      'masters.areas.save': { kind: 'home_care', name: '新しい圏域', parentId: areaId, sortOrder: 0 },
      'masters.areas.setMembers': { id: areaId, municipalityCodes: [code] },
      'masters.associations.save': { name: '新しい医師会', kind: 'county', municipalityCodes: [code] },
      'masters.centers.save': {
        name: '新しいセンター',
        role: 'regional',
        operatorAssociationId: association!.id,
        entrustedTo: '',
        municipalityCodes: [code],
        startDate: null,
        contact: '',
        subsidyClass: 'other_county',
      },
      'masters.linkage.save': {
        municipalityCode: code,
        fiscalYear: 2025,
        items: [
          { item: 'a', mode: 'entrusted', centerId: centers[0]!.id, entrustedBody: '', jointWith: [], note: '' },
          { item: 'b', mode: 'joint', centerId: null, entrustedBody: '', jointWith: [other!.code], note: '' },
        ],
      },
      'masters.institutions.save': newInstitution('新しい診療所', { municipalityCode: code }),
      'masters.designations.save': {
        institutionId: hospital.id,
        areaId,
        designatedOn: '2025-04-01',
        requirements: [true, true, true, true, true],
        partnerInstitutionIds: [hospital.id],
        partnerStationIds: [station.id],
      },
      'fund.projects.save': {
        side: 'medical',
        number: 'T-1',
        name: '新しい事業',
        categoryCode: category!.code,
        operatorKind: 'association',
        associationId: association!.id,
        municipalityCode: code,
        startFy: 2025,
      },
      'fund.amounts.save': {
        versionId: year.version!.id,
        lines: [{ projectId: project!.id, fundAmount: 0, otherAmount: 0, publicAmount: 0, privateAmount: 0, entrustedAmount: 0 }],
      },
      'fund.spending.save': { projectId: project!.id, fiscalYear: 2025, spentOn: '2025-06-01', amount: 1 },
      // A readable file: the file is read before the database is asked anything.
      'fund.import.commit': {
        side: 'medical',
        versionId: year.version!.id,
        fileName: 'x.csv',
        data: Buffer.from('事業番号,事業名\r\n').toString('base64'),
      },
      'fund.evaluation.save': { projectId: project!.id, fiscalYear: 2025, assessment: '' },
      // The ＩＣＴ program first, with a 上限額, so its caps are the first to be given an unknown area.
      'subsidy.rules.save': {
        fiscalYear: ruleYear,
        ...rules,
        fundProjectId: project!.id,
        programs: [...rules.programs]
          .sort((a, b) => Number(b.kind === 'ict') - Number(a.kind === 'ict'))
          .map((p) => (p.kind === 'ict' && p.caps.length === 0 ? { ...p, caps: [{ areaId, cap: 1_000_000 }] } : p)),
      },
      'subsidy.steps.add': { centerId: centers[0]!.id, fiscalYear: ruleYear, kind: 'payment', datedOn: '2025-06-01', amount: 1 },
      'subsidy.taxCredit.save': {
        centerId: centers[0]!.id,
        fiscalYear: ruleYear,
        reportedOn: '2025-06-01',
        creditAmount: 1,
        refundAmount: 1,
      },
      'survey.rounds.create': { definitionId: definition!.id, fiscalYear: 2030, referenceDate: '2030-04-01' },
      'survey.answers.save': { roundId: round!.id, targetId: '1', answers: {} },
      'survey.answers.saveMany': {
        roundId: round!.id,
        entries: [
          { targetId: '1', answers: {} },
          { targetId: '2', answers: {} },
        ],
      },
      'survey.answers.delete': { roundId: round!.id, targetId: '1' },
      'survey.forms.write': { roundId: round!.id },
      'survey.forms.zip': { roundId: round!.id },
      'survey.forms.file': { roundId: round!.id, targetId: '1' },
      'survey.files.commit': { roundId: round!.id, files: [file] },
      'survey.rounds.setTargets': { id: round!.id, targetIds: [] },
      'survey.rounds.markSent': { id: round!.id, targetIds: [], sentOn: '2030-04-01' },
      'meeting.save': {
        bodyId: (await core.call('meeting.bodies.list', {}))[0]!.id,
        number: 9,
        fiscalYear: 2030,
        heldOn: '2030-05-01',
        areaIds: [areaId],
        municipalityCodes: [code],
      },
      'deck.save': { title: '資料', meetingId: (await core.call('meeting.list', {}))[0]!.id, slides: [] },
    });
  }, 300_000);

  afterAll(async () => {
    await core?.close();
  });

  it('has a valid input to start from for every mutation with references', () => {
    expect(Object.keys(REFERENCES).filter((name) => !(name in bases))).toEqual([]);
  });

  const cases = Object.entries(REFERENCES).flatMap(([name, fields]) => fields.map((field) => ({ name: name as OpName, field })));
  it.each(cases)('$name: an unknown $field.kind at $field.path', async ({ name, field }) => {
    const input = structuredClone(bases[name]!);
    const unknown = field.kind === 'municipality' ? UNKNOWN_CODE : field.kind === 'fundCategory' ? 'ZZ' : UNKNOWN_ID;
    const at = setFirst(input, field.path, unknown);
    const auditBefore = (await core.call('audit.list', {})).total;
    const result = await core.dispatch(name, input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatchObject({ code: 'validation', path: at });
    const shown = typeof unknown === 'number' ? `id ${unknown}` : `コード ${unknown}`;
    expect(result.error.message).toMatch(new RegExp(`: 指定された.+（${shown}）はありません。一覧から選び直してください。$`));
    expect((await core.call('audit.list', {})).total).toBe(auditBefore);
  });

  const targets = Object.entries(NOT_DECLARED)
    .filter(([, why]) => why === 'survey target')
    .map(([key]) => key.split(' ') as [OpName, string]);
  it.each(targets)('%s: a survey target not in the 台帳 or the round is refused at %s, not an internal error', async (name, fieldPath) => {
    const input = structuredClone(bases[name]!);
    const at = setFirst(input, fieldPath.split('.'), '999999');
    const result = await core.dispatch(name, input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(['validation', 'not_found', 'refused']).toContain(result.error.code);
    expect(at.join('.').startsWith(result.error.path!.join('.')), JSON.stringify(result.error)).toBe(true);
  });
});

describe('a foreign key that fails all the same', () => {
  it('becomes a refusal saying what to do, not an internal error', () => {
    const db = new BetterSqlite3(':memory:');
    db.pragma('foreign_keys = ON');
    db.exec('CREATE TABLE parent (id INTEGER PRIMARY KEY); CREATE TABLE child (parent_id INTEGER REFERENCES parent(id))');
    let failure: unknown;
    try {
      db.prepare('INSERT INTO child VALUES (1)').run();
    } catch (error) {
      failure = error;
    }
    db.close();
    expect(foreignKeyRefusal(failure)?.toOpError()).toEqual({
      code: 'conflict',
      message:
        '保存できませんでした。選ばれた記録のどれかが見つからないか、ほかの記録から使われています。画面を開き直して選び直してください。操作は取り消されました。',
    });
    expect(foreignKeyRefusal(new Error('disk I/O error'))).toBeNull();
  });
});
