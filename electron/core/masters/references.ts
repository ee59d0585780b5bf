/**
 * What refers to a record, so a delete can be refused with a message that
 * says what would be left dangling.
 */
import { type RawBuilder, sql } from 'kysely';
import { RenkeiError } from '@shared/contract';
import type { Trx } from '../kernel/db/schema';

type Key = string | number;

interface Referrer {
  label: string;
  names: (key: Key) => RawBuilder<{ name: string }>;
}

/** The survey rounds that go to a 台帳 record of a kind: their answers and forms name it. */
const surveyRounds = (kind: string) => ({
  label: '調査の回の送り先',
  names: (k: Key) =>
    sql<{
      name: string;
    }>`SELECT DISTINCT r.fiscal_year || '年度 ' || v.name AS name FROM survey_round_target t JOIN survey_round r ON r.id = t.round_id JOIN survey_definition_version v ON v.id = r.version_id WHERE v.target_kind = ${kind} AND t.target_id = ${String(k)}`,
});

const REFERRERS = {
  municipality: [
    { label: '医療機関', names: (k) => sql`SELECT name FROM institution WHERE municipality_code = ${k} ORDER BY name` },
    {
      label: '医師会',
      names: (k) =>
        sql`SELECT m.name FROM association_member a JOIN medical_association m ON m.id = a.association_id WHERE a.municipality_code = ${k}`,
    },
    {
      label: 'センター',
      names: (k) => sql`SELECT c.name FROM center_member cm JOIN center c ON c.id = cm.center_id WHERE cm.municipality_code = ${k}`,
    },
    { label: '圏域', names: (k) => sql`SELECT a.name FROM area_member m JOIN area a ON a.id = m.area_id WHERE m.municipality_code = ${k}` },
    {
      label: '在宅医療・介護連携推進事業',
      names: (k) => sql`SELECT DISTINCT fiscal_year || '年度' AS name FROM linkage_item WHERE municipality_code = ${k}`,
    },
    surveyRounds('municipality'),
  ],
  area: [
    {
      label: '構成市町村',
      names: (k) => sql`SELECT mu.name FROM area_member m JOIN municipality mu ON mu.code = m.municipality_code WHERE m.area_id = ${k}`,
    },
    { label: '下位の圏域', names: (k) => sql`SELECT name FROM area WHERE parent_id = ${k}` },
    {
      label: '積極的役割を担う医療機関の指定',
      names: (k) => sql`SELECT i.name FROM designation d JOIN institution i ON i.id = d.institution_id WHERE d.area_id = ${k}`,
    },
  ],
  association: [{ label: 'センター（運営主体）', names: (k) => sql`SELECT name FROM center WHERE operator_association_id = ${k}` }],
  center: [
    {
      label: '在宅医療・介護連携推進事業の委託元',
      names: (k) =>
        sql`SELECT DISTINCT mu.name FROM linkage_item l JOIN municipality mu ON mu.code = l.municipality_code WHERE l.center_id = ${k}`,
    },
    {
      label: '補助金の手続き',
      names: (k) => sql`SELECT DISTINCT fiscal_year || '年度' AS name FROM subsidy_step WHERE center_id = ${k} ORDER BY fiscal_year`,
    },
    surveyRounds('center'),
  ],
  institution: [
    {
      label: '積極的役割を担う医療機関の指定',
      names: (k) => sql`SELECT '指定日 ' || designated_on AS name FROM designation WHERE institution_id = ${k}`,
    },
    {
      label: '他の指定の連携先',
      names: (k) =>
        sql`SELECT i.name FROM designation_partner p JOIN designation d ON d.id = p.designation_id JOIN institution i ON i.id = d.institution_id WHERE p.institution_id = ${k}`,
    },
    surveyRounds('institution'),
  ],
} satisfies Record<string, Referrer[]>;

/** Throws a `refused` error naming every kind of record that still refers to `key`. */
export async function refuseIfReferenced(db: Trx, entity: keyof typeof REFERRERS, key: Key, displayName: string): Promise<void> {
  const found: string[] = [];
  for (const referrer of REFERRERS[entity] as Referrer[]) {
    const names = (await referrer.names(key).execute(db)).rows.map((r) => r.name);
    if (names.length > 0) {
      const shown = names.slice(0, 3).join('、') + (names.length > 3 ? ` ほか${names.length - 3}件` : '');
      found.push(`${referrer.label} ${names.length}件（${shown}）`);
    }
  }
  if (found.length > 0) {
    throw new RenkeiError(
      'refused',
      `「${displayName}」は次から参照されているため削除できません: ${found.join('／')}。先に参照を外してください。`,
    );
  }
}
