/**
 * A ReportDoc drawn as a Japanese public document: 様式番号 and 文書番号,
 * the date in 和暦, 宛先 and 提出者, the title, then the blocks in order.
 * Pure rendering, no window hooks, so the print page and an on-screen
 * preview draw exactly the same thing.
 */
import './print.css';
import type { CSSProperties } from 'react';
import { DECK_SLIDE_REPORT, textSlideType } from '@shared/deck/slide-type';
import { cellAlign, cellText, columnGroups, FIGURE_FORMATS, fittedWidths, roundingNote, unitLine } from '@shared/report/format';
import type { FiguresBlock, Orientation, ReportBlock, ReportColumn, ReportDoc, ReportHeader, TableBlock } from '@shared/report/model';
import { formatWareki } from '@shared/wareki';
import { ReportChart } from './ReportChart';

function DocumentHeader({ header }: { header: ReportHeader }) {
  return (
    <header className="report-doc__header">
      <div className="report-doc__top">
        <p className="report-doc__form-number">{header.formNumber}</p>
        <div className="report-doc__dateline">
          {header.documentNumber && <p>{header.documentNumber}</p>}
          <p>
            {formatWareki(header.date)}
            {header.dateSuffix}
          </p>
        </div>
      </div>
      {header.addressee && <p className="report-doc__addressee">{header.addressee}</p>}
      {header.submitter && header.submitter.length > 0 && (
        <div className="report-doc__submitter">
          {header.submitter.map((line, i) => (
            <p key={i}>{line}</p>
          ))}
        </div>
      )}
    </header>
  );
}

function Lines({ lines, className }: { lines: readonly string[]; className: string }) {
  return (
    <ul className={className}>
      {lines.map((line, i) => (
        <li key={i}>{line}</li>
      ))}
    </ul>
  );
}

function TableHead({ columns }: { columns: readonly ReportColumn[] }) {
  const runs = columnGroups(columns);
  if (!columns.some((c) => c.group)) {
    return (
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c.key} scope="col">
              {c.header}
            </th>
          ))}
        </tr>
      </thead>
    );
  }
  return (
    <thead>
      <tr>
        {runs.map((run) =>
          run.group === null ? (
            run.columns.map((c) => (
              <th key={c.key} scope="col" rowSpan={2}>
                {c.header}
              </th>
            ))
          ) : (
            <th key={`group-${run.columns[0]!.key}`} scope="colgroup" colSpan={run.span}>
              {run.group}
            </th>
          ),
        )}
      </tr>
      <tr>
        {runs
          .filter((run) => run.group !== null)
          .flatMap((run) => run.columns)
          .map((c) => (
            <th key={c.key} scope="col">
              {c.header}
            </th>
          ))}
      </tr>
    </thead>
  );
}

function Table({ block }: { block: TableBlock }) {
  const { columns, rows } = block;
  const widths = fittedWidths(columns, block.rows);
  const totalWidth = widths.reduce((sum, width) => sum + width, 0);
  const unit = unitLine(columns);
  const rounding = roundingNote(columns);
  const notes = [...(block.notes ?? []), ...(rounding ? [rounding] : [])];
  return (
    <>
      {(block.caption || unit) && (
        <div className="report-doc__table-head">
          {block.caption && <p className="report-doc__caption">{block.caption}</p>}
          {unit && <p className="report-doc__unit">{unit}</p>}
        </div>
      )}
      <table className="report-doc__table">
        <colgroup>
          {columns.map((c, k) => (
            <col key={c.key} style={{ width: `${((widths[k]! / totalWidth) * 100).toFixed(3)}%` }} />
          ))}
        </colgroup>
        <TableHead columns={columns} />
        <tbody>
          {rows.map((row, i) => (
            <tr key={i} className={`report-doc__row--${row.kind}`}>
              {columns.map((c) => (
                <td
                  key={c.key}
                  className={`report-doc__cell--${cellAlign(c)}${FIGURE_FORMATS.has(c.format) ? ' report-doc__cell--figure' : ''}`}
                >
                  {cellText(row.cells[c.key] ?? null, c.format)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {notes.length > 0 && <Lines lines={notes} className="report-doc__notes report-doc__notes--table" />}
    </>
  );
}

function Figures({ block }: { block: FiguresBlock }) {
  return (
    <div className="report-doc__figures">
      {block.items.map((item, i) => (
        <div key={i} className="report-doc__figure">
          <div className="report-doc__figure-label">{item.label}</div>
          <div className="report-doc__figure-value">
            {cellText(item.value, item.format)}
            {/* A blank figure (a 確定額 not yet settled) is left blank, without a 円 on its own. */}
            {item.unit && item.value !== null && <span className="report-doc__figure-unit">{item.unit}</span>}
          </div>
        </div>
      ))}
    </div>
  );
}

function Block({ block, orientation }: { block: ReportBlock; orientation: Orientation }) {
  switch (block.type) {
    case 'heading':
      return <h2 className={`report-doc__heading${block.centered ? ' report-doc__heading--centered' : ''}`}>{block.text}</h2>;
    case 'paragraph':
      // One <p> per line, so every paragraph of the text starts indented, not only the first.
      return block.text.split('\n').map((line, i) => (
        <p key={i} className="report-doc__paragraph">
          {line}
        </p>
      ));
    case 'figures':
      return <Figures block={block} />;
    case 'table':
      return <Table block={block} />;
    case 'chart':
      return (
        <figure className="report-doc__chart">
          <figcaption className="report-doc__chart-title">{block.title}</figcaption>
          <ReportChart block={block} orientation={orientation} />
        </figure>
      );
    case 'notes':
      return <Lines lines={block.lines} className="report-doc__notes" />;
  }
}

/**
 * A deck's text slide prints in the type the stage shows it in (textSlideType), scaled to the page with the rest
 * of the slide (print.css), so the page holds what the stage holds.
 */
function slideType(doc: ReportDoc): CSSProperties | undefined {
  const notes = doc.blocks.length === 1 && doc.blocks[0]!.type === 'notes' ? doc.blocks[0]!.lines : null;
  if (doc.name !== DECK_SLIDE_REPORT || notes === null) return undefined;
  const { titlePx, linePx } = textSlideType({ title: doc.title, lines: notes }).type;
  return { '--slide-title-px': titlePx, '--slide-line-px': linePx } as CSSProperties;
}

/** A report drawn whole, as the print page prints it. */
export function ReportDocument({ doc }: { doc: ReportDoc }) {
  return (
    <article className={`report-doc report-doc--${doc.orientation}`} data-report={doc.name} style={slideType(doc)}>
      <DocumentHeader header={doc.header} />
      <h1 className="report-doc__title">{doc.title}</h1>
      {doc.subtitle && <p className="report-doc__subtitle">{doc.subtitle}</p>}
      {doc.blocks.map((block, i) => (
        // data-block-index lets the print page find each chart's canvas for PrintOutcome.
        <div
          key={i}
          data-block-index={i}
          className={`report-doc__block report-doc__block--${block.type}${block.pageBreakBefore ? ' report-doc__block--break' : ''}`}
        >
          <Block block={block} orientation={doc.orientation} />
        </div>
      ))}
    </article>
  );
}
