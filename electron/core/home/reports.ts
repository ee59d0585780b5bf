/**
 * The report engine's own sample: 「登録状況の概要」, the home page's
 * figures on paper — records per section, the database and its last backup.
 */
import { formatBytes, formatTimestamp } from '@shared/format';
import { SECTIONS } from '@shared/sections';
import { attachmentHeader, type ReportDefinition } from '../kernel/report-definition';
import { homeSummary } from './read';

export const homeReports: Record<string, ReportDefinition> = {
  summary: {
    title: '登録状況の概要',
    section: 'report',
    description: 'ホーム画面の集計（区分ごとの登録件数、データベース、最終バックアップ）を1枚にまとめたもの',
    orientation: 'portrait',
    needsFiscalYear: false,
    dateMeaning: '作成日',
    // The database path, backup time and audit count are the office's own, not a document for the 厚生局.
    internal: true,
    async build(ctx, { date }) {
      const summary = await homeSummary(ctx.db, ctx.core);
      const label = (id: string) => SECTIONS.find((s) => s.id === id)!;
      const counted = summary.sections.filter((s) => s.section !== 'settings');
      const total = counted.reduce((sum, s) => sum + s.records, 0);
      return {
        title: '登録状況の概要',
        header: attachmentHeader(ctx, date, { dateSuffix: '現在' }),
        blocks: [
          {
            type: 'figures',
            items: [
              { label: '登録件数（監査ログを含む）', value: total, format: 'count', unit: '件' },
              { label: 'データベースの大きさ', value: formatBytes(summary.database.sizeBytes), format: 'text' },
              {
                label: '最終バックアップ',
                value: summary.lastBackup ? formatTimestamp(summary.lastBackup.createdAt) : 'なし',
                format: 'text',
              },
            ],
          },
          { type: 'heading', text: '区分ごとの登録件数' },
          {
            type: 'table',
            columns: [
              { key: 'section', header: '区分', format: 'text', width: 12 },
              { key: 'description', header: '内容', format: 'text', width: 44 },
              { key: 'records', header: '件数', format: 'count', width: 12 },
            ],
            rows: [
              ...counted.map((s) => ({
                kind: 'data' as const,
                cells: { section: label(s.section).label, description: label(s.section).description, records: s.records },
              })),
              { kind: 'total', cells: { section: '合計', description: '', records: total } },
            ],
            notes: ['件数は各区分の台帳・記録の行数です。帳票は登録した独自様式と会議資料の数です。'],
          },
          {
            type: 'chart',
            title: '区分ごとの登録件数',
            kind: 'horizontalBar',
            labels: counted.map((s) => label(s.section).label),
            series: [{ label: '件数', values: counted.map((s) => s.records) }],
            unit: '件',
          },
          {
            type: 'notes',
            lines: [
              `データベース: ${summary.database.path}（スキーマ ${summary.database.schemaVersion}）`,
              `作成: Renkei ${summary.appVersion}`,
            ],
          },
        ],
      };
    },
  },
};
