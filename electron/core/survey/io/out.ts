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
import { readSettings } from '@core/kernel/settings';
import { RenkeiError } from '@shared/contract';
import type { SurveyRoundDetail } from '@shared/contract/survey';
import type { SurveyFormPrefill } from '@shared/contract/survey-io';
import { fiscalYear, formatFiscalYear } from '@shared/fiscal-year';
import type { Answers } from '@shared/survey/answers';
import { previousAnswers, roundDetail, roundRow } from '../read';
import { writeForm } from './form';
import { formDigest, roundTokens } from './identifier';
import { formLayout } from './layout';

export interface FormFile {
  targetId: string;
  targetName: string;
  fileName: string;
  bytes: Buffer;
  prefill: SurveyFormPrefill;
}

export const ZIP_MIME = 'application/zip';

/** A file name Windows accepts: its forbidden characters become 「_」. */
function safeName(text: string): string {
  return text.replace(/[\\/:*?"<>|\x00-\x1f]+/g, '_').trim();
}

/** 「センター人員配置状況調査_令和5年度」: the start of every file and folder name of a round. */
export function roundFileStem(round: Pick<SurveyRoundDetail, 'definitionName' | 'fiscalYear'>): string {
  return safeName(`${round.definitionName}_${formatFiscalYear(fiscalYear(round.fiscalYear))}`);
}

/**
 * The forms of a round's targets (all of them unless `targetIds`), in the
 * 台帳's order. Two targets of the same name get their code (or id) after it.
 */
export async function roundForms(
  db: Reader,
  roundId: number,
  targetIds?: readonly string[],
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
  const layout = formLayout(round.definition);
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
  const names = new Set<string>();
  const files: FormFile[] = [];
  for (const target of wanted) {
    const current = saved.get(target.id);
    let prefill: { answers: Answers; from: NonNullable<SurveyFormPrefill> } | null = null;
    if (current) {
      prefill = { answers: JSON.parse(current.answers) as Answers, from: { kind: 'current', savedAt: current.savedAt } };
    } else {
      const previous = await previousAnswers(db, row, target.id);
      if (previous && Object.keys(previous.answers).length > 0)
        prefill = { answers: previous.answers, from: { kind: 'previous', roundId: previous.roundId, fiscalYear: previous.fiscalYear } };
    }
    const identity = { roundId, targetId: target.id, versionId: round.versionId };
    const bytes = await writeForm({
      definition: round.definition,
      layout,
      round,
      target,
      identity,
      digest: formDigest(identity, tokens.get(target.id)!),
      prefill,
      contact,
    });
    let fileName = `${stem}_${safeName(target.name)}.xlsx`;
    if (names.has(fileName)) fileName = `${stem}_${safeName(target.name)}_${safeName(target.code ?? target.id)}.xlsx`;
    names.add(fileName);
    files.push({ targetId: target.id, targetName: target.name, fileName, bytes, prefill: prefill?.from ?? null });
  }
  return { round, files };
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
