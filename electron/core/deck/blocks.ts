/**
 * The block registry: what a block slide can show. Each block is one topic
 * cut from an existing report (the domains offer their report definitions on
 * their faces), so a slide shows exactly the figures the printed report does,
 * read live; a block only chooses which of the report's pieces fit one slide
 * and, for a long table, keeps the subtotal rows and the columns that matter.
 */
import { RenkeiError } from '@shared/contract';
import type { DeckBlockInfo, ShownSlide } from '@shared/contract/deck';
import { isoDateOfLocal } from '@shared/dates';
import { fiscalYear, formatFiscalYear } from '@shared/fiscal-year';
import { DESIGNATION_REQUIREMENTS } from '@shared/masters/model';
import type { ReportBlock, TableBlock } from '@shared/report/model';
import { fundReports } from '../fund';
import type { Db } from '../kernel/db/schema';
import type { ReportContext, ReportDefinition } from '../kernel/report-definition';
import { mastersReports } from '../masters';
import { subsidyReports } from '../subsidy';
import { surveyReports } from '../survey';

/** A piece of the report: the nth block of a type; for a table, which columns and whether only its subtotal and total rows. */
interface Piece {
  type: 'figures' | 'chart' | 'table';
  nth?: number;
  columns?: string[];
  summaryRows?: boolean;
  /**
   * With summaryRows, for a report that names a group once, on its first row, and its subtotal 「計」: the kept
   * rows' names in the first column, in order, so each count says what it counts.
   */
  summaryNames?: readonly string[];
  /** Headers said otherwise on the slide: a column that lists names in the report holds counts once only the subtotals are kept. */
  headers?: Readonly<Record<string, string>>;
}

interface DeckBlock {
  label: string;
  description: string;
  report: ReportDefinition;
  pieces: Piece[];
}

const REPORTS: Record<string, ReportDefinition> = { ...fundReports, ...subsidyReports, ...surveyReports, ...mastersReports };

function report(name: string): ReportDefinition {
  return REPORTS[name]!;
}

export const DECK_BLOCKS: Readonly<Record<string, DeckBlock>> = {
  'fund.execution': {
    label: '基金の執行状況（区分ごとのグラフ）',
    description: '予算・執行額・執行率と、区分ごとの予算と執行額のグラフ（医療分）',
    report: report('fund.execution'),
    pieces: [{ type: 'figures' }, { type: 'chart' }],
  },
  'fund.execution.byCategory': {
    label: '基金の執行状況（区分ごとの小計）',
    description: '区分ごとの予算・執行額・残額・執行率の小計と合計（医療分）',
    report: report('fund.execution'),
    pieces: [{ type: 'table', columns: ['name', 'totalCost', 'spent', 'remaining', 'rate'], summaryRows: true }],
  },
  'subsidy.year': {
    label: '補助金の交付状況',
    description: 'センターごとの決定額と状況（交付状況一覧から）',
    report: report('subsidy.year'),
    pieces: [{ type: 'table', columns: ['name', 'decided', 'status'] }],
  },
  'survey.staffing': {
    label: '人員配置状況調査（職種別の構成）',
    description: '回答数・配置職員と、職種別の構成のグラフ',
    report: report('survey.staffing'),
    pieces: [{ type: 'figures' }, { type: 'chart' }],
  },
  'survey.clinics.intent': {
    label: '診療所調査（訪問診療の現在と5年後の意向）',
    description: '回答した診療所の数と、訪問診療・往診の実施状況と5年後の意向のグラフ',
    report: report('survey.clinics'),
    pieces: [{ type: 'figures' }, { type: 'chart', nth: 0 }],
  },
  'survey.clinics.needs': {
    label: '診療所調査（提供件数を増やすために必要なこと）',
    description: '訪問診療の提供件数を増やすために必要と思うことの割合のグラフ',
    report: report('survey.clinics'),
    pieces: [{ type: 'chart', nth: 2 }],
  },
  'survey.activity': {
    label: '在宅医療推進センターの活動実績（相談者別）',
    description: '相談件数・前年度比・会議と研修の開催数と、相談者別の相談件数の前年度との比較のグラフ（全センター）',
    report: report('survey.activity'),
    pieces: [{ type: 'figures' }, { type: 'chart', nth: 0 }],
  },
  'masters.designations': {
    label: '積極的役割を担う医療機関（機能ごとの数）',
    description: '在宅医療において積極的役割を担う医療機関の、担う機能（①〜⑤）ごとの数（指定状況一覧の概要版から）',
    report: report('masters.designations.byFunction'),
    pieces: [
      {
        type: 'table',
        columns: ['function', 'institution'],
        summaryRows: true,
        summaryNames: DESIGNATION_REQUIREMENTS.map((r) => r.label),
        headers: { institution: '医療機関数' },
      },
    ],
  },
};

export function deckBlock(id: string): DeckBlock {
  const block = DECK_BLOCKS[id];
  if (!block)
    throw new RenkeiError('validation', `「${id}」という集計はスライドにできません。一覧から選び直してください。`, { path: ['block'] });
  return block;
}

export async function deckBlockInfos(db: Db): Promise<DeckBlockInfo[]> {
  const infos: DeckBlockInfo[] = [];
  for (const [id, block] of Object.entries(DECK_BLOCKS)) {
    infos.push({
      id,
      label: block.label,
      description: block.description,
      needsFiscalYear: block.report.needsFiscalYear,
      fiscalYears: block.report.fiscalYears ? await block.report.fiscalYears(db) : [],
    });
  }
  return infos;
}

function trimTable(table: TableBlock, piece: Piece): TableBlock {
  const columns = (piece.columns ? table.columns.filter((c) => piece.columns!.includes(c.key)) : table.columns).map((c) => {
    const header = piece.headers?.[c.key];
    return header ? { ...c, header } : c;
  });
  const rows = piece.summaryRows ? table.rows.filter((r) => r.kind !== 'data') : table.rows;
  const names = piece.summaryNames;
  const first = columns[0]!.key;
  // A slide is read from across the room: a table's notes stay in the printed report.
  return {
    type: 'table',
    columns,
    rows: rows.map((r, i) =>
      // Named, a subtotal is the table's line for its group: drawn as one.
      names?.[i] === undefined ? { kind: r.kind, cells: r.cells } : { kind: 'data', cells: { ...r.cells, [first]: names[i] } },
    ),
  };
}

function pick(blocks: readonly ReportBlock[], piece: Piece): ReportBlock | null {
  const found = blocks.filter((b) => b.type === piece.type)[piece.nth ?? 0];
  if (!found) return null;
  const { pageBreakBefore: _break, ...block } = found;
  return block.type === 'table' ? trimTable(block, piece) : block;
}

/** A block slide's content, read now; a block with nothing to show says why instead of failing the whole deck. */
export async function showBlock(ctx: ReportContext, id: string, requestedYear: number | undefined, notes: string): Promise<ShownSlide> {
  const block = deckBlock(id);
  const shown: ShownSlide = { title: block.label, lines: [], blocks: [], notes };
  let fy = requestedYear;
  if (block.report.needsFiscalYear && fy === undefined) {
    fy = (await block.report.fiscalYears?.(ctx.db))?.[0];
    if (fy === undefined) return { ...shown, problem: 'この集計のもとになるデータがまだありません。' };
  }
  if (fy !== undefined && block.report.needsFiscalYear) shown.subtitle = formatFiscalYear(fiscalYear(fy));
  try {
    const body = await block.report.build(ctx, {
      fy: block.report.needsFiscalYear && fy !== undefined ? fiscalYear(fy) : null,
      date: isoDateOfLocal(ctx.core.clock()),
      subject: null,
    });
    shown.blocks = block.pieces.map((p) => pick(body.blocks, p)).filter((b): b is ReportBlock => b !== null);
  } catch (error) {
    if (error instanceof RenkeiError && (error.code === 'not_found' || error.code === 'validation')) {
      return { ...shown, problem: error.message };
    }
    throw error;
  }
  return shown;
}
