/**
 * 調査 forms by the thousand: a round of the clinic survey sent to 2,000
 * clinics as workbooks written to a folder, then all 2,000 returned files
 * previewed and committed in one batch, as the screen runs them (preview,
 * then commit of the same files) — min / median of 3 rounds, each a new round
 * of the same clinics. Each form comes pre-filled from the clinic's answer in
 * the round before, and goes back as it came: a clinic whose situation has
 * not changed. The reference, measured in the same run, is a fixed piece of
 * single-core work (deflating 32 MiB), so runs on a busy machine compare by
 * their ratio.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import BetterSqlite3 from 'better-sqlite3';
import { Core } from '@core/core';
import { institutionNameOrder } from '@shared/masters/model';
import type { Answers } from '@shared/survey/answers';
import { AGE_BANDS, CLINIC_HOME_CARE_KEY } from '@shared/survey/seeds';

const CLINICS = 2000;

/** Rounds measured; fewer (e.g. 1 while profiling) with RENKEI_BENCH_REPEATS. */
const REPEATS = Number(process.env.RENKEI_BENCH_REPEATS ?? 3);

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** 32 MiB of text-like bytes, deflated: the same single-core work in every run. */
function reference(): number {
  const bytes = Buffer.alloc(32 * 1024 * 1024);
  for (let i = 0; i < bytes.length; i += 1) bytes[i] = 97 + ((i * 2_654_435_761) >>> 27);
  const t0 = performance.now();
  zlib.deflateSync(bytes, { level: 6 });
  return performance.now() - t0;
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
    const insert = raw.prepare("INSERT INTO institution (code, name, kind, name_order) VALUES (?, ?, 'clinic', ?)");
    for (let i = 1; i <= CLINICS; i += 1)
      insert.run(`99${String(i).padStart(8, '0')}`, `ベンチ診療所${i}`, institutionNameOrder(`ベンチ診療所${i}`));
  })();
  raw.close();

  const core = await Core.open({ dbPath });
  const definitionId = (await core.call('survey.definitions.list', {})).find((d) => d.key === CLINIC_HOME_CARE_KEY)!.id;
  const before = await core.call('survey.rounds.create', { definitionId, fiscalYear: 2023, referenceDate: '2023-10-01' });
  await core.call('survey.answers.saveMany', {
    roundId: before.id,
    entries: before.targets.map((t, i) => ({ targetId: t.id, answers: answersOf(i) })),
  });
  const times = { write: [] as number[], preview: [] as number[], commit: [] as number[] };
  // CPU time of the whole process (every thread), to tell a slower step from a busier machine.
  const cpu = { write: [] as number[], preview: [] as number[], commit: [] as number[] };
  const cpuSince = (start: NodeJS.CpuUsage) => {
    const used = process.cpuUsage(start);
    return (used.user + used.system) / 1000;
  };
  const references: number[] = [];
  for (let r = 0; r < REPEATS; r += 1) {
    references.push(reference());
    const round = await core.call('survey.rounds.create', { definitionId, fiscalYear: 2025 + r, referenceDate: `${2025 + r}-10-01` });
    const out = path.join(dir, `survey-forms-${r}`);
    let c0 = process.cpuUsage();
    let t0 = performance.now();
    const written = await core.call('survey.forms.write', { roundId: round.id, dir: out });
    times.write.push(performance.now() - t0);
    cpu.write.push(cpuSince(c0));
    if (written.files.length !== CLINICS || written.files.some((f) => f.prefill === null)) throw new Error('not every form was pre-filled');

    const files = written.files.map((f) => ({ fileName: f.fileName, data: fs.readFileSync(f.path).toString('base64') }));
    c0 = process.cpuUsage();
    t0 = performance.now();
    const preview = await core.call('survey.files.preview', { roundId: round.id, files });
    times.preview.push(performance.now() - t0);
    cpu.preview.push(cpuSince(c0));
    if (preview.counts.accepted !== CLINICS) throw new Error(`previewed ${JSON.stringify(preview.counts)}, expected ${CLINICS} accepted`);

    c0 = process.cpuUsage();
    t0 = performance.now();
    const committed = await core.call('survey.files.commit', { roundId: round.id, files });
    times.commit.push(performance.now() - t0);
    cpu.commit.push(cpuSince(c0));
    if (committed.tracker.valid !== CLINICS) throw new Error(`committed ${committed.tracker.label}, expected ${CLINICS}`);
    fs.rmSync(out, { recursive: true, force: true });
  }
  await core.close();
  references.push(reference());
  const ref = median(references);
  line(
    `survey forms: reference, deflate 32 MiB on one core (min / median of ${references.length})`,
    `${Math.min(...references).toFixed(0)} / ${ref.toFixed(0)} ms`,
  );
  const n = CLINICS.toLocaleString('en-US');
  const figure = (step: keyof typeof times) =>
    `min ${(Math.min(...times[step]) / 1000).toFixed(2)} s / median ${(median(times[step]) / 1000).toFixed(2)} s (goal < 6 s); ${(CLINICS / (median(times[step]) / 1000)).toFixed(0)} files/s; ${(median(times[step]) / ref).toFixed(1)}× the reference; CPU of all threads ${(median(cpu[step]) / 1000).toFixed(1)} s`;
  line(`survey forms: write ${n} pre-filled clinic forms to a folder (min / median of ${REPEATS})`, figure('write'));
  line(`survey forms: preview ${n} returned forms (match, read, check)`, figure('preview'));
  line(`survey forms: commit ${n} returned forms after their preview (save with history and audit)`, figure('commit'));
}
