/**
 * The 文書番号 register: per fiscal year the prefix and the next number, and
 * every number issued. Numbers are taken inside the mutation that records the
 * letter (one transaction with its audit entry), in order, never twice (the
 * register's unique key refuses a second use), and never given back: the
 * journal leaves `*_register` tables alone, so an undo keeps the number taken.
 */
import { RenkeiError } from '@shared/contract';
import type { DocumentRegister, DocumentRegisterEntry, LetterIssueInput } from '@shared/contract/subsidy';
import type { IsoDate } from '@shared/dates';
import { type FiscalYear, fiscalYearOf, formatFiscalYear } from '@shared/fiscal-year';
import { isIssuedLetter, LETTER_LABELS, LETTER_STEP, type LetterKind, REFUND_DAYS } from '@shared/subsidy/letters';
import { deriveState, STEP_KIND_LABELS } from '@shared/subsidy/lifecycle';
import { formatWareki } from '@shared/wareki';
import type { Actor, AuditRecord } from '../kernel/audit';
import type { Reader, Trx } from '../kernel/db/schema';
import { readSettings } from '../kernel/settings';
import { claimVersion, firstSave, withoutVersion } from '../kernel/versions';
import { lifecycleSteps, recipientOf, subsidyCenters, yearSteps } from './read';

type Audit = (record: AuditRecord) => void;

const yearText = (fy: number) => formatFiscalYear(fy as FiscalYear);
const wareki = (date: string) => formatWareki(date as IsoDate);

/** 「新医薬第」 + 123 → 「新医薬第123号」 */
export const documentNumberOf = (prefix: string, number: number) => `${prefix}${number}号`;

function toEntry(row: {
  id: number;
  fiscalYear: number;
  subsidyYear: number;
  number: number;
  documentNumber: string;
  issuedOn: string;
  letterKind: string;
  document: string;
  addressee: string;
  centerId: number;
  stepId: number;
  dueOn: string | null;
  issuedBy: string;
  createdAt: string;
}): DocumentRegisterEntry {
  return { ...row, letterKind: row.letterKind as LetterKind };
}

export async function readRegister(db: Reader, fiscalYear: number): Promise<DocumentRegister> {
  const series = await db.selectFrom('documentSeriesRegister').selectAll().where('fiscalYear', '=', fiscalYear).executeTakeFirst();
  const rows = await db.selectFrom('documentRegister').selectAll().where('fiscalYear', '=', fiscalYear).orderBy('number').execute();
  return {
    fiscalYear,
    prefix: series?.prefix ?? null,
    nextNumber: series?.nextNumber ?? null,
    version: series?.version ?? 0,
    entries: rows.map(toEntry),
  };
}

/** The entries by id, in the order given (a batch prints in number order). */
export async function registerEntries(db: Reader, ids: readonly number[]): Promise<DocumentRegisterEntry[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('documentRegister').selectAll().where('id', 'in', ids).orderBy('number').execute();
  return rows.map(toEntry);
}

/**
 * The prefix and the next number; the next number never goes back to one already issued. The first save makes
 * version 1, so of two people setting up the year the second is refused like any stale save.
 */
export async function saveSeries(
  db: Trx,
  input: { fiscalYear: number; prefix: string; nextNumber: number; version?: number | undefined },
  audit: Audit,
  now: Date,
): Promise<DocumentRegister> {
  const before = await db.selectFrom('documentSeriesRegister').selectAll().where('fiscalYear', '=', input.fiscalYear).executeTakeFirst();
  const last = await db
    .selectFrom('documentRegister')
    .select((eb) => eb.fn.max('number').as('last'))
    .where('fiscalYear', '=', input.fiscalYear)
    .executeTakeFirst();
  const issued = Number(last?.last ?? 0);
  if (input.nextNumber <= issued) {
    throw new RenkeiError(
      'validation',
      `${yearText(input.fiscalYear)}は第${issued}号まで発番済みです。次の番号は${issued + 1}以上にしてください（一度使った番号は使えません）。`,
      { path: ['nextNumber'] },
    );
  }
  const row = { prefix: input.prefix, nextNumber: input.nextNumber };
  if (before) {
    const what = `${yearText(input.fiscalYear)}の文書番号の設定`;
    const key = { fiscalYear: input.fiscalYear };
    const claim = {
      table: 'documentSeriesRegister',
      key,
      expected: input.version,
      entity: 'document_series',
      entityId: input.fiscalYear,
      what,
    } as const;
    await claimVersion(db, claim, now);
    await db.updateTable('documentSeriesRegister').set(row).where('fiscalYear', '=', input.fiscalYear).execute();
  } else {
    await firstSave(
      db
        .insertInto('documentSeriesRegister')
        .values({ fiscalYear: input.fiscalYear, ...row, version: 1 })
        .execute(),
    );
  }
  audit({
    entity: 'document_series',
    entityId: input.fiscalYear,
    before: withoutVersion(before),
    after: { fiscalYear: input.fiscalYear, ...row },
  });
  return readRegister(db, input.fiscalYear);
}

function addDays(date: IsoDate, days: number): IsoDate {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10) as IsoDate;
}

/**
 * A number for each center's letter of the kind, in the order of the 台帳,
 * consecutively from the next number of the series of the 年度 the letter is
 * dated in (文書管理 numbers by the year of issue: an R5 額の確定通知書 dated
 * in May 2024 takes R6's, as an R6 letter of June does), dated no earlier than the step
 * each reports. A letter already numbered (the same kind on the same step)
 * keeps its number and its date: printing it again issues none. All centers
 * (no ids) means those whose steps call for the letter.
 */
export async function issueLetters(
  db: Trx,
  input: LetterIssueInput,
  audit: Audit,
  actor: Actor,
  now: Date,
): Promise<DocumentRegisterEntry[]> {
  const kind = input.kind;
  if (!isIssuedLetter(kind)) {
    throw new RenkeiError('validation', `${LETTER_LABELS[kind]}はセンターが提出する書類です。文書番号は県の発出文書にだけ付けます。`, {
      path: ['kind'],
    });
  }
  const steps = await yearSteps(db, input.fiscalYear);
  const centers = (await subsidyCenters(db)).filter((c) => input.centerIds.length === 0 || input.centerIds.includes(c.id));
  const wanted = centers.flatMap((center) => {
    const own = steps.get(center.id) ?? [];
    const step = own.findLast((s) => s.kind === LETTER_STEP[kind]);
    if (!step) return [];
    const state = deriveState(lifecycleSteps(own));
    if (kind === 'refund_order' && state.refundDue === 0) return [];
    if (kind === 'additional_notice' && state.additionalDue === 0) return [];
    return [{ center, step }];
  });
  if (wanted.length === 0) {
    const which = input.centerIds.length === 1 ? (centers[0]?.name ?? 'このセンター') : '対象のセンター';
    throw new RenkeiError(
      'not_found',
      `${which}には${yearText(input.fiscalYear)}の${LETTER_LABELS[kind]}の元になる手続き（${kind === 'refund_order' ? '返還額のある額の確定' : kind === 'additional_notice' ? '追加交付額のある額の確定' : LETTER_LABELS[kind].replace(/通知書$/, '')}）がありません。先に手続きを登録してください。`,
    );
  }
  const letters = [];
  for (const { center, step } of wanted) {
    const existing = await db
      .selectFrom('documentRegister')
      .selectAll()
      .where('letterKind', '=', kind)
      .where('stepId', '=', step.id)
      .executeTakeFirst();
    letters.push({ center, step, existing });
  }
  // Only a letter numbered now takes the date: one numbered before keeps its own, which the screen tells.
  const early = letters.filter((l) => !l.existing && l.step.datedOn > input.date);
  if (early.length > 0) {
    const step = STEP_KIND_LABELS[LETTER_STEP[kind]];
    const latest = early
      .map((l) => l.step.datedOn)
      .sort()
      .at(-1)!;
    const which = early.map((l) => `${l.center.name}（${wareki(l.step.datedOn)}）`).join('、');
    throw new RenkeiError(
      'validation',
      `文書の日付: ${wareki(input.date)}は、この${LETTER_LABELS[kind]}が通知する${step}の日付より前です（${which}）。${wareki(latest)}以降の日付にしてください。`,
      { path: ['date'] },
    );
  }
  const seriesYear = fiscalYearOf(input.date as IsoDate);
  const series = await db.selectFrom('documentSeriesRegister').selectAll().where('fiscalYear', '=', seriesYear).executeTakeFirst();
  // Letters numbered before keep their numbers: printing them again asks for no series. The refusal names the letters
  // that would take a new one, so that those numbered before can still be printed center by center.
  const unnumbered = letters.filter((l) => !l.existing);
  if (!series && unnumbered.length > 0) {
    const which =
      unnumbered.length === letters.length ? '' : `（新しく番号を取る文書：${unnumbered.map((l) => l.center.name).join('、')}）`;
    const dated =
      seriesYear === input.fiscalYear
        ? ''
        : `文書の日付（${wareki(input.date)}）は${yearText(seriesYear)}のため、その年度の番号を取ります。`;
    throw new RenkeiError(
      'validation',
      `${yearText(seriesYear)}の文書番号の設定がありません${which}。${dated}補助金の「文書番号台帳」で頭書き（例：新医薬第）と次の番号を設定してください。`,
      { path: seriesYear === input.fiscalYear ? ['fiscalYear'] : ['date'] },
    );
  }
  const issued: DocumentRegisterEntry[] = [];
  const presidents = (await readSettings(db)).associationPresidents;
  const first = series?.nextNumber ?? 0;
  let next = first;
  for (const { center, step, existing } of letters) {
    if (existing) {
      issued.push(toEntry(existing));
      continue;
    }
    const row = {
      fiscalYear: seriesYear,
      subsidyYear: input.fiscalYear,
      number: next,
      documentNumber: documentNumberOf(series!.prefix, next),
      issuedOn: input.date,
      letterKind: kind,
      document: LETTER_LABELS[kind],
      addressee: (await recipientOf(db, center.id, presidents)).addressee,
      centerId: center.id,
      stepId: step.id,
      dueOn: kind === 'refund_order' ? (input.dueOn ?? addDays(input.date as IsoDate, REFUND_DAYS)) : null,
      issuedBy: actor.displayName || actor.osUser,
      createdAt: now.toISOString(),
    };
    const { id } = await db.insertInto('documentRegister').values(row).returning('id').executeTakeFirstOrThrow();
    audit({ entity: 'document_register', entityId: row.documentNumber, before: null, after: { ...row, center: center.name } });
    issued.push(toEntry({ id, ...row }));
    next += 1;
  }
  if (next !== first) {
    await db
      .updateTable('documentSeriesRegister')
      .set((eb) => ({ nextNumber: next, version: eb('version', '+', 1) }))
      .where('fiscalYear', '=', seriesYear)
      .execute();
  }
  return issued;
}
