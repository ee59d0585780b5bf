import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { afterAll, describe, expect, it, onTestFinished } from 'vitest';
import { auditChangeText, auditTarget, describeAuditEntry } from '@shared/audit-log';
import type { SurveyRoundSummary } from '@shared/contract/survey';
import { ACTIVITY_DEFINITIONS, ACTIVITY_MONTHLY_KEY, ACTIVITY_PLAN_KEY, ACTIVITY_REPORT_KEY } from '@shared/survey/activity';
import type { Answers } from '@shared/survey/answers';
import { startDefinition } from '@shared/survey/definition';
import { CENTER_STAFFING_KEY, CLINIC_HOME_CARE_KEY } from '@shared/survey/seeds';
import { engines, freshPgDatabase, sharedDatabase } from '@tests/support/engines';
import { readWorkbook } from '@tests/support/files';
import { tempDir } from '@tests/support/tmp';
import { Core } from '../core';
import type { AuditRecord } from '../kernel/context';
import { MIGRATIONS } from '../kernel/db/migrations';
import { openDatabase } from '../kernel/db/open';
import { clientConfig } from '../kernel/db/postgres';
import { replaceAnswerFromFile } from './write';

async function emptyCore(dbPath = path.join(tempDir(), 'survey.sqlite')) {
  return Core.open({ dbPath, osUser: 'tester' });
}

let template: string | undefined;

/** A copy of one demo database loaded once for the file (loading the demo takes a second or two). */
async function demoCore(dbPath = path.join(tempDir(), 'survey.sqlite')) {
  if (!template) {
    template = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'renkei-survey-demo-')), 'demo.sqlite');
    const core = await emptyCore(template);
    await core.call('app.demo.load', {});
    await core.close();
  }
  fs.copyFileSync(template, dbPath);
  return emptyCore(dbPath);
}

afterAll(() => {
  if (template) fs.rmSync(path.dirname(template), { recursive: true, force: true });
});

/** The year's round of the seed-000 surveys (the demo's monthly センター活動実績 rounds share the years). */
const ACTIVITY_NAMES = new Set(ACTIVITY_DEFINITIONS.map((d) => d.definition.name));
const roundOf = (rounds: SurveyRoundSummary[], fiscalYear: number) =>
  rounds.find((r) => r.fiscalYear === fiscalYear && !ACTIVITY_NAMES.has(r.definitionName))!;
const definitionOf = async (core: Core, key: string) => (await core.call('survey.definitions.list', {})).find((d) => d.key === key)!;

const nurse = { job: 'nurse', employment: 'full_time', fte: 100, role: 'coordinator', hire: 'new' };
const clerk = { job: 'clerk', employment: 'part_time', fte: 50, role: 'clerical' };

describe('a new database', () => {
  it('ships the two surveys of seeds 000 and 002 and the three of センター活動実績 as version 1, with no round', async () => {
    const core = await emptyCore();
    expect((await core.call('survey.definitions.list', {})).map((d) => [d.key, d.name, d.targetKind, d.version, d.rounds])).toEqual([
      [CENTER_STAFFING_KEY, 'センター人員配置状況調査', 'center', 1, 0],
      [CLINIC_HOME_CARE_KEY, '在宅医療提供体制に関する実態調査（診療所）', 'institution', 1, 0],
      [ACTIVITY_MONTHLY_KEY, 'センター活動実績（月次）', 'center', 1, 0],
      [ACTIVITY_PLAN_KEY, 'センター活動計画書', 'center', 1, 0],
      [ACTIVITY_REPORT_KEY, 'センター活動報告書', 'center', 1, 0],
    ]);
    await core.close();
  });
});

describe('the demo centers round (令和5年度, seed 000)', () => {
  // The first test loads the demo template (seconds, more on a busy machine).
  it('shows 16 / 17 回答 with the 基幹 center missing, and 41 staff: 看護師 34%, 保健師 12%, 社会福祉士 15%, 介護支援専門員 2%, 事務職 37%', async () => {
    const core = await demoCore();
    const round = roundOf(await core.call('survey.rounds.list', {}), 2023);
    expect(round.tracker).toMatchObject({ targets: 17, sent: 17, returned: 16, valid: 16, withErrors: 0, label: '16 / 17 回答' });
    expect(round.tracker.missing.map((t) => t.name)).toEqual(['新潟県医師会在宅医療推進センター']);

    const { aggregate, rules } = await core.call('survey.aggregate', { roundId: round.id });
    const staff = aggregate.whole.questions.staff!;
    if (staff.type !== 'table') throw new Error('staff is a table');
    expect([staff.n, staff.rows]).toEqual([16, 41]);
    const job = staff.columns.job!;
    if (job.type !== 'choice') throw new Error('job is a choice');
    // 看護師, 保健師, 社会福祉士, MSW, 介護支援専門員, 事務職, PT, その他.
    expect(job.counts).toEqual([14, 5, 6, 0, 1, 15, 0, 0]);
    expect(job.percents).toEqual([34, 12, 15, 0, 2, 37, 0, 0]);
    expect(job.percents.reduce((a, b) => a + b, 0)).toBe(100);
    expect(rules.share).toContain('最大剰余法');
    // 4 centers entrusted to hospitals are headed by a 病院医師.
    expect(aggregate.whole.questions.director_post).toMatchObject({ n: 16, counts: [3, 4, 4, 1, 4, 0] });

    // A center falls in the 二次医療圏 holding most of the municipalities it covers: 佐渡市's in 佐渡.
    const byArea = await core.call('survey.aggregate', { roundId: round.id, areaKind: 'secondary' });
    expect(byArea.aggregate.groups.reduce((n, g) => n + g.respondents, 0)).toBe(16);
    const sado = byArea.groups.find((g) => g.name === '佐渡')!.key;
    expect(byArea.aggregate.groups.find((g) => g.key === sado)!.respondents).toBe(1);
    await core.close();
  }, 120_000);
});

describe('the demo clinic rounds (令和2・4年度, seed 000)', () => {
  it('counts 332 and 262 clinics doing home visits, 376 and 312 doctors, 前回比 0.83', async () => {
    const core = await demoCore();
    const rounds = await core.call('survey.rounds.list', { definitionId: (await definitionOf(core, CLINIC_HOME_CARE_KEY)).id });
    expect(rounds.map((r) => [r.fiscalYear, r.tracker.label])).toEqual([
      [2022, '640 / 700 回答'],
      [2020, '675 / 700 回答'],
    ]);
    expect(roundOf(rounds, 2020).tracker.missing).toHaveLength(25);

    const r2 = (await core.call('survey.aggregate', { roundId: roundOf(rounds, 2020).id })).aggregate.whole;
    const r4 = (await core.call('survey.aggregate', { roundId: roundOf(rounds, 2022).id })).aggregate.whole;
    expect([r2.indicators.clinics_doing!.value, r4.indicators.clinics_doing!.value]).toEqual([332, 262]);
    expect([r2.indicators.doctors!.value, r4.indicators.doctors!.value]).toEqual([376, 312]);

    const { comparison, previous, rule } = await core.call('survey.compare', { roundId: roundOf(rounds, 2022).id });
    expect(previous?.fiscalYear).toBe(2020);
    expect(rule).toContain('小数第2位');
    const doctors = comparison!.indicators.find((i) => i.code === 'doctors')!;
    expect(doctors.whole).toMatchObject({ current: 312, previous: 376, text: '0.83', ratio: { numerator: 39, denominator: 47 } });
    const first = await core.call('survey.compare', { roundId: roundOf(rounds, 2020).id });
    expect([first.previous, first.comparison]).toEqual([null, null]);
    await core.close();
  });

  it("reproduces the seed's now / in 5 years (n = 675 / 673), first call (n = 165, 138) and what would help (n = 620)", async () => {
    const core = await demoCore();
    const rounds = await core.call('survey.rounds.list', {});
    const r2 = (await core.call('survey.aggregate', { roundId: roundOf(rounds, 2020).id })).aggregate.whole.questions;
    const r4 = (await core.call('survey.aggregate', { roundId: roundOf(rounds, 2022).id })).aggregate.whole.questions;
    // 両方, 訪問のみ, 往診のみ, 行っていない.
    expect(r2.visits_now).toMatchObject({ n: 675, percents: [33, 5, 11, 51] });
    expect(r2.visits_in_5_years).toMatchObject({ n: 673, percents: [29, 6, 10, 55] });
    // 医師, 自院看護師, 事務職, その他 in tenths of a percent: R2 87.3 / 13.3 / 1.8 / 1.2, R4 90.6 / 7.2 / 0.7 / 1.4.
    expect(r2.first_call).toMatchObject({ n: 165, percentTenths: [873, 133, 18, 12] });
    expect(r4.first_call).toMatchObject({ n: 138, percentTenths: [906, 72, 7, 14] });
    expect(r2.helps).toMatchObject({ n: 620, percentTenths: [348, 340, 235, 18, 58, 358, 323, 261, 187, 252, 82] });
    await core.close();
  });

  it('groups by 二次医療圏 in the 台帳 order, the groups adding up to the prefecture, each with its 前回比', async () => {
    const core = await demoCore();
    const r4 = roundOf(await core.call('survey.rounds.list', {}), 2022);
    const result = await core.call('survey.aggregate', { roundId: r4.id, areaKind: 'secondary' });
    expect(result.groups.map((g) => g.name)).toEqual(['下越', '新潟', '県央', '中越', '魚沼', '上越', '佐渡']);
    const sum = (code: string) => result.aggregate.groups.reduce((n, g) => n + g.indicators[code]!.value, 0);
    expect([sum('clinics_doing'), sum('doctors'), sum('doctors_60_plus')]).toEqual([262, 312, 223]);
    expect(result.aggregate.groups.every((g) => g.respondents > 0)).toBe(true);
    const niigata = result.groups.find((g) => g.name === '新潟')!.key;
    const { comparison } = await core.call('survey.compare', { roundId: r4.id, areaKind: 'secondary' });
    const doctors = comparison!.indicators.find((i) => i.code === 'doctors')!;
    expect(doctors.groups[niigata]!.current).toBe(result.aggregate.groups.find((g) => g.key === niigata)!.indicators.doctors!.value);
    expect(doctors.groups[niigata]!.text).toMatch(/^\d\.\d\d$/);
    await core.close();
  });

  it("pre-fills a clinic's form with its answers of the round before", async () => {
    const core = await demoCore();
    const rounds = await core.call('survey.rounds.list', {});
    const r2 = await core.call('survey.rounds.get', { id: roundOf(rounds, 2020).id });
    const both = r2.targets.find((t) => t.status === 'valid')!;
    const detail = await core.call('survey.answers.get', { roundId: roundOf(rounds, 2022).id, targetId: both.id });
    const before = await core.call('survey.answers.get', { roundId: r2.id, targetId: both.id });
    expect(detail.previous).toEqual({ roundId: r2.id, fiscalYear: 2020, answers: before.current!.answers });
    await core.close();
  });
});

describe('answers typed in the app', () => {
  async function centerRound(core: Core) {
    const definition = await definitionOf(core, CENTER_STAFFING_KEY);
    await core.call('masters.demo.load', {});
    const round = await core.call('survey.rounds.create', { definitionId: definition.id, fiscalYear: 2024, referenceDate: '2024-04-01' });
    return { round, target: round.targets[1]! };
  }

  it('refuses answers with errors, naming the question and row, and writes nothing', async () => {
    const core = await emptyCore();
    const { round, target } = await centerRound(core);
    const refused = await core.dispatch('survey.answers.save', {
      roundId: round.id,
      targetId: target.id,
      answers: { director_post: 'chairman', staff: [nurse, {}, { ...clerk, fte: 300 }] },
    });
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: 'validation',
        path: ['answers', 'staff', 1],
        issues: [
          {
            path: ['answers', 'staff', 1],
            message: '「配置職員」の2行目が空欄です。上の行から詰めて記入するか、空欄の行を削除してください。',
          },
          {
            path: ['answers', 'staff', 2, 'fte'],
            message: '「配置職員」3行目の「常勤換算」は0.01以上2以下で入力してください（入力: 3）。',
          },
        ],
      },
    });
    expect((await core.call('survey.tracker', { roundId: round.id })).returned).toBe(0);
    await core.close();
  });

  it('keeps the answer replaced in the history, with when, who and from where, and audits both saves', async () => {
    const core = await emptyCore();
    const { round, target } = await centerRound(core);
    await core.call('settings.update', { displayName: '県 担当A' });
    const first = await core.call('survey.answers.save', {
      roundId: round.id,
      targetId: target.id,
      answers: { director_post: 'chairman', staff: [nurse] },
    });
    expect(first).toMatchObject({ source: 'form', fileName: null, savedBy: '県 担当A', errors: [], warnings: [] });
    await core.call('settings.update', { displayName: '県 担当B' });
    const second = await core.call('survey.answers.save', {
      roundId: round.id,
      targetId: target.id,
      answers: { director_post: 'director', staff: [{ ...nurse, fte: 120 }, clerk] },
    });
    expect(second.warnings.map((w) => [w.question, w.row, w.column])).toEqual([['staff', 0, 'fte']]);

    const detail = await core.call('survey.answers.get', { roundId: round.id, targetId: target.id });
    expect(detail.current!.answers.director_post).toBe('director');
    expect(detail.history).toHaveLength(1);
    expect(detail.history[0]).toMatchObject({
      answers: { director_post: 'chairman', staff: [nurse] },
      source: 'form',
      savedBy: '県 担当A',
      replacedBy: '県 担当B',
    });
    const audit = await core.call('audit.list', { entity: 'survey_answer' });
    expect(audit.entries.map((e) => [e.operation, e.entityId])).toEqual([
      ['survey.answers.save', `${round.id}:${target.id}`],
      ['survey.answers.save', `${round.id}:${target.id}`],
    ]);
    // The replacement shows which answers changed, from what to what; the round is no change.
    const replaced = describeAuditEntry(audit.entries[0]!);
    const shown = Object.fromEntries(replaced.fields.map((f) => [f.label, f.before === undefined ? f.value : `${f.before}→${f.value}`]));
    expect(shown['変わった回答']).toBe('センター長の医師会内役職 会長→理事、配置職員 1行→2行');
    expect(shown['調査の回']).toBeUndefined();

    await core.call('survey.answers.delete', { roundId: round.id, targetId: target.id });
    const withdrawn = await core.call('survey.answers.get', { roundId: round.id, targetId: target.id });
    expect([withdrawn.current, withdrawn.history.length]).toEqual([null, 2]);
    expect((await core.call('survey.tracker', { roundId: round.id })).returned).toBe(0);
    await core.close();
  });

  it('saves an incomplete answer as 要確認: returned, not valid, and left out of the results', async () => {
    const core = await emptyCore();
    const { round, target } = await centerRound(core);
    const checked = await core.call('survey.answers.check', { roundId: round.id, answers: { staff: [nurse] } });
    expect(checked.errors.map((e) => e.message)).toEqual(['「センター長の医師会内役職」が未回答です。回答を入力してください。']);
    const saved = await core.call('survey.answers.save', {
      roundId: round.id,
      targetId: target.id,
      answers: { staff: [nurse] },
      incomplete: true,
    });
    expect(saved.errors.map((e) => e.question)).toEqual(['director_post']);
    expect(await core.call('survey.tracker', { roundId: round.id })).toMatchObject({
      returned: 1,
      valid: 0,
      withErrors: 1,
      label: `1 / ${round.targets.length} 回答`,
    });
    expect((await core.call('survey.aggregate', { roundId: round.id })).aggregate.whole.respondents).toBe(0);

    // A wrong value kept as 要確認 is still there when the answer is opened again, with its error.
    const wrong = { director_post: 'chairman', staff: [{ ...nurse, fte: 900 }] };
    await core.call('survey.answers.save', { roundId: round.id, targetId: target.id, answers: wrong, incomplete: true });
    const reopened = await core.call('survey.answers.get', { roundId: round.id, targetId: target.id });
    expect(reopened.current?.answers).toEqual(wrong);
    expect(reopened.current?.errors.map((e) => [e.row, e.column])).toEqual([[0, 'fte']]);
    await core.close();
  });

  it('saves many answers all or none', async () => {
    const core = await emptyCore();
    const { round } = await centerRound(core);
    const [a, b] = round.targets;
    const refused = await core.dispatch('survey.answers.saveMany', {
      roundId: round.id,
      entries: [
        { targetId: a!.id, answers: { director_post: 'chairman', staff: [nurse] } },
        { targetId: b!.id, answers: { director_post: 'mayor', staff: [clerk] } },
      ],
    });
    expect(refused).toMatchObject({
      ok: false,
      error: {
        path: ['entries', 1, 'answers', 'director_post'],
        issues: [
          { message: expect.stringMatching(new RegExp(`^${b!.name}: 「センター長の医師会内役職」の「mayor」は選択肢にありません`)) },
        ],
      },
    });
    expect((await core.call('survey.tracker', { roundId: round.id })).returned).toBe(0);
    await core.call('survey.answers.saveMany', {
      roundId: round.id,
      entries: [
        { targetId: a!.id, answers: { director_post: 'chairman', staff: [nurse] } },
        { targetId: b!.id, answers: { director_post: 'adviser', staff: [clerk] } },
      ],
    });
    expect((await core.call('survey.tracker', { roundId: round.id })).label).toBe(`2 / ${round.targets.length} 回答`);
    await core.close();
  });

  it('refuses a target that is not in the round', async () => {
    const core = await emptyCore();
    const { round } = await centerRound(core);
    await core.call('survey.rounds.setTargets', { id: round.id, targetIds: round.targets.slice(0, 3).map((t) => t.id) });
    const outside = round.targets[5]!;
    expect(await core.dispatch('survey.answers.save', { roundId: round.id, targetId: outside.id, answers: {} })).toMatchObject({
      ok: false,
      error: { code: 'not_found', path: ['targetId'] },
    });
    await core.close();
  });
});

describe("a returned workbook, through the importer's entry point", () => {
  it("replaces the answer in the caller's transaction with source file and its name, refusing a file with errors", async () => {
    const dbPath = path.join(tempDir(), 'survey.sqlite');
    const core = await demoCore(dbPath);
    const round = roundOf(await core.call('survey.rounds.list', {}), 2023);
    const target = (await core.call('survey.rounds.get', { id: round.id })).targets.find((t) => t.status === 'valid')!;
    await core.close();

    const { db, raw } = await openDatabase(dbPath);
    const records: AuditRecord[] = [];
    const answers: Answers = { director_post: 'vice_chairman', staff: [nurse, clerk] };
    await db.transaction().execute(async (trx) => {
      const ctx = {
        db: trx,
        audit: (r: AuditRecord) => records.push(r),
        core: { clock: () => new Date('2023-06-01T00:00:00Z') } as Core,
        actor: { osUser: 'tester', displayName: '' },
        // The core's prepared-statement insert, on the connection the transaction holds.
        bulkInsert: async (table: string, rows: readonly Record<string, unknown>[]) =>
          rows.map((row) => {
            const cols = Object.keys(row);
            const snake = (c: string) => c.replace(/[A-Z]/g, (x) => `_${x.toLowerCase()}`);
            return Number(
              raw
                .prepare(`INSERT INTO ${snake(table)} (${cols.map(snake).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`)
                .run(...cols.map((c) => row[c] ?? null)).lastInsertRowid,
            );
          }),
      };
      const at = { roundId: round.id, targetId: target.id };
      await replaceAnswerFromFile(ctx as never, { ...at, answers, fileName: '人員配置_回答.xlsx' });
      await expect(replaceAnswerFromFile(ctx as never, { ...at, answers: { staff: [nurse] }, fileName: 'bad.xlsx' })).rejects.toMatchObject(
        { code: 'validation' },
      );
    });
    expect(records.map((r) => r.entity)).toEqual(['survey_answer']);
    await db.destroy();

    const reopened = await emptyCore(dbPath);
    const detail = await reopened.call('survey.answers.get', { roundId: round.id, targetId: target.id });
    expect(detail.current).toMatchObject({ answers, source: 'file', fileName: '人員配置_回答.xlsx', savedAt: '2023-06-01T00:00:00.000Z' });
    expect(detail.history.map((h) => h.source)).toEqual(['form']);
    await reopened.close();
  });
});

describe('definitions with versions', () => {
  it('changes a definition in place before any round uses it, and as a new version after, old rounds keeping theirs', async () => {
    const core = await demoCore();
    const clinic = await definitionOf(core, CLINIC_HOME_CARE_KEY);
    const v1 = await core.call('survey.definitions.get', { id: clinic.id });
    const added = {
      ...v1.definition,
      questions: [...v1.definition.questions, { code: 'remarks', label: 'ご意見', type: 'text' as const }],
    };
    const saved = await core.call('survey.definitions.save', { id: clinic.id, definition: added });
    expect([saved.version, saved.newVersion, saved.versions.map((v) => [v.version, v.rounds, v.answers])]).toEqual([
      2,
      true,
      [
        [1, 2, 1315],
        [2, 0, 0],
      ],
    ]);

    const rounds = await core.call('survey.rounds.list', { definitionId: clinic.id });
    const r4 = await core.call('survey.rounds.get', { id: roundOf(rounds, 2022).id });
    expect([r4.version, r4.definition.questions.some((q) => q.code === 'remarks')]).toEqual([1, false]);

    // Before a round uses version 2, a further change stays version 2.
    const renamed = await core.call('survey.definitions.save', { id: clinic.id, definition: { ...added, description: '令和6年度版' } });
    expect([renamed.version, renamed.newVersion]).toEqual([2, false]);
    expect((await core.call('survey.definitions.get', { id: clinic.id, version: 1 })).definition).toEqual(v1.definition);
    // Once a round uses it — its forms may be out before any answer is back — a change makes version 3 and the round keeps 2.
    const r6 = await core.call('survey.rounds.create', {
      definitionId: clinic.id,
      fiscalYear: 2024,
      referenceDate: '2024-10-01',
      targetIds: r4.targets.slice(0, 5).map((t) => t.id),
    });
    expect(r6.version).toBe(2);
    const typo = await core.call('survey.definitions.save', {
      id: clinic.id,
      definition: { ...added, description: '令和6年度版（訂正）' },
    });
    expect([typo.version, typo.newVersion]).toEqual([3, true]);
    expect((await core.call('survey.rounds.get', { id: r6.id })).version).toBe(2);

    // 前回比 across versions: the questions asked alike are compared, the new one is not.
    await core.call('survey.answers.save', {
      roundId: r6.id,
      targetId: r6.targets[0]!.id,
      answers: { visits_now: 'none', remarks: '医師の高齢化' },
    });
    const { comparison } = await core.call('survey.compare', { roundId: r6.id });
    expect(comparison!.questions.map((q) => q.code)).toContain('visits_now');
    expect(comparison!.questions.map((q) => q.code)).not.toContain('remarks');

    const kind = await core.dispatch('survey.definitions.save', { id: clinic.id, definition: { ...added, targetKind: 'municipality' } });
    expect(kind).toMatchObject({ ok: false, error: { code: 'refused', path: ['definition', 'targetKind'] } });
    const audit = await core.call('audit.list', { entity: 'survey_definition' });
    expect(audit.total).toBe(3);
    await core.close();
  });

  it('audits an edit in Japanese — the survey by name, the version, the questions added and deleted — and 元に戻す takes it back', async () => {
    const core = await demoCore();
    const centers = await definitionOf(core, CENTER_STAFFING_KEY);
    const v1 = await core.call('survey.definitions.get', { id: centers.id });
    const [post, other, staff] = v1.definition.questions;
    // A built-in survey's questions are read by Renkei's 集計 and 帳票 by code: none may go, nor change its type.
    await expect(
      core.call('survey.definitions.save', { id: centers.id, definition: { ...v1.definition, questions: [post!, staff!] } }),
    ).rejects.toMatchObject({
      code: 'refused',
      message:
        '「センター長の役職（その他の場合）」は Renkei の集計・帳票が使う設問のため削除できません（Renkei に組み込まれた調査票です。見出し・説明・必須・単位の変更と、設問・選択肢の追加はできます）。',
    });
    const edited = { ...v1.definition, questions: [{ ...post!, label: 'センター長の役職' }, other!, staff!] };
    expect((await core.call('survey.definitions.save', { id: centers.id, definition: edited })).version).toBe(2);
    const [entry] = (await core.call('audit.list', { entity: 'survey_definition' })).entries;
    const description = describeAuditEntry(entry!);
    expect([auditTarget(entry!, description), auditChangeText(description)]).toEqual([
      '調査票「センター人員配置状況調査」',
      '変更　版: 1 → 2、設問: 追加 センター長の役職／削除 センター長の医師会内役職',
    ]);

    await core.call('app.undo', {});
    const back = await core.call('survey.definitions.get', { id: centers.id });
    expect([back.version, back.definition]).toEqual([1, v1.definition]);
    await core.close();
  });

  it('refuses to delete a clinic a survey round was sent to, naming the round', async () => {
    const core = await demoCore();
    const clinic = await definitionOf(core, CLINIC_HOME_CARE_KEY);
    const r4 = await core.call('survey.rounds.get', {
      id: roundOf(await core.call('survey.rounds.list', { definitionId: clinic.id }), 2022).id,
    });
    const target = r4.targets[0]!;
    await expect(core.call('masters.institutions.delete', { id: Number(target.id) })).rejects.toMatchObject({
      code: 'refused',
      message: expect.stringContaining(
        '調査の回の送り先 2件（2020年度 在宅医療提供体制に関する実態調査（診療所）、2022年度 在宅医療提供体制に関する実態調査（診療所）',
      ),
    });
    expect((await core.call('survey.rounds.get', { id: r4.id })).targets[0]!.name).toBe(target.name);
    await core.close();
  });

  it('refuses a definition that does not hold together, at the field', async () => {
    const core = await emptyCore();
    const result = await core.dispatch('survey.definitions.save', {
      definition: {
        name: '重複',
        targetKind: 'center',
        questions: [
          { code: 'a', label: 'A', type: 'integer' },
          { code: 'a', label: 'B', type: 'integer' },
        ],
      },
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'validation', path: ['definition', 'questions', 1, 'code'] } });
    await core.close();
  });
});

describe('new surveys', () => {
  it('starts a blank 市町村 survey, edits it, and takes it through a round: a form written and read back, one typed, 集計', async () => {
    const core = await demoCore();
    const blank = startDefinition({
      name: '在宅医療・介護連携推進事業の取組状況調査',
      targetKind: 'municipality',
      institutionKinds: [],
      from: null,
    });
    const created = await core.call('survey.definitions.save', { definition: blank });
    expect([created.key, created.version, created.definition.questions.map((q) => [q.code, q.label, q.type])]).toEqual([
      null,
      1,
      [['q1', '設問1', 'text']],
    ]);
    const edited = await core.call('survey.definitions.save', {
      id: created.id,
      revision: created.revision,
      definition: {
        ...created.definition,
        questions: [
          { ...created.definition.questions[0]!, label: '担当部署' },
          { code: 'q2', label: '多職種研修会の開催回数', type: 'integer', min: 0, unit: '回' },
          {
            code: 'q3',
            label: '入退院支援ルールの運用',
            type: 'choice',
            required: true,
            choices: [
              { code: 'c1', label: '運用している' },
              { code: 'c2', label: '策定中' },
              { code: 'c3', label: '未着手' },
            ],
          },
        ],
      },
    });
    expect([edited.version, edited.newVersion]).toEqual([1, false]);

    const round = await core.call('survey.rounds.create', {
      definitionId: created.id,
      fiscalYear: 2025,
      referenceDate: '2025-04-01',
      targetIds: ['151009', '152021'],
    });
    expect(round.targets.map((t) => t.name)).toEqual(['新潟市', '長岡市']);
    const form = await core.call('survey.forms.file', { roundId: round.id, targetId: '151009' });
    expect(form.fileName).toBe('在宅医療・介護連携推進事業の取組状況調査_令和7年度_新潟市.xlsx');
    const workbook = await readWorkbook(form.data);
    const sheet = workbook.getWorksheet('回答')!;
    const answer = (label: string) => {
      for (let row = 1; row <= sheet.rowCount; row += 1)
        if (String(sheet.getCell(row, 2).value ?? '').startsWith(label)) return sheet.getCell(row, 3);
      throw new Error(`no question ${label}`);
    };
    answer('担当部署').value = '地域包括ケア推進課';
    answer('多職種研修会の開催回数').value = 4;
    answer('入退院支援ルールの運用').value = '運用している';
    const returned = { fileName: form.fileName, data: Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64') };
    const committed = await core.call('survey.files.commit', { roundId: round.id, files: [returned] });
    expect([committed.saved.map((f) => f.target.name), committed.skipped]).toEqual([['新潟市'], []]);
    await core.call('survey.answers.save', { roundId: round.id, targetId: '152021', answers: { q2: 2, q3: 'c2' } });

    const read = await core.call('survey.answers.get', { roundId: round.id, targetId: '151009' });
    expect(read.current).toMatchObject({ answers: { q1: '地域包括ケア推進課', q2: 4, q3: 'c1' }, source: 'file' });
    const { aggregate, round: summary } = await core.call('survey.aggregate', { roundId: round.id });
    expect([summary.tracker.label, aggregate.whole.respondents, aggregate.whole.questions.q2, aggregate.whole.questions.q3]).toEqual([
      '2 / 2 回答',
      2,
      { type: 'integer', n: 2, sum: 6, min: 2, max: 4, meanHundredths: 300 },
      { type: 'choice', n: 2, counts: [1, 1, 0], percents: [50, 50, 0] },
    ]);
    await core.close();
  });

  it('copies the clinic survey as a 訪問看護ステーション survey: its questions and 集計指標, its round going to the stations', async () => {
    const core = await demoCore();
    const clinic = await core.call('survey.definitions.get', { id: (await definitionOf(core, CLINIC_HOME_CARE_KEY)).id });
    const copy = await core.call('survey.definitions.save', {
      definition: startDefinition({
        name: '在宅医療提供体制に関する実態調査（訪問看護ステーション）',
        targetKind: 'institution',
        institutionKinds: ['nursing_station'],
        from: clinic.definition,
      }),
    });
    expect([copy.key, copy.version, copy.definition.institutionKinds]).toEqual([null, 1, ['nursing_station']]);
    expect(copy.definition.questions).toEqual(clinic.definition.questions);
    expect(copy.definition.indicators).toEqual(clinic.definition.indicators);
    // A copy is the officer's own: its questions may go, unlike the built-in survey's.
    const fewer = await core.call('survey.definitions.save', {
      id: copy.id,
      definition: { ...copy.definition, questions: copy.definition.questions.filter((q) => q.code !== 'helps') },
    });
    expect(fewer.definition.questions.map((q) => q.code)).not.toContain('helps');

    const round = await core.call('survey.rounds.create', { definitionId: copy.id, fiscalYear: 2025, referenceDate: '2025-10-01' });
    const stations = await core.call('survey.targets.list', { targetKind: 'institution', institutionKinds: ['nursing_station'] });
    expect(stations.length).toBeGreaterThan(0);
    expect(round.targets.map((t) => t.id)).toEqual(stations.map((s) => s.id));
    const doctors = { doctors_39: 0, doctors_40s: 1, doctors_50s: 0, doctors_60s: 2, doctors_70s: 0, doctors_80: 0 };
    await core.call('survey.answers.save', { roundId: round.id, targetId: stations[0]!.id, answers: { visits_now: 'both', ...doctors } });
    const { aggregate } = await core.call('survey.aggregate', { roundId: round.id });
    expect([aggregate.whole.indicators.clinics_doing!.value, aggregate.whole.indicators.doctors_60_plus!.value]).toEqual([1, 2]);
    await core.close();
  });

  it('refuses a name another survey has, at 調査名, whether made or renamed', async () => {
    const core = await emptyCore();
    const start = { targetKind: 'center', institutionKinds: [], from: null } as const;
    const taken = await core.dispatch('survey.definitions.save', {
      definition: startDefinition({ ...start, name: 'センター人員配置状況調査' }),
    });
    const message = '調査名「センター人員配置状況調査」の調査票はすでにあります。別の調査名にしてください。';
    expect(taken).toEqual({ ok: false, error: { code: 'conflict', message, path: ['definition', 'name'] } });
    const own = await core.call('survey.definitions.save', { definition: startDefinition({ ...start, name: '相談窓口の調査' }) });
    const renamed = await core.dispatch('survey.definitions.save', {
      id: own.id,
      revision: own.revision,
      definition: { ...own.definition, name: 'センター人員配置状況調査' },
    });
    expect(renamed).toEqual({ ok: false, error: { code: 'conflict', message, path: ['definition', 'name'] } });
    expect(
      (await core.call('survey.definitions.list', {})).map((d) => d.name).filter((n) => n === 'センター人員配置状況調査'),
    ).toHaveLength(1);
    await core.close();
  });

  it('deletes a survey no round uses (元に戻す brings it back), and refuses one with a round or one Renkei ships, saying why', async () => {
    const core = await demoCore();
    const names = async () => (await core.call('survey.definitions.list', {})).map((d) => d.name);
    const made = await core.call('survey.definitions.save', {
      definition: startDefinition({ name: '地域連携の調査', targetKind: 'center', institutionKinds: [], from: null }),
    });
    expect((await core.call('app.history', {})).undo).toMatchObject({ operation: 'survey.definitions.save', label: '調査票の保存' });
    await core.call('app.undo', {});
    expect(await names()).not.toContain('地域連携の調査');
    await core.call('app.redo', {});
    expect(await names()).toContain('地域連携の調査');

    const round = await core.call('survey.rounds.create', { definitionId: made.id, fiscalYear: 2025, referenceDate: '2025-04-01' });
    const summary = (await core.call('survey.definitions.list', {})).find((d) => d.id === made.id)!;
    expect(await core.dispatch('survey.definitions.delete', { id: made.id, revision: summary.revision })).toEqual({
      ok: false,
      error: {
        code: 'refused',
        message: '「地域連携の調査」には回が1件あるため削除できません。回とその回答はこの調査票で読むため、記録として残します。',
      },
    });
    await core.call('survey.rounds.delete', { id: round.id });
    await core.call('survey.definitions.delete', { id: made.id, revision: summary.revision });
    expect(await names()).not.toContain('地域連携の調査');
    const [entry] = (await core.call('audit.list', { entity: 'survey_definition' })).entries;
    expect(auditTarget(entry!, describeAuditEntry(entry!))).toBe('調査票「地域連携の調査」');
    await core.call('app.undo', {});
    expect((await core.call('survey.definitions.get', { id: made.id })).definition.name).toBe('地域連携の調査');

    const centers = await definitionOf(core, CENTER_STAFFING_KEY);
    expect(await core.dispatch('survey.definitions.delete', { id: centers.id })).toMatchObject({
      ok: false,
      error: {
        code: 'refused',
        message: '「センター人員配置状況調査」は Renkei に組み込まれた調査票です。集計・帳票が使うため削除できません。',
      },
    });
    await core.close();
  });
});

describe('rounds', () => {
  it('refuses a 基準日 outside the 年度, a target not in the 台帳, a second round on the same day, and deleting a round with answers', async () => {
    const core = await demoCore();
    const centers = await definitionOf(core, CENTER_STAFFING_KEY);
    const outside = await core.dispatch('survey.rounds.create', {
      definitionId: centers.id,
      fiscalYear: 2024,
      referenceDate: '2025-04-01',
    });
    expect(outside).toMatchObject({
      ok: false,
      error: {
        path: ['referenceDate'],
        message:
          '基準日: 令和7年4月1日は令和6年度の調査の基準日にできません（令和6年4月1日〜令和7年3月31日）。日付か年度を確かめてください。',
      },
    });
    const unknown = await core.dispatch('survey.rounds.create', {
      definitionId: centers.id,
      fiscalYear: 2024,
      referenceDate: '2024-04-01',
      targetIds: ['99999'],
    });
    expect(unknown).toMatchObject({
      ok: false,
      error: { path: ['targetIds'], message: '対象「99999」は台帳のセンターにありません。台帳を確かめてください。' },
    });
    const again = await core.dispatch('survey.rounds.create', { definitionId: centers.id, fiscalYear: 2023, referenceDate: '2023-04-01' });
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const r5 = roundOf(await core.call('survey.rounds.list', {}), 2023);
    expect(await core.dispatch('survey.rounds.delete', { id: r5.id })).toMatchObject({ ok: false, error: { code: 'refused' } });
    const answered = (await core.call('survey.rounds.get', { id: r5.id })).targets.find((t) => t.status === 'valid')!;
    expect(await core.dispatch('survey.rounds.setTargets', { id: r5.id, targetIds: [answered.id === '1' ? '2' : '1'] })).toMatchObject({
      ok: false,
      error: { code: 'refused' },
    });

    const empty = await core.call('survey.rounds.create', {
      definitionId: centers.id,
      fiscalYear: 2024,
      referenceDate: '2024-04-01',
      title: '試し',
    });
    expect(empty.tracker).toMatchObject({ targets: 17, sent: 0, returned: 0, label: '0 / 17 回答' });
    const sent = await core.call('survey.rounds.markSent', { id: empty.id, targetIds: [empty.targets[0]!.id], sentOn: '2024-04-05' });
    expect(sent.tracker.sent).toBe(1);
    await core.call('survey.rounds.delete', { id: empty.id });
    expect((await core.call('survey.rounds.list', { definitionId: centers.id })).map((r) => r.fiscalYear)).toEqual([2023]);
    await core.close();
  });
});

describe('two people making 調査票 of one name at the same moment', () => {
  for (const { name: engine } of engines()) {
    it(`saves one and refuses the other at 調査名, as when the name was already there (${engine})`, async () => {
      const { connection, open } = await sharedDatabase(engine);
      const yamada = await open('yamada');
      const tanaka = await open('yamada');
      const definition = startDefinition({ name: '相談窓口の調査', targetKind: 'center', institutionKinds: [], from: null });
      const both = () => Promise.all([yamada, tanaka].map((core) => core.dispatch('survey.definitions.save', { definition })));
      let saves: ReturnType<typeof both>;
      if (connection) {
        // Both read no survey of the name, then queue on their INSERT behind a lock held here, so the two meet for certain.
        const lock = new pg.Client(clientConfig(connection));
        await lock.connect();
        onTestFinished(() => lock.end());
        await lock.query('BEGIN; LOCK TABLE survey_definition IN SHARE ROW EXCLUSIVE MODE');
        saves = both();
        const waiting = async () =>
          Number(
            (await lock.query(`SELECT count(*) AS n FROM pg_locks WHERE NOT granted AND relation = 'survey_definition'::regclass`)).rows[0]
              .n,
          );
        await expect.poll(waiting, { timeout: 20_000 }).toBe(2);
        await lock.query('COMMIT');
      } else {
        saves = both();
      }
      const results = await saves;
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.flatMap((r) => (r.ok ? [] : [r.error]))).toEqual([
        {
          code: 'conflict',
          message: '調査名「相談窓口の調査」の調査票はすでにあります。別の調査名にしてください。',
          path: ['definition', 'name'],
        },
      ]);
      expect((await tanaka.call('survey.definitions.list', {})).filter((d) => d.name === '相談窓口の調査')).toHaveLength(1);
    });
  }
});

describe('a database holding two surveys of one name, made before names were kept unique (migration 0030)', () => {
  it('keeps the first one’s name and names the later one 「（2）」, in the list and in its 調査票', async () => {
    const dbPath = path.join(tempDir(), 'before.sqlite');
    const earlier = await Core.open({
      dbPath,
      osUser: 'tester',
      migrations: Object.fromEntries(Object.entries(MIGRATIONS).filter(([name]) => name < '0030')),
    });
    await earlier.close();
    // What two saves at once could leave: two surveys of one name.
    const definition = startDefinition({ name: '相談窓口の調査', targetKind: 'center', institutionKinds: [], from: null });
    const raw = new BetterSqlite3(dbPath);
    const insert = () => {
      const id = Number(raw.prepare(`INSERT INTO survey_definition (key, created_at) VALUES (NULL, '2025-04-01')`).run().lastInsertRowid);
      raw
        .prepare(
          `INSERT INTO survey_definition_version (definition_id, version, name, target_kind, body, created_at) VALUES (?, 1, ?, ?, ?, '2025-04-01')`,
        )
        .run(id, definition.name, definition.targetKind, JSON.stringify(definition));
      return { id };
    };
    const [first, second] = [insert(), insert()];
    raw.close();

    const core = await emptyCore(dbPath);
    const names = (await core.call('survey.definitions.list', {})).filter((d) => d.name.startsWith('相談窓口の調査'));
    expect(names.map((d) => [d.id, d.name])).toEqual([
      [first.id, '相談窓口の調査'],
      [second.id, '相談窓口の調査（2）'],
    ]);
    expect((await core.call('survey.definitions.get', { id: second.id })).definition.name).toBe('相談窓口の調査（2）');
    await core.close();
  });
});

describe('migration 0030 renaming a survey whose name was already near the 100-character limit', () => {
  for (const { name: engine } of engines()) {
    it(`keeps 「（2）」 and 「（3）」 within 100 characters, and the renamed survey can be saved (${engine})`, async () => {
      const { connection, drop } = engine === 'postgres' ? await freshPgDatabase() : { connection: undefined, drop: async () => {} };
      onTestFinished(drop);
      const dbPath = path.join(tempDir(), 'before.sqlite');
      const migrations = Object.fromEntries(Object.entries(MIGRATIONS).filter(([name]) => name < '0030'));
      const open = (options: { migrations?: typeof MIGRATIONS } = {}) =>
        connection ? Core.open({ connection, workDir: tempDir(), ...options }) : Core.open({ dbPath, osUser: 'tester', ...options });
      await (await open({ migrations })).close();
      // What two saves at once could leave: surveys of one name, a name of 100 characters and one of 98.
      const long = `在宅医療${'あ'.repeat(92)}の調査`;
      const nearly = long.slice(2);
      const rows = [long, long, long, nearly, nearly].map((name) =>
        JSON.stringify(startDefinition({ name, targetKind: 'center', institutionKinds: [], from: null })),
      );
      if (connection) {
        const raw = new pg.Client(clientConfig(connection));
        await raw.connect();
        for (const body of rows) {
          const { id } = (await raw.query(`INSERT INTO survey_definition (key, created_at) VALUES (NULL, '2025-04-01') RETURNING id`))
            .rows[0];
          await raw.query(
            `INSERT INTO survey_definition_version (definition_id, version, name, target_kind, body, created_at) VALUES ($1, 1, $2, 'center', $3, '2025-04-01')`,
            [id, JSON.parse(body).name, body],
          );
        }
        await raw.end();
      } else {
        const raw = new BetterSqlite3(dbPath);
        for (const body of rows) {
          const id = Number(
            raw.prepare(`INSERT INTO survey_definition (key, created_at) VALUES (NULL, '2025-04-01')`).run().lastInsertRowid,
          );
          raw
            .prepare(
              `INSERT INTO survey_definition_version (definition_id, version, name, target_kind, body, created_at) VALUES (?, 1, ?, 'center', ?, '2025-04-01')`,
            )
            .run(id, JSON.parse(body).name, body);
        }
        raw.close();
      }

      const core = await open();
      onTestFinished(() => core.close());
      const listed = (await core.call('survey.definitions.list', {})).filter((d) => d.name.includes('あああ'));
      expect(listed.map((d) => d.name)).toEqual([
        long,
        `${long.slice(0, 97)}（2）`,
        `${long.slice(0, 97)}（3）`,
        nearly,
        `${nearly.slice(0, 97)}（2）`,
      ]);
      for (const d of listed.slice(1)) {
        const detail = await core.call('survey.definitions.get', { id: d.id });
        expect(detail.definition.name).toBe(d.name);
        const saved = await core.dispatch('survey.definitions.save', {
          id: d.id,
          definition: { ...detail.definition, description: '令和7年度版' },
          revision: detail.revision,
        });
        expect(saved).toMatchObject({ ok: true });
      }
    });
  }
});
