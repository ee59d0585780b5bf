/**
 * A round's forms as files: one workbook per target, named in Japanese with
 * the target's name, pre-filled with the target's answer already saved in
 * this round (a form sent again to correct it) or else its answer in the
 * round before, kept to the questions asked alike. Written to a new folder,
 * or packed into one zip for a browser to download.
 */
import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import type { Reader } from '@core/kernel/db/schema';
import type { Job } from '@core/kernel/jobs/job';
import { inWorkers } from '@core/kernel/jobs/offload';
import { readSettings } from '@core/kernel/settings';
import { RenkeiError } from '@shared/contract';
import type { SurveyRoundDetail } from '@shared/contract/survey';
import type { SurveyFormPrefill } from '@shared/contract/survey-io';
import { fiscalYear, formatFiscalYear } from '@shared/fiscal-year';
import type { Answers } from '@shared/survey/answers';
import { fileNamePart } from '@shared/text/file-name';
import { previousAnswersOf, roundDetail, roundRow } from '../read';
import type { FormInput } from './form';
import { type FormsPayload, writeFormsOf } from './form-task';
import { formDigest, roundTokens } from './identifier';

export interface FormFile {
  targetId: string;
  targetName: string;
  fileName: string;
  bytes: Buffer;
  prefill: SurveyFormPrefill;
}

export const ZIP_MIME = 'application/zip';

/** 「センター人員配置状況調査_令和5年度」: the start of every file and folder name of a round. */
export function roundFileStem(round: Pick<SurveyRoundDetail, 'definitionName' | 'fiscalYear'>): string {
  return fileNamePart(`${round.definitionName}_${formatFiscalYear(fiscalYear(round.fiscalYear))}`);
}

/** Past this many forms a batch is written on the workers (a worker's start is worth it only for a batch). */
const FORMS_IN_PLACE = 50;

/** The workbooks of a batch of forms, in order: on the workers for a batch, in place for a few. */
async function writeAll(payload: FormsPayload, job: Job | undefined): Promise<Buffer[]> {
  if (!job || payload.forms.length <= FORMS_IN_PLACE) return (await writeFormsOf(payload)).map((b) => Buffer.from(b));
  const parts = await inWorkers(
    payload.forms,
    // A form is about 40 KB as written (stored, not deflated).
    (forms) => ({
      task: 'domain',
      name: 'survey.forms',
      payload: { ...payload, forms },
      label: `調査票 ${forms.length} 件`,
      size: forms.length * 40_000,
    }),
    job,
    FORMS_IN_PLACE,
  );
  return parts.flatMap((part) => (part as Uint8Array[]).map((b) => Buffer.from(b.buffer, b.byteOffset, b.byteLength)));
}

/**
 * The forms of a round's targets (all of them unless `targetIds`), in the
 * 台帳's order. Two targets of the same name get their code (or id) after it.
 * With a job, a batch's workbooks are written on the workers (both cores).
 */
export async function roundForms(
  db: Reader,
  roundId: number,
  targetIds?: readonly string[],
  job?: Job,
): Promise<{ round: SurveyRoundDetail; files: FormFile[] }> {
  const round = await roundDetail(db, roundId);
  const row = await roundRow(db, roundId);
  if (targetIds) {
    const members = new Set(round.targets.map((t) => t.id));
    const unknown = targetIds.filter((t) => !members.has(t));
    if (unknown.length > 0) {
      throw new RenkeiError(
        'validation',
        `対象「${unknown.slice(0, 5).join('、')}」${unknown.length > 5 ? ` ほか${unknown.length - 5}件` : ''}はこの回の対象ではありません。回の対象を確かめてください。`,
        {
          path: ['targetIds', targetIds.indexOf(unknown[0]!)],
        },
      );
    }
  }
  const wanted = targetIds ? round.targets.filter((t) => targetIds.includes(t.id)) : round.targets;
  const tokens = await roundTokens(db, roundId);
  const settings = await readSettings(db);
  const contact = [settings.organization, settings.personInCharge].filter(Boolean).join('　');
  const saved = new Map(
    (await db.selectFrom('surveyAnswer').select(['targetId', 'answers', 'savedAt']).where('roundId', '=', roundId).execute()).map((a) => [
      a.targetId,
      a,
    ]),
  );
  const stem = roundFileStem(round);
  const earlier = await previousAnswersOf(
    db,
    row,
    wanted.filter((t) => !saved.has(t.id)).map((t) => t.id),
  );
  const names = new Set<string>();
  const forms: FormsPayload['forms'] = [];
  const files: Omit<FormFile, 'bytes'>[] = [];
  for (const target of wanted) {
    const current = saved.get(target.id);
    let prefill: FormInput['prefill'] = null;
    if (current) {
      prefill = { answers: JSON.parse(current.answers) as Answers, from: { kind: 'current', savedAt: current.savedAt } };
    } else {
      const previous = earlier.get(target.id);
      if (previous && Object.keys(previous.answers).length > 0)
        prefill = { answers: previous.answers, from: { kind: 'previous', roundId: previous.roundId, fiscalYear: previous.fiscalYear } };
    }
    const identity = { roundId, targetId: target.id, versionId: round.versionId };
    forms.push({ target, identity, digest: formDigest(identity, tokens.get(target.id)!), prefill });
    let fileName = `${stem}_${fileNamePart(target.name)}.xlsx`;
    if (names.has(fileName)) fileName = `${stem}_${fileNamePart(target.name)}_${fileNamePart(target.code ?? target.id)}.xlsx`;
    names.add(fileName);
    files.push({ targetId: target.id, targetName: target.name, fileName, prefill: prefill?.from ?? null });
  }
  const { definition, definitionName, fiscalYear: year, referenceDate, title } = round;
  const bytes = await writeAll({ definition, round: { definitionName, fiscalYear: year, referenceDate, title }, contact, forms }, job);
  return { round, files: files.map((f, i) => ({ ...f, bytes: bytes[i]! })) };
}

/** 「調査票/<調査名>_<年度>_<日付>」 beside the database, with 「_2」「_3」… when that folder is already there. */
export function defaultFormsFolder(dbPath: string, round: SurveyRoundDetail, day: string): string {
  const base = path.join(path.dirname(dbPath), '調査票', `${roundFileStem(round)}_${day}`);
  let dir = base;
  for (let n = 2; fs.existsSync(dir); n += 1) dir = `${base}_${n}`;
  return dir;
}

/** The forms in one zip; stored without compressing again, as each workbook is a zip already. */
export async function zipForms(files: readonly FormFile[]): Promise<Buffer> {
  const zip = new JSZip();
  for (const f of files) zip.file(f.fileName, f.bytes, { binary: true });
  return zip.generateAsync({ type: 'nodebuffer', compression: 'STORE' });
}
