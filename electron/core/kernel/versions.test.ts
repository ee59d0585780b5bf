/**
 * No lost updates: two people (two cores on one database — a PostgreSQL
 * database, or one file) read the same record; the first saves, the
 * second's save of what they read is refused with who changed it and when,
 * and succeeds after reloading. Each kind of record a screen saves, and
 * undo, which must not hand a record an old version back.
 */
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { OpInput, OpName } from '@shared/contract';
import { AREA_KIND_LABELS } from '@shared/masters/model';
import { engines, freshPgDatabase } from '@tests/support/engines';
import { tempDir } from '@tests/support/tmp';
import { Core } from '../core';

/** Two cores on one database of the engine, both closed (and the database dropped) when the test ends. */
async function twoCores(engine: 'sqlite' | 'postgres'): Promise<[Core, Core]> {
  if (engine === 'sqlite') {
    const dbPath = path.join(tempDir(), 'shared.sqlite');
    const a = await Core.open({ dbPath, osUser: 'yamada' });
    const b = await Core.open({ dbPath, osUser: 'tanaka' });
    onTestFinished(async () => {
      await b.close();
      await a.close();
    });
    return [a, b];
  }
  const { connection, drop } = await freshPgDatabase();
  const a = await Core.open({ connection, workDir: tempDir() });
  const b = await Core.open({ connection, workDir: tempDir() });
  onTestFinished(async () => {
    await b.close();
    await a.close();
    await drop();
  });
  return [a, b];
}

describe('optimistic concurrency', () => {
  for (const { name } of engines()) {
    it(`refuses a save over another person's newer change, naming who and when (${name})`, async () => {
      const [yamada, tanaka] = await twoCores(name);
      await yamada.call('settings.update', { displayName: '山田' });
      const created = await yamada.call('fund.projects.save', {
        side: 'medical',
        number: 'Ⅴ-9',
        name: '（架空）訪問診療の研修',
        categoryCode: 'Ⅴ',
        operatorKind: 'prefecture',
        startFy: 2024,
      });
      expect(created.version).toBe(0);
      // Both read the project.
      const readByYamada = (await yamada.call('fund.projects.list', { side: 'medical' })).find((p) => p.id === created.id)!;
      const readByTanaka = (await tanaka.call('fund.projects.list', { side: 'medical' })).find((p) => p.id === created.id)!;
      expect(readByTanaka.version).toBe(0);

      const saved = await yamada.call('fund.projects.save', { ...readByYamada, content: '山田の書いた内容' });
      expect(saved.version).toBe(1);
      const { entries } = await yamada.call('audit.list', { entity: 'fund_project', entityId: String(created.id) });
      const at = new Date(entries[0]!.at);
      const time = `${String(at.getHours()).padStart(2, '0')}:${String(at.getMinutes()).padStart(2, '0')}`;

      const stale = tanaka.call('fund.projects.save', { ...readByTanaka, content: '田中の書いた内容' });
      await expect(stale).rejects.toMatchObject({
        code: 'conflict',
        path: ['version'],
        message: `基金事業「（架空）訪問診療の研修」は、他の人（山田）が ${time} に変更しました。今の入力は保存していません。再読み込みしてください。`,
      });
      // Nothing of the stale save was written; after a reload the save goes through.
      const reloaded = (await tanaka.call('fund.projects.list', { side: 'medical' })).find((p) => p.id === created.id)!;
      expect(reloaded).toMatchObject({ content: '山田の書いた内容', version: 1 });
      expect(await tanaka.call('fund.projects.save', { ...reloaded, content: '田中の書いた内容' })).toMatchObject({ version: 2 });
      // The version is bookkeeping, not a change the log shows.
      const last = (await tanaka.call('audit.list', { entity: 'fund_project', entityId: String(created.id) })).entries[0]!;
      expect(last.after).not.toHaveProperty('version');
    });
  }
});

/** hh:mm of the latest audit entry of a record, as the conflict message words it. */
async function lastChangeTime(core: Core, entity: string, entityId: string): Promise<string> {
  const { entries } = await core.call('audit.list', { entity: entity as never, entityId });
  const at = new Date(entries[0]!.at);
  return `${String(at.getHours()).padStart(2, '0')}:${String(at.getMinutes()).padStart(2, '0')}`;
}

/**
 * One kind of record: how a screen reads it (with its version) and saves it back changed.
 * `save(read, n)` makes the n-th change of what was read.
 */
interface Scenario<N extends OpName> {
  name: string;
  op: N;
  read(core: Core): Promise<{ version: number; input: OpInput<N> }>;
  change(input: OpInput<N>, n: number): OpInput<N>;
  /** Where the message's who and when come from. */
  audit: [entity: string, entityId: string];
  what: string;
  /** What the reread shows of the first save's change. */
  shows(core: Core): Promise<unknown>;
}

const FY = 2023;

async function scenarios(core: Core): Promise<Scenario<OpName>[]> {
  const centers = await core.call('masters.centers.list', { fiscalYear: FY });
  const center = centers.find((c) => c.name.includes('三条'))!;
  const centerInput = async (c: Core) => {
    const row = (await c.call('masters.centers.list', { fiscalYear: FY })).find((r) => r.id === center.id)!;
    const { operatorName: _n, entrustingCodes: _e, version, ...input } = row;
    return { version, input: { ...input, version } };
  };
  const medical = await core.call('fund.year', { side: 'medical', fiscalYear: FY });
  const projectId = Number(Object.keys(medical.amounts)[0]);
  const versionId = medical.version!.id;
  const amountsInput = async (c: Core) => {
    const year = await c.call('fund.year', { side: 'medical', fiscalYear: FY });
    const line = year.amounts[projectId]!;
    return {
      version: line.version,
      input: {
        versionId,
        lines: [
          {
            projectId,
            fundAmount: line.fundAmount,
            otherAmount: line.otherAmount,
            publicAmount: line.publicAmount,
            privateAmount: line.privateAmount,
            entrustedAmount: line.entrustedAmount,
            version: line.version,
          },
        ],
      },
    };
  };
  const round = (await core.call('survey.rounds.list', {}))[0]!;
  const target = (await core.call('survey.rounds.get', { id: round.id })).targets[0]!;
  const answerInput = async (c: Core) => {
    const detail = await c.call('survey.answers.get', { roundId: round.id, targetId: target.id });
    return {
      version: detail.version,
      input: { roundId: round.id, targetId: target.id, answers: detail.current?.answers ?? {}, incomplete: true, version: detail.version },
    };
  };
  // The forms of 台帳, 基金 and 補助金 send what they read back with its version (renderer/src/features).
  const municipality = (await core.call('masters.municipalities.list', {}))[0]!;
  const municipalityInput = async (c: Core) => {
    const { row } = await c.call('masters.municipalities.get', { code: municipality.code });
    const { areas, population: _p, version, ...fields } = row;
    const areaIds = Object.fromEntries(Object.entries(areas).map(([kind, a]) => [kind, a?.id ?? null]));
    return { version, input: { ...fields, areas: areaIds, isNew: false, version } };
  };
  const area = (await core.call('masters.areas.list', {}))[0]!;
  const areaInput = async (c: Core) => {
    const a = (await c.call('masters.areas.list', {})).find((r) => r.id === area.id)!;
    return {
      version: a.version,
      input: { id: a.id, kind: a.kind, name: a.name, parentId: a.parentId, sortOrder: a.sortOrder, version: a.version },
    };
  };
  const fundYearInput = async (c: Core) => {
    const balance = await c.call('fund.balance', { side: 'medical' });
    const y = balance.years.find((r) => r.fiscalYear === FY)!;
    const version = balance.yearVersions[FY]!;
    return {
      version,
      input: {
        side: 'medical',
        fiscalYear: FY,
        openingBalance: null,
        nationalContribution: y.nationalContribution,
        prefecturalContribution: y.prefecturalContribution,
        investmentIncome: y.investmentIncome,
        version,
      },
    };
  };
  const budgetVersionInput = async (c: Core) => {
    const v = (await c.call('fund.year', { side: 'medical', fiscalYear: FY })).version!;
    return { version: v.version, input: { id: v.id, datedOn: v.datedOn, reason: v.reason, version: v.version } };
  };
  const rulesInput = async (c: Core) => {
    const { fundProject: _p, areas: _a, version, ...rules } = (await c.call('subsidy.rules.get', { fiscalYear: FY }))!;
    return { version, input: { ...rules, version } };
  };
  const list: Scenario<never>[] = [
    {
      name: 'a municipality of the 台帳',
      op: 'masters.municipalities.save',
      read: municipalityInput,
      change: (input: OpInput<'masters.municipalities.save'>, n: number) => ({ ...input, kana: `よみ${n}` }),
      audit: ['municipality', municipality.code],
      what: `市区町村「${municipality.name}」`,
      shows: async (c: Core) => (await municipalityInput(c)).input.kana,
    } as never,
    {
      name: 'an area of the 台帳',
      op: 'masters.areas.save',
      read: areaInput,
      change: (input: OpInput<'masters.areas.save'>, n: number) => ({ ...input, sortOrder: 100 + n }),
      audit: ['area', String(area.id)],
      what: `${AREA_KIND_LABELS[area.kind]}「${area.name}」`,
      shows: async (c: Core) => (await areaInput(c)).input.sortOrder,
    } as never,
    {
      name: "a 基金 year's 積立・運用益",
      op: 'fund.years.save',
      read: fundYearInput,
      change: (input: OpInput<'fund.years.save'>, n: number) => ({ ...input, investmentIncome: input.investmentIncome + n }),
      audit: ['fund_year', `medical:${FY}`],
      what: `${FY}年度の基金の積立・運用益`,
      shows: async (c: Core) => (await fundYearInput(c)).input.investmentIncome,
    } as never,
    {
      name: "a 基金 budget version's date and reason",
      op: 'fund.versions.update',
      read: budgetVersionInput,
      change: (input: OpInput<'fund.versions.update'>, n: number) => ({ ...input, reason: `理由 ${n}` }),
      audit: ['fund_budget_version', String(medical.version!.id)],
      what: `予算の版「${FY}年度 ${medical.version!.label}」`,
      shows: async (c: Core) => (await budgetVersionInput(c)).input.reason,
    } as never,
    {
      name: "the year's 補助金 要綱",
      op: 'subsidy.rules.save',
      read: rulesInput,
      change: (input: OpInput<'subsidy.rules.save'>, n: number) => ({ ...input, title: `${input.title}（${n}）` }),
      audit: ['subsidy_rules', String(FY)],
      what: `${FY}年度の補助金の要綱`,
      shows: async (c: Core) => (await rulesInput(c)).input.title,
    } as never,
    {
      name: 'a center of the 台帳',
      op: 'masters.centers.save',
      read: centerInput,
      change: (input: OpInput<'masters.centers.save'>, n: number) => ({ ...input, contact: `担当 ${n}` }),
      audit: ['center', String(center.id)],
      what: `センター「${center.name}」`,
      shows: async (c: Core) => (await centerInput(c)).input.contact,
    } as never,
    {
      name: 'a project line of a 基金 version',
      op: 'fund.amounts.save',
      read: amountsInput,
      change: (input: OpInput<'fund.amounts.save'>, n: number) => ({
        ...input,
        lines: input.lines.map((l) => ({ ...l, otherAmount: l.otherAmount + n * 1000 })),
      }),
      audit: ['fund_budget_amount', `${versionId}:${projectId}`],
      what: `「${(await core.call('fund.projects.list', { side: 'medical' })).find((p) => p.id === projectId)!.name}」の${medical.version!.label}の金額`,
      shows: async (c: Core) => (await amountsInput(c)).input.lines[0]!.otherAmount,
    } as never,
    {
      name: "a target's survey answer",
      op: 'survey.answers.save',
      read: answerInput,
      change: (input: OpInput<'survey.answers.save'>) => input,
      audit: ['survey_answer', `${round.id}:${target.id}`],
      what: `${target.name}の回答`,
      shows: async (c: Core) => {
        const detail = await c.call('survey.answers.get', { roundId: round.id, targetId: target.id });
        return detail.current ? detail.history.length : 'none';
      },
    } as never,
  ];
  return list;
}

describe('optimistic concurrency on every record a screen saves', () => {
  for (const { name } of engines()) {
    // Ten kinds of record, each read, saved, refused and saved again by two cores: longer than one save's test.
    it(`refuses each stale save with who and when, and takes it after a reload (${name})`, { timeout: 180_000 }, async () => {
      const [yamada, tanaka] = await twoCores(name);
      await yamada.call('app.demo.load', {});
      await yamada.call('settings.update', { displayName: '山田' });
      for (const s of await scenarios(yamada)) {
        const mine = await s.read(yamada);
        const theirs = await s.read(tanaka);
        expect(theirs.version, s.name).toBe(mine.version);
        const before = await s.shows(tanaka);
        await yamada.call(s.op, s.change(mine.input, 1));
        const afterFirst = await s.shows(tanaka);
        expect(afterFirst, s.name).not.toEqual(before);
        const reread = await s.read(tanaka);
        expect(reread.version, s.name).toBeGreaterThan(mine.version);

        const [entity, entityId] = s.audit;
        const time = entityId
          ? await lastChangeTime(yamada, entity, entityId)
          : await lastChangeTime(
              yamada,
              entity,
              String((await yamada.call('audit.list', { entity: entity as never })).entries[0]!.entityId),
            );
        await expect(tanaka.call(s.op, s.change(theirs.input, 2)), s.name).rejects.toMatchObject({
          code: 'conflict',
          path: ['version'],
          message: `${s.what}は、他の人（山田）が ${time} に変更しました。今の入力は保存していません。再読み込みしてください。`,
        });
        // Nothing of the stale save was written; with what the reload gives, the save goes through.
        expect(await s.shows(tanaka), s.name).toEqual(afterFirst);
        await tanaka.call(s.op, s.change(reread.input, 3));
        expect((await s.read(yamada)).version, s.name).toBeGreaterThan(reread.version);
      }
    });
  }

  it('an undo gives a record a version above every one it had, so a screen holding the undone change cannot save', async () => {
    const core = await Core.open({ dbPath: path.join(tempDir(), 'undo.sqlite'), osUser: 'yamada' });
    onTestFinished(() => core.close());
    await core.call('app.demo.load', {});
    const read = async () => (await core.call('masters.centers.list', { fiscalYear: FY })).find((c) => c.name.includes('三条'))!;
    const save = (row: Awaited<ReturnType<typeof read>>, contact: string) => {
      const { operatorName: _n, entrustingCodes: _e, ...input } = row;
      return core.call('masters.centers.save', { ...input, contact });
    };
    const original = await read();
    await save(original, '変更A');
    const changed = await read();
    expect(changed.version).toBe(original.version + 1);
    await core.call('app.undo', {});
    const undone = await read();
    expect(undone.contact).toBe(original.contact);
    // Neither the screen that read before the change nor the one that read the change may save now.
    expect(undone.version).toBeGreaterThan(changed.version);
    await expect(save(original, '古い画面から')).rejects.toMatchObject({ code: 'conflict' });
    await save(undone, '変更B');
    await core.call('app.undo', {});
    await core.call('app.redo', {});
    const redone = await read();
    expect(redone.contact).toBe('変更B');
    await expect(save(undone, '取り消し前の画面から')).rejects.toMatchObject({ code: 'conflict' });
    await expect(save(changed, '最初の変更の画面から')).rejects.toMatchObject({ code: 'conflict' });
    expect((await save(redone, '変更C')).contact).toBe('変更C');
  });
});
