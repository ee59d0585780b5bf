/** `renkei audit`: the audit log, filtered, on screen, as JSON or in a workbook. */
import path from 'node:path';
import { auditLine } from '@shared/audit-log';
import { AUDIT_ENTITIES, AUDIT_SECTIONS, RenkeiError } from '@shared/contract';
import { entityLabel } from '@shared/glossary';
import { sectionLabel } from '@shared/sections';
import { writeFileAtomic } from '../../kernel/output';
import { type Command, choiceOption, dateOption, dbOption, print, withCore } from '../command';

export const auditCommands: Record<string, Command> = {
  audit: {
    summary: '監査ログを表示する（--out で Excel に書き出す）',
    usage: `renkei audit [--db PATH] [--person 担当者] [--section ${AUDIT_SECTIONS.map(sectionLabel).join('|')}] [--entity 対象の種類 [--id 記録]] [--from 日付] [--to 日付] [--limit N] [--json | --out ファイル.xlsx]`,
    options: {
      ...dbOption,
      person: { type: 'string' },
      section: { type: 'string' },
      entity: { type: 'string' },
      id: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      limit: { type: 'string' },
      json: { type: 'boolean' },
      out: { type: 'string' },
    },
    async run({ values }) {
      const section = choiceOption(values.section, 'section', AUDIT_SECTIONS, sectionLabel);
      const entity = choiceOption(values.entity, 'entity', AUDIT_ENTITIES, entityLabel);
      const filter = {
        person: values.person as string | undefined,
        section,
        entity,
        entityId: values.id as string | undefined,
        from: dateOption(values.from),
        to: dateOption(values.to),
      };
      const out = values.out as string | undefined;
      if (out !== undefined && !/\.xlsx$/i.test(out))
        throw new RenkeiError('bad_request', '--out には書き出すファイル名を .xlsx で指定してください');
      await withCore(values, async (core) => {
        if (out) {
          const file = await core.call('audit.export', filter);
          await writeFileAtomic(out, Buffer.from(file.data, 'base64'));
          print(`書き出しました: ${path.resolve(out)}`);
          return;
        }
        const limit = values.limit === undefined ? 100 : Number(values.limit);
        const { entries, total } = await core.call('audit.list', { ...filter, limit });
        if (values.json) {
          print(JSON.stringify({ total, entries }, null, 2));
          return;
        }
        print(`監査ログ ${total} 件中 ${entries.length} 件（新しい順）`);
        for (const e of entries) print(auditLine(e));
      });
    },
  },
};
