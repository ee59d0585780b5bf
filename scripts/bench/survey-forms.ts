/**
 * 調査 forms by the thousand: a round of the clinic survey sent to 2,000
 * clinics as workbooks written to a folder, then all 2,000 returned files
 * previewed and committed in one batch — files per second for each step.
 * Each form comes pre-filled from the clinic's answer in the round before,
 * and goes back as it came: a clinic whose situation has not changed.
 */
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Core } from '@core/core';
import type { Answers } from '@shared/survey/answers';
import { AGE_BANDS, CLINIC_HOME_CARE_KEY } from '@shared/survey/seeds';

const CLINICS = 2000;

function perSecond(count: number, ms: number): string {
  return `${(count / (ms / 1000)).toFixed(1)} files/s (${(ms / 1000).toFixed(1)} s)`;
}

/** A plausible answer: every fifth clinic does no home visits; the others some doctors and a few wishes. */
function answersOf(i: number): Answers {
  if (i % 5 === 0) return { visits_now: 'none', visits_in_5_years: 'none', helps: ['fees'] };
  return {
    visits_now: i % 3 === 0 ? 'visit_only' : 'both',
    visits_in_5_years: i % 7 === 0 ? 'none' : 'both',
    ...Object.fromEntries(AGE_BANDS.map((b, k) => [b.code, (i + k) % 3])),
    first_call: i % 4 === 0 ? ['doctor', 'nurse'] : ['doctor'],
    helps: ['more_doctors', 'nursing_station', ...(i % 2 === 0 ? ['hospital'] : [])],
  };
}

export async function benchSurveyForms(dir: string, line: (label: string, value: string) => void): Promise<void> {
  const dbPath = path.join(dir, 'survey-forms.sqlite');
  // The schema through the core; the clinics straight into SQLite, as a 台帳 import would leave them.
  await (await Core.open({ dbPath })).close();
  const raw = new BetterSqlite3(dbPath);
  raw.transaction(() => {
    const insert = raw.prepare("INSERT INTO institution (code, name, kind) VALUES (?, ?, 'clinic')");
    for (let i = 1; i <= CLINICS; i += 1) insert.run(`99${String(i).padStart(8, '0')}`, `ベンチ診療所${i}`);
  })();
  raw.close();

  const core = await Core.open({ dbPath });
  const definitionId = (await core.call('survey.definitions.list', {})).find((d) => d.key === CLINIC_HOME_CARE_KEY)!.id;
  const before = await core.call('survey.rounds.create', { definitionId, fiscalYear: 2023, referenceDate: '2023-10-01' });
  await core.call('survey.answers.saveMany', {
    roundId: before.id,
    entries: before.targets.map((t, i) => ({ targetId: t.id, answers: answersOf(i) })),
  });
  const round = await core.call('survey.rounds.create', { definitionId, fiscalYear: 2025, referenceDate: '2025-10-01' });

  const out = path.join(dir, 'survey-forms');
  let t0 = performance.now();
  const written = await core.call('survey.forms.write', { roundId: round.id, dir: out });
  line(
    `survey forms: write ${CLINICS.toLocaleString('en-US')} pre-filled clinic forms to a folder`,
    perSecond(written.files.length, performance.now() - t0),
  );

  const files = written.files.map((f) => ({ fileName: f.fileName, data: fs.readFileSync(f.path).toString('base64') }));
  t0 = performance.now();
  const preview = await core.call('survey.files.preview', { roundId: round.id, files });
  line(
    `survey forms: preview ${CLINICS.toLocaleString('en-US')} returned forms (match, read, check)`,
    perSecond(files.length, performance.now() - t0),
  );
  if (preview.counts.accepted !== CLINICS) throw new Error(`previewed ${JSON.stringify(preview.counts)}, expected ${CLINICS} accepted`);

  t0 = performance.now();
  const committed = await core.call('survey.files.commit', { roundId: round.id, files });
  line(
    `survey forms: commit ${CLINICS.toLocaleString('en-US')} returned forms (read again, save with history)`,
    perSecond(committed.saved.length, performance.now() - t0),
  );
  if (committed.tracker.valid !== CLINICS) throw new Error(`committed ${committed.tracker.label}, expected ${CLINICS}`);
  await core.close();
}
