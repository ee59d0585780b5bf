/**
 * No lost updates: two people (two cores on one database — a PostgreSQL
 * database, or one file) read the same record; the first saves, the
 * second's save of what they read is refused with who changed it and when,
 * and succeeds after reloading. Each kind of record a screen saves, and
 * undo, which must not hand a record an old version back.
 */
import path from 'node:path';
import pg from 'pg';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { OpInput, OpName } from '@shared/contract';
import type { MeetingDetail } from '@shared/contract/meeting';
import { type FiscalYear, formatFiscalYear } from '@shared/fiscal-year';
import { AREA_KIND_LABELS } from '@shared/masters/model';
import { CLINIC_HOME_CARE_KEY } from '@shared/survey/seeds';
import { engines, sharedDatabase, twoCores } from '@tests/support/engines';
import { newFundProject } from '@tests/support/seed';
import { tempDir } from '@tests/support/tmp';
import { Core } from '../core';
import { clientConfig } from './db/postgres';

describe('optimistic concurrency', () => {
  for (const { name } of engines()) {
    it(`refuses a save over another person's newer change, naming who and when (${name})`, async () => {
      const [yamada, tanaka] = await twoCores(name);
      await yamada.call('settings.update', { displayName: '山田' });
      const created = await yamada.call('fund.projects.save', newFundProject('（架空）訪問診療の研修', 2024));
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
        message: `基金事業「（架空）訪問診療の研修」は、${firstSaver(name, '山田')} ${time} に変更しました。今の入力は保存していません。再読み込みしてください。`,
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

/**
 * How a refusal names whoever saved first. On a file the two cores are two OS users, two people; on PostgreSQL both
 * sign in as the test server's one login: one person in two windows, whose own change is told as theirs.
 */
function firstSaver(engine: 'sqlite' | 'postgres', name: string): string {
  return engine === 'sqlite' ? `他の人（${name}）が` : `この画面を開いたあとに、元に戻す操作または別の画面で、あなた（${name}）が`;
}

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
  // 0020: the 都道府県, a municipality's 連携推進事業 of a year (saved together, one version) and an area's members.
  const prefectureInput = async (c: Core) => {
    const { code, name, version } = (await c.call('masters.overview', {})).prefecture!;
    return { version, input: { code, name, version } };
  };
  const linkedCode = (await core.call('masters.linkage.list', { fiscalYear: FY }))[0]!.municipalityCode;
  const linked = (await core.call('masters.municipalities.get', { code: linkedCode })).row;
  const linkageInput = async (c: Core) => {
    const rows = await c.call('masters.linkage.list', { fiscalYear: FY, municipalityCode: linkedCode });
    const version = rows[0]!.version;
    const items = rows.map(({ municipalityCode: _m, fiscalYear: _y, version: _v, ...item }) => item);
    return { version, input: { municipalityCode: linkedCode, fiscalYear: FY, items, version } };
  };
  const grouped = (await core.call('masters.areas.list', {})).find((a) => a.municipalityCodes.length >= 5)!;
  const membersInput = async (c: Core) => {
    const a = (await c.call('masters.areas.list', {})).find((r) => r.id === grouped.id)!;
    return { version: a.version, input: { id: a.id, municipalityCodes: a.municipalityCodes, version: a.version } };
  };
  // 0024: a 調査票 of one's own, edited in place while no round uses it (its 版 stays 第1版).
  const clinic = (await core.call('survey.definitions.list', {})).find((d) => d.key === CLINIC_HOME_CARE_KEY)!;
  const { definition: clinicForm } = await core.call('survey.definitions.get', { id: clinic.id });
  const survey = await core.call('survey.definitions.save', { definition: { ...clinicForm, name: '（架空）訪問看護の調査' } });
  const definitionInput = async (c: Core) => {
    const d = await c.call('survey.definitions.get', { id: survey.id });
    return { version: d.revision, input: { id: d.id, definition: d.definition, revision: d.revision } };
  };
  const lastScenarios: Scenario<never>[] = [
    {
      name: 'a 調査票 (its 版 rewritten in place)',
      op: 'survey.definitions.save',
      read: definitionInput,
      change: (input: OpInput<'survey.definitions.save'>, n: number) => ({
        ...input,
        definition: { ...input.definition, description: `説明 ${n}` },
      }),
      audit: ['survey_definition', String(survey.id)],
      what: '調査票「（架空）訪問看護の調査」',
      shows: async (c: Core) => (await c.call('survey.definitions.get', { id: survey.id })).definition.description,
    } as never,
    {
      name: 'the 都道府県',
      op: 'masters.prefecture.save',
      read: prefectureInput,
      change: (input: OpInput<'masters.prefecture.save'>, n: number) => ({ ...input, name: `新潟県${n}` }),
      audit: ['prefecture', ''],
      what: '都道府県の設定',
      shows: async (c: Core) => (await prefectureInput(c)).input.name,
    } as never,
    {
      name: "a municipality's 連携推進事業 of a year",
      op: 'masters.linkage.save',
      read: linkageInput,
      change: (input: OpInput<'masters.linkage.save'>, n: number) => ({
        ...input,
        items: input.items.map((item, i) => (i === 0 ? { ...item, note: `備考 ${n}` } : item)),
      }),
      audit: ['linkage', `${linkedCode}@${FY}`],
      what: `${linked.name}の${formatFiscalYear(FY as FiscalYear)}の連携推進事業`,
      shows: async (c: Core) => (await linkageInput(c)).input.items[0]!.note,
    } as never,
    {
      name: "an area's member municipalities",
      op: 'masters.areas.setMembers',
      read: membersInput,
      change: (input: OpInput<'masters.areas.setMembers'>, n: number) => ({
        ...input,
        municipalityCodes: input.municipalityCodes.slice(0, -n),
      }),
      audit: ['area', String(grouped.id)],
      what: `${AREA_KIND_LABELS[grouped.kind]}「${grouped.name}」`,
      shows: async (c: Core) => (await membersInput(c)).input.municipalityCodes,
    } as never,
  ];
  const list: Scenario<never>[] = [
    ...lastScenarios,
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
      what: `${formatFiscalYear(FY as FiscalYear)}の基金の積立・運用益`,
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
      what: `${formatFiscalYear(FY as FiscalYear)}の補助金の要綱`,
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
    ...(await meetingScenarios(core)),
  ];
  return list;
}

/** A meeting as its editor sends it back: everything it shows, with the version read. */
function meetingSaveInput(m: MeetingDetail): OpInput<'meeting.save'> {
  return {
    id: m.id,
    bodyId: m.bodyId,
    number: m.number,
    fiscalYear: m.fiscalYear,
    heldOn: m.heldOn,
    startTime: m.startTime,
    endTime: m.endTime,
    place: m.place,
    online: m.online,
    areaIds: m.areas.map((a) => a.id),
    municipalityCodes: m.municipalities.map((x) => x.code),
    attendees: m.attendees,
    agenda: m.agenda,
    decisions: m.decisions,
    actionItems: m.actionItems.map(({ id, content, owner, dueOn, status }) => ({ id, content, owner, dueOn, status })),
    version: m.version,
  };
}

/** Meetings, their bodies, trainings, decks, the 事後評価, the plan text and the 文書番号 series (migration 0019). */
async function meetingScenarios(core: Core): Promise<Scenario<never>[]> {
  const meeting = (await core.call('meeting.list', { fiscalYear: FY }))[0]!;
  const meetingInput = async (c: Core) => {
    const m = await c.call('meeting.get', { id: meeting.id });
    return { version: m.version, input: meetingSaveInput(m) };
  };
  const body = (await core.call('meeting.bodies.list', {}))[0]!;
  const bodyInput = async (c: Core) => {
    const b = (await c.call('meeting.bodies.list', {})).find((x) => x.id === body.id)!;
    return { version: b.version, input: { id: b.id, name: b.name, sortOrder: b.sortOrder, version: b.version } };
  };
  const training = (await core.call('meeting.trainings.list', { fiscalYear: FY }))[0]!;
  const trainingInput = async (c: Core) => {
    const { total: _total, ...t } = (await c.call('meeting.trainings.list', { fiscalYear: FY })).find((x) => x.id === training.id)!;
    return { version: t.version, input: t };
  };
  const deck = (await core.call('deck.list', {}))[0]!;
  const deckInput = async (c: Core) => {
    const d = await c.call('deck.get', { id: deck.id });
    return { version: d.version, input: { id: d.id, title: d.title, meetingId: d.meetingId, slides: d.content, version: d.version } };
  };
  const project = (await core.call('fund.projects.list', { side: 'medical' }))[0]!;
  const evaluationInput = async (c: Core) => {
    const e = await c.call('fund.evaluation.get', { projectId: project.id, fiscalYear: FY });
    return { version: e.version ?? 0, input: e };
  };
  const planInput = async (c: Core) => {
    const p = await c.call('fund.planText.get', { fiscalYear: FY });
    const version = p.current?.version ?? 0;
    return { version, input: { fiscalYear: FY, sections: p.current?.sections ?? {}, version } };
  };
  const seriesInput = async (c: Core) => {
    const r = await c.call('subsidy.register.get', { fiscalYear: FY });
    return {
      version: r.version,
      input: { fiscalYear: FY, prefix: r.prefix ?? '新医薬第', nextNumber: r.nextNumber ?? 1, version: r.version },
    };
  };
  const year = formatFiscalYear(FY as FiscalYear);
  return [
    {
      name: 'a meeting with its attendance, agenda, decisions and action items',
      op: 'meeting.save',
      read: meetingInput,
      change: (input: OpInput<'meeting.save'>, n: number) => ({ ...input, place: `会場 ${n}` }),
      audit: ['meeting', String(meeting.id)],
      what: `会議「${meeting.title}」`,
      shows: async (c: Core) => (await meetingInput(c)).input.place,
    },
    {
      name: 'a meeting body',
      op: 'meeting.bodies.save',
      read: bodyInput,
      change: (input: OpInput<'meeting.bodies.save'>, n: number) => ({ ...input, sortOrder: body.sortOrder + n }),
      audit: ['meeting_body', String(body.id)],
      what: `会議体「${body.name}」`,
      shows: async (c: Core) => (await bodyInput(c)).input.sortOrder,
    },
    {
      name: 'a training',
      op: 'meeting.trainings.save',
      read: trainingInput,
      change: (input: OpInput<'meeting.trainings.save'>, n: number) => ({ ...input, note: `備考 ${n}` }),
      audit: ['training', String(training.id)],
      what: `研修「${training.title}」`,
      shows: async (c: Core) => (await trainingInput(c)).input.note,
    },
    {
      name: 'a deck',
      op: 'deck.save',
      read: deckInput,
      change: (input: OpInput<'deck.save'>, n: number) => ({
        ...input,
        slides: input.slides.map((slide, i) => (i === 0 ? { ...slide, notes: `メモ ${n}` } : slide)),
      }),
      audit: ['deck', String(deck.id)],
      what: `会議資料「${deck.title}」`,
      shows: async (c: Core) => (await deckInput(c)).input.slides[0]!.notes,
    },
    {
      name: 'a project’s 事後評価 (the first one written, then later ones)',
      op: 'fund.evaluation.save',
      read: evaluationInput,
      change: (input: OpInput<'fund.evaluation.save'>, n: number) => ({ ...input, assessment: `評価 ${n}` }),
      audit: ['fund_evaluation', `${project.id}:${FY}`],
      what: `基金事業「${project.name}」の${year}の事後評価`,
      shows: async (c: Core) => (await evaluationInput(c)).input.assessment,
    },
    {
      name: 'the 県計画（本文）: a save based on an older version does not become the newest',
      op: 'fund.planText.save',
      read: planInput,
      change: (input: OpInput<'fund.planText.save'>, n: number) => ({
        ...input,
        sections: { ...input.sections, position: `位置づけ ${n}` },
      }),
      audit: ['fund_plan_text', ''],
      what: `${year}の計画の本文`,
      shows: async (c: Core) => (await c.call('fund.planText.get', { fiscalYear: FY })).current?.sections.position,
    },
    {
      name: 'the year’s 文書番号 series',
      op: 'subsidy.register.save',
      read: seriesInput,
      change: (input: OpInput<'subsidy.register.save'>, n: number) => ({ ...input, prefix: `新医薬${n}第` }),
      audit: ['document_series', String(FY)],
      what: `${year}の文書番号の設定`,
      shows: async (c: Core) => (await seriesInput(c)).input.prefix,
    },
  ] as never[];
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
          message: `${s.what}は、${firstSaver(name, '山田')} ${time} に変更しました。今の入力は保存していません。再読み込みしてください。`,
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

  it('an undo of a meeting saved with its items gives it a version above every one it had too (migration 0019)', async () => {
    const core = await Core.open({ dbPath: path.join(tempDir(), 'undo-meeting.sqlite'), osUser: 'yamada' });
    onTestFinished(() => core.close());
    await core.call('app.demo.load', {});
    await core.call('settings.update', { displayName: '山田' });
    const id = (await core.call('meeting.list', { fiscalYear: FY }))[0]!.id;
    const original = await core.call('meeting.get', { id });
    const changed = await core.call('meeting.save', { ...meetingSaveInput(original), place: '変更した会場' });
    expect(changed.version).toBe(original.version + 1);
    await core.call('app.undo', {});
    const undone = await core.call('meeting.get', { id });
    expect(undone.place).toBe(original.place);
    expect(undone.version).toBeGreaterThan(changed.version);
    // The undo was this person's own: the refusal says so, instead of blaming 他の人.
    const time = await lastChangeTime(core, 'meeting', String(id));
    await expect(core.call('meeting.save', { ...meetingSaveInput(changed), place: '取り消し前の画面から' })).rejects.toMatchObject({
      code: 'conflict',
      message: `会議「${original.title}」は、この画面を開いたあとに、元に戻す操作または別の画面で、あなた（山田）が ${time} に変更しました。今の入力は保存していません。再読み込みしてください。`,
    });
    expect((await core.call('meeting.save', { ...meetingSaveInput(undone), place: '読み直して保存' })).place).toBe('読み直して保存');
  });
});

it('an undo of a 調査票 saved in place gives the survey a revision above every one it had (migration 0024)', async () => {
  const core = await Core.open({ dbPath: path.join(tempDir(), 'undo-survey.sqlite'), osUser: 'yamada' });
  onTestFinished(() => core.close());
  await core.call('app.demo.load', {});
  const clinic = (await core.call('survey.definitions.list', {})).find((d) => d.key === CLINIC_HOME_CARE_KEY)!;
  const { definition } = await core.call('survey.definitions.get', { id: clinic.id });
  const { id } = await core.call('survey.definitions.save', { definition: { ...definition, name: '（架空）訪問看護の調査' } });
  const save = (read: { revision: number; definition: typeof definition }, description: string) =>
    core.call('survey.definitions.save', { id, definition: { ...read.definition, description }, revision: read.revision });
  const original = await core.call('survey.definitions.get', { id });
  const changed = await save(original, '変更A');
  expect(changed).toMatchObject({ version: 1, revision: original.revision + 1, newVersion: false });
  await core.call('app.undo', {});
  const undone = await core.call('survey.definitions.get', { id });
  expect(undone.definition.description).toBe(original.definition.description);
  expect(undone.revision).toBeGreaterThan(changed.revision);
  await expect(save(changed, '取り消し前の画面から')).rejects.toMatchObject({ code: 'conflict', path: ['version'] });
  await expect(save(original, '変更前の画面から')).rejects.toMatchObject({ code: 'conflict', path: ['version'] });
  expect((await save(undone, '読み直して保存')).definition.description).toBe('読み直して保存');
});

describe('two first saves of one record at once', () => {
  for (const { name } of engines()) {
    it(`lets one through and answers the other with the conflict to reload, never an unexpected error (${name})`, async () => {
      const { connection, open } = await sharedDatabase(name);
      const yamada = await open('yamada');
      const tanaka = await open('yamada');
      await yamada.call('app.demo.load', {});
      const project = (await yamada.call('fund.projects.list', { side: 'medical' }))[0]!;
      // A year with no 事後評価 and no 積立・運用益 yet: both screens read "none" and both make the first save.
      const fiscalYear = 2026 as FiscalYear;
      const empty = await tanaka.call('fund.evaluation.get', { projectId: project.id, fiscalYear });
      expect(empty.version ?? 0).toBe(0);
      const year = { side: 'medical', fiscalYear, openingBalance: null, nationalContribution: 0, prefecturalContribution: 0 } as const;
      const cases = [
        {
          table: 'fund_evaluation',
          save: (c: Core, n: number) => c.dispatch('fund.evaluation.save', { ...empty, assessment: `評価 ${n}` }),
          stored: async () => (await yamada.call('fund.evaluation.get', { projectId: project.id, fiscalYear })).assessment,
          shows: (n: number) => `評価 ${n}`,
        },
        {
          table: 'fund_year',
          save: (c: Core, n: number) => c.dispatch('fund.years.save', { ...year, investmentIncome: n, version: 0 }),
          stored: async () =>
            (await yamada.call('fund.balance', { side: 'medical' })).years.find((y) => y.fiscalYear === fiscalYear)?.investmentIncome,
          shows: (n: number) => n,
        },
      ];
      for (const c of cases) {
        const both = () => Promise.all([c.save(yamada, 1).then((r) => ({ n: 1, r })), c.save(tanaka, 2).then((r) => ({ n: 2, r }))]);
        let saves: ReturnType<typeof both>;
        if (connection) {
          // On PostgreSQL both saves read "none" and then queue on their INSERT behind a lock held here, so the two
          // inserts meet for certain; the second then finds the first one's row (unique_violation).
          const lock = new pg.Client(clientConfig(connection));
          await lock.connect();
          onTestFinished(() => lock.end());
          await lock.query(`BEGIN; LOCK TABLE ${c.table} IN SHARE ROW EXCLUSIVE MODE`);
          saves = both();
          const waiting = async () =>
            Number(
              (await lock.query(`SELECT count(*) AS n FROM pg_locks WHERE NOT granted AND relation = '${c.table}'::regclass`)).rows[0].n,
            );
          await expect.poll(waiting, { timeout: 20_000 }).toBe(2);
          await lock.query('COMMIT');
        } else {
          // On one file the writers take turns (BEGIN IMMEDIATE): the second reads the first's row and is refused as stale.
          saves = both();
        }
        const results = await saves;
        const saved = results.filter((x) => x.r.ok);
        const refused = results.flatMap((x) => (x.r.ok ? [] : [x.r.error]));
        expect(saved, c.table).toHaveLength(1);
        expect(refused, c.table).toEqual([expect.objectContaining({ code: 'conflict', path: ['version'] })]);
        if (connection) expect(refused[0]!.message, c.table).toContain('ほかの人がほぼ同時に保存しました');
        // What is stored is the one save that went through.
        expect(await c.stored(), c.table).toBe(c.shows(saved[0]!.n));
      }
    });
  }
});

describe('a record one screen read as not there yet, that a colleague then created', () => {
  for (const { name } of engines()) {
    it(`refuses the second first save (version 0) instead of overwriting the colleague's (${name})`, async () => {
      const [yamada, tanaka] = await twoCores(name);
      await yamada.call('app.demo.load', {});
      const fiscalYear = 2026 as FiscalYear;
      // The 要綱 of a year that has none: both screens show the empty form (no version: sent as 0).
      const source = (await yamada.call('subsidy.rules.get', { fiscalYear: FY }))!;
      const { fundProject: _p, areas: _a, version: _v, ...rules } = source;
      expect(await tanaka.call('subsidy.rules.get', { fiscalYear })).toBeNull();
      const first = await yamada.call('subsidy.rules.save', { ...rules, fiscalYear, title: '山田の要綱', version: 0 });
      expect(first.version).toBe(1);
      await expect(tanaka.call('subsidy.rules.save', { ...rules, fiscalYear, title: '田中の要綱', version: 0 })).rejects.toMatchObject({
        code: 'conflict',
        path: ['version'],
      });
      expect((await tanaka.call('subsidy.rules.get', { fiscalYear }))!.title).toBe('山田の要綱');

      // A 基金 year's 積立・運用益 not entered yet.
      const year = { side: 'medical', fiscalYear, openingBalance: null, prefecturalContribution: 0, investmentIncome: 0 } as const;
      expect((await tanaka.call('fund.balance', { side: 'medical' })).yearVersions[fiscalYear]).toBeUndefined();
      await yamada.call('fund.years.save', { ...year, nationalContribution: 1_000_000, version: 0 });
      await expect(tanaka.call('fund.years.save', { ...year, nationalContribution: 2_000_000, version: 0 })).rejects.toMatchObject({
        code: 'conflict',
        path: ['version'],
      });
      const kept = (await tanaka.call('fund.balance', { side: 'medical' })).years.find((y) => y.fiscalYear === fiscalYear)!;
      expect(kept.nationalContribution).toBe(1_000_000);

      // A municipality's 連携推進事業 of a year with none yet (0020): the first save makes version 1.
      const code = (await yamada.call('masters.municipalities.list', {}))[0]!.code;
      const item = { mode: 'direct' as const, centerId: null, entrustedBody: '', jointWith: [] as string[], note: '' };
      expect(await tanaka.call('masters.linkage.list', { fiscalYear, municipalityCode: code })).toEqual([]);
      const items = await yamada.call('masters.linkage.save', {
        municipalityCode: code,
        fiscalYear,
        items: [{ ...item, item: 'ア' }],
        version: 0,
      });
      expect(items.map((i) => i.version)).toEqual([1]);
      await expect(
        tanaka.call('masters.linkage.save', { municipalityCode: code, fiscalYear, items: [{ ...item, item: 'イ' }], version: 0 }),
      ).rejects.toMatchObject({ code: 'conflict', path: ['version'] });
      expect((await tanaka.call('masters.linkage.list', { fiscalYear, municipalityCode: code })).map((i) => i.item)).toEqual(['ア']);
    });

    it(`refuses a second first save of the 都道府県 too (${name})`, async () => {
      const [yamada, tanaka] = await twoCores(name);
      expect((await tanaka.call('masters.overview', {})).prefecture).toBeNull();
      expect(await yamada.call('masters.prefecture.save', { code: '15', name: '新潟県', version: 0 })).toEqual({
        code: '15',
        name: '新潟県',
        version: 1,
      });
      await expect(tanaka.call('masters.prefecture.save', { code: '16', name: '富山県', version: 0 })).rejects.toMatchObject({
        code: 'conflict',
        path: ['version'],
      });
      expect((await tanaka.call('masters.overview', {})).prefecture).toEqual({ code: '15', name: '新潟県', version: 1 });
    });
  }
});

it('saves a 事後評価 written before versions existed (version 0): its row is there, so the save claims it instead of inserting', async () => {
  const core = await Core.open({ dbPath: path.join(tempDir(), 'old-evaluation.sqlite'), osUser: 'yamada' });
  onTestFinished(() => core.close());
  await core.call('app.demo.load', {});
  const project = (await core.call('fund.projects.list', { side: 'medical' }))[0]!;
  await core.call('fund.evaluation.save', {
    ...(await core.call('fund.evaluation.get', { projectId: project.id, fiscalYear: FY })),
    assessment: '前の評価',
  });
  // As migration 0019 leaves a row saved before it.
  await core.database.updateTable('fundEvaluation').set({ version: 0 }).execute();
  const old = await core.call('fund.evaluation.get', { projectId: project.id, fiscalYear: FY });
  expect(old.version).toBe(0);
  const saved = await core.call('fund.evaluation.save', { ...old, assessment: '直した評価' });
  expect(saved.version).toBe(1);
  expect((await core.call('fund.evaluation.get', { projectId: project.id, fiscalYear: FY })).assessment).toBe('直した評価');
});

describe('a delete of a record someone changed since the screen showed it', () => {
  for (const { name } of engines()) {
    it(`is refused with who and when, and deletes nothing (${name})`, async () => {
      const [yamada, tanaka] = await twoCores(name);
      await yamada.call('settings.update', { displayName: '山田' });
      const created = await yamada.call('masters.areas.save', {
        kind: 'home_care',
        name: '（架空）北圏域',
        parentId: null,
        sortOrder: 1,
      });
      // Tanaka's list shows the area; Yamada then renames it.
      const shown = (await tanaka.call('masters.areas.list', {})).find((a) => a.id === created.id)!;
      const { id, kind, parentId, sortOrder } = shown;
      await yamada.call('masters.areas.save', { id, kind, parentId, sortOrder, name: '（架空）北部圏域', version: shown.version });
      const time = await lastChangeTime(yamada, 'area', String(created.id));
      await expect(tanaka.call('masters.areas.delete', { id: created.id, version: shown.version })).rejects.toMatchObject({
        code: 'conflict',
        path: ['version'],
        message: `在宅医療圏「（架空）北部圏域」は、${firstSaver(name, '山田')} ${time} に変更しました。何も削除していません。再読み込みしてください。`,
      });
      const kept = (await tanaka.call('masters.areas.list', {})).find((a) => a.id === created.id)!;
      expect(kept.name).toBe('（架空）北部圏域');
      // After a reload the delete goes through.
      await tanaka.call('masters.areas.delete', { id: created.id, version: kept.version });
      expect((await yamada.call('masters.areas.list', {})).some((a) => a.id === created.id)).toBe(false);
    });
  }
});

describe('a withdrawal of a survey answer someone saved since the screen showed it', () => {
  for (const { name } of engines()) {
    it(`is refused with who and when, and withdraws nothing (${name})`, async () => {
      const [yamada, tanaka] = await twoCores(name);
      await yamada.call('app.demo.load', {});
      await yamada.call('settings.update', { displayName: '山田' });
      const round = (await yamada.call('survey.rounds.list', {}))[0]!;
      const target = (await yamada.call('survey.rounds.get', { id: round.id })).targets[0]!;
      const at = { roundId: round.id, targetId: target.id };
      // Tanaka's drawer shows the answer; Yamada then saves a newer one Tanaka never saw.
      const shown = await tanaka.call('survey.answers.get', at);
      await yamada.call('survey.answers.save', { ...at, answers: shown.current?.answers ?? {}, incomplete: true, version: shown.version });
      const time = await lastChangeTime(yamada, 'survey_answer', `${round.id}:${target.id}`);
      await expect(tanaka.call('survey.answers.delete', { ...at, version: shown.version })).rejects.toMatchObject({
        code: 'conflict',
        path: ['version'],
        message: `${target.name}の回答は、${firstSaver(name, '山田')} ${time} に変更しました。回答を取り下げていません。再読み込みしてください。`,
      });
      const kept = await tanaka.call('survey.answers.get', at);
      expect(kept.current?.savedBy).toBe('山田');
      // After a reload the withdrawal goes through.
      await tanaka.call('survey.answers.delete', { ...at, version: kept.version });
      expect((await yamada.call('survey.answers.get', at)).current).toBeNull();
    });
  }
});

describe('a municipality moved to another area from the 市区町村 drawer', () => {
  it('moves the versions of the area it leaves and the one it joins, so a members editor holding either is refused', async () => {
    const [yamada, tanaka] = await twoCores('sqlite');
    await yamada.call('app.demo.load', {});
    const areas = (await yamada.call('masters.areas.list', { kind: 'secondary' })).filter((a) => a.municipalityCodes.length > 0);
    const [from, to] = [areas[0]!, areas[1]!];
    const code = from.municipalityCodes[0]!;
    const held = (await tanaka.call('masters.areas.list', { kind: 'secondary' })).find((a) => a.id === to.id)!;
    const { row } = await yamada.call('masters.municipalities.get', { code });
    const { areas: memberOf, population: _p, version, ...fields } = row;
    const areaIds = Object.fromEntries(Object.entries(memberOf).map(([kind, a]) => [kind, a?.id ?? null]));
    await yamada.call('masters.municipalities.save', { ...fields, areas: { ...areaIds, secondary: to.id }, isNew: false, version });
    const after = await yamada.call('masters.areas.list', { kind: 'secondary' });
    expect(after.find((a) => a.id === from.id)!.version).toBeGreaterThan(from.version);
    expect(after.find((a) => a.id === to.id)!.version).toBeGreaterThan(to.version);
    await expect(
      tanaka.call('masters.areas.setMembers', { id: held.id, municipalityCodes: held.municipalityCodes, version: held.version }),
    ).rejects.toMatchObject({ code: 'conflict', path: ['version'] });
  });
});
