/**
 * 調査 figures: a round of 2,000 clinics × 40 answers aggregated by 二次医療圏 —
 * the pure aggregation (goal < 50 ms) and the whole `survey.aggregate` query
 * a results screen waits for (reading and parsing the stored answers too).
 */
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Core } from '@core/core';
import { institutionNameOrder } from '@shared/masters/model';
import { aggregateRound } from '@shared/survey/aggregate';
import type { Answers } from '@shared/survey/answers';
import { type Question, type SurveyDefinition, surveyDefinitionSchema } from '@shared/survey/definition';
import { CLINIC_HOME_CARE } from '@shared/survey/seeds';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const CLINICS = 2_000;
const QUESTIONS = 40;

/** The shipped clinic survey plus number and choice questions up to 40 questions, one answer each. */
function benchDefinition(): SurveyDefinition {
  const base = surveyDefinitionSchema.parse(CLINIC_HOME_CARE);
  const extra: Question[] = [];
  for (let i = base.questions.length; i < QUESTIONS; i += 1) {
    extra.push(
      i % 3 === 0
        ? {
            code: `q${i}`,
            label: `選択${i}`,
            type: 'choice',
            required: false,
            help: '',
            when: null,
            choices: ['a', 'b', 'c', 'd', 'e'].map((c) => ({ code: c, label: c.toUpperCase() })),
          }
        : i % 3 === 1
          ? {
              code: `q${i}`,
              label: `複数${i}`,
              type: 'multi',
              required: false,
              help: '',
              when: null,
              maxSelected: null,
              choices: ['a', 'b', 'c', 'd'].map((c) => ({ code: c, label: c.toUpperCase() })),
            }
          : {
              code: `q${i}`,
              label: `人数${i}`,
              type: 'integer',
              required: false,
              help: '',
              when: null,
              min: 0,
              max: 999,
              warnAbove: null,
              unit: '人',
            },
    );
  }
  // A name of its own: the demo prefecture, loaded beside it, has the clinic survey, and survey names are unique.
  return { ...base, name: `${base.name}（40問・ベンチ）`, questions: [...base.questions, ...extra] };
}

function benchAnswers(def: SurveyDefinition, i: number): Answers {
  const answers: Answers = {};
  for (const [k, q] of def.questions.entries()) {
    const pick = (i * 31 + k * 17) % 97;
    if (q.type === 'choice') answers[q.code] = q.choices[pick % q.choices.length]!.code;
    else if (q.type === 'multi') answers[q.code] = q.choices.filter((_c, c) => (pick >> c) % 2 === 1).map((c) => c.code);
    else if (q.type === 'integer') answers[q.code] = pick % 12;
  }
  return answers;
}

export async function benchSurvey(dir: string, line: (label: string, value: string) => void): Promise<void> {
  const def = benchDefinition();
  const responses = Array.from({ length: CLINICS }, (_v, i) => ({ targetId: String(i + 1), answers: benchAnswers(def, i) }));
  const answerCount = responses.reduce((n, r) => n + Object.keys(r.answers).length, 0);
  const groupOf = new Map(responses.map((r, i) => [r.targetId, String((i % 7) + 1)]));
  const times: number[] = [];
  for (let i = 0; i < 30; i += 1) {
    const t0 = performance.now();
    aggregateRound(def, responses, { groupOf, order: ['1', '2', '3', '4', '5', '6', '7'] });
    times.push(performance.now() - t0);
  }
  line(
    `survey round aggregated by 二次医療圏 (${CLINICS.toLocaleString('en-US')} clinics × ${QUESTIONS} questions, ${answerCount.toLocaleString('en-US')} answers, median of 30)`,
    `${median(times).toFixed(2)} ms (goal < 50 ms)`,
  );

  // The demo prefecture's 台帳 through the core; the clinics, the round and its answers straight into SQLite, as an import would write them.
  const dbPath = path.join(dir, 'survey.sqlite');
  const setup = await Core.open({ dbPath });
  await setup.call('app.demo.load', {});
  const definitionId = (await setup.call('survey.definitions.save', { definition: def })).id;
  await setup.close();
  const raw = new BetterSqlite3(dbPath);
  const codes = (raw.prepare('SELECT code FROM municipality ORDER BY code').all() as { code: string }[]).map((r) => r.code);
  const version = (raw.prepare('SELECT id FROM survey_definition_version WHERE definition_id = ?').get(definitionId) as { id: number }).id;
  let roundId = 0;
  raw.transaction(() => {
    const institution = raw.prepare(
      "INSERT INTO institution (name, kind, municipality_code, address, home_care_support, enhanced, search_key, name_order) VALUES (?, 'clinic', ?, '', 0, 0, ?, ?)",
    );
    const target = raw.prepare('INSERT INTO survey_round_target (round_id, target_id, token) VALUES (?, ?, ?)');
    const answer = raw.prepare(
      "INSERT INTO survey_answer (round_id, target_id, answers, source, saved_at, saved_by) VALUES (?, ?, ?, 'file', '2025-10-01T00:00:00Z', 'bench')",
    );
    roundId = Number(
      raw
        .prepare(
          "INSERT INTO survey_round (definition_id, version_id, fiscal_year, reference_date, created_at) VALUES (?, ?, 2025, '2025-10-01', '2025-10-01T00:00:00Z')",
        )
        .run(definitionId, version).lastInsertRowid,
    );
    for (const [i, r] of responses.entries()) {
      const name = `ベンチ診療所${i}`;
      const id = String(
        institution.run(name, codes[i % codes.length], `べんちしんりょうじょ${i}`, institutionNameOrder(name)).lastInsertRowid,
      );
      target.run(roundId, id, `bench-${i}`);
      answer.run(roundId, id, JSON.stringify(r.answers));
    }
  })();
  raw.close();
  const core = await Core.open({ dbPath });
  const query: number[] = [];
  for (let i = 0; i < 10; i += 1) {
    const t0 = performance.now();
    const result = await core.call('survey.aggregate', { roundId, areaKind: 'secondary' });
    query.push(performance.now() - t0);
    if (result.aggregate.whole.respondents !== CLINICS)
      throw new Error(`aggregated ${result.aggregate.whole.respondents} clinics, expected ${CLINICS}`);
  }
  line(
    `survey.aggregate query, the same round by 二次医療圏 read from the database (min / median of 10)`,
    `${Math.min(...query).toFixed(0)} / ${median(query).toFixed(0)} ms (goal < 40 ms)`,
  );
  await core.close();
}
