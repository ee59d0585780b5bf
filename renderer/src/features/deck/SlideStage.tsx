/**
 * One slide on a 1920×1080 stage, scaled as a whole to the box it is given
 * (the window in the presentation, a thumbnail in the editor), so what the
 * room sees and the preview are the same drawing. Body text is 36 px on the
 * stage (28 px is the least for the back of a room at 1920 wide); a text
 * slide's type is chosen from its content (textSlideType) so it shows whole.
 */
import { type ReactNode, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { ShownSlide } from '@shared/contract/deck';
import { STAGE, textSlideType } from '@shared/deck/slide-type';
import { cellAlign, cellText } from '@shared/report/format';
import type { FiguresBlock, ReportBlock, TableBlock } from '@shared/report/model';
import { SlideChart } from './SlideChart';
import { slideParts, type TableMeasure } from './slide-parts';

function Figures({ block }: { block: FiguresBlock }) {
  // Five or six in a row (the activity summary's): smaller figures, so each number keeps its unit on its line.
  const many = block.items.length > 4;
  return (
    <div className={`slide__figures${many ? ' slide__figures--many' : ''}`}>
      {block.items.map((item) => (
        <div key={item.label} className="slide__figure">
          <span className="slide__figure-label">{item.label}</span>
          <span className="slide__figure-value">
            {cellText(item.value, item.format)}
            {item.unit && item.format !== 'percent' && <small>{item.unit}</small>}
          </span>
        </div>
      ))}
    </div>
  );
}

function Table({ block, index, dense }: { block: TableBlock; index: number; dense: boolean }) {
  return (
    <table className={`slide__table${dense ? ' slide__table--dense' : ''}`} data-block={index}>
      <thead>
        <tr>
          {block.columns.map((c) => (
            <th key={c.key} style={{ textAlign: cellAlign(c) }}>
              {c.header}
              {c.format === 'thousandYen' ? '（千円）' : c.format === 'yen' ? '（円）' : ''}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {block.rows.map((row, i) => (
          <tr key={i} className={`slide__row--${row.kind}`}>
            {block.columns.map((c) => (
              <td key={c.key} style={{ textAlign: cellAlign(c) }}>
                {cellText(row.cells[c.key] ?? null, c.format)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Many rows: smaller rows, never below the 28 px floor (a 「（続き）」 slide's rows as dense as the whole table's). */
const denseTable = (rows: number) => rows > 12;

function Block({ block, index, chartHeight, dense }: { block: ReportBlock; index: number; chartHeight: number; dense: boolean }) {
  switch (block.type) {
    case 'figures':
      return <Figures block={block} />;
    case 'table':
      return <Table block={block} index={index} dense={dense} />;
    case 'chart':
      return <SlideChart block={block} height={chartHeight} />;
    case 'heading':
      return <h3 className="slide__heading">{block.text}</h3>;
    case 'paragraph':
      return <p className="slide__paragraph">{block.text}</p>;
    case 'notes':
      return (
        <ul className="slide__lines">
          {block.lines.map((l, i) => (
            <li key={i}>{l}</li>
          ))}
        </ul>
      );
  }
}

/** The table drawn past the foot of the slide's body, measured for slideParts; null when every block fits. */
function overflowing(body: HTMLElement): TableMeasure | null {
  if (body.scrollHeight <= body.clientHeight + 1) return null;
  const foot = body.offsetTop + body.clientHeight;
  for (const table of body.querySelectorAll<HTMLTableElement>('table[data-block]')) {
    if (table.offsetTop + table.offsetHeight <= foot + 1) continue;
    return {
      block: Number(table.dataset.block),
      firstRoom: foot - table.offsetTop,
      restRoom: body.clientHeight,
      head: table.tHead?.offsetHeight ?? 0,
      rows: [...table.tBodies[0]!.rows].map((row) => row.offsetHeight),
    };
  }
  return null;
}

/**
 * The slide's content at stage size. A table that runs past the slide's foot goes on in 「（続き）」 slides, as in the
 * handout: `part` chooses which (negative: from the last), `onParts` is told how many there are.
 */
export function SlideContent({ slide, part = 0, onParts }: { slide: ShownSlide; part?: number; onParts?(count: number): void }) {
  const body = useRef<HTMLDivElement>(null);
  const [measured, setMeasured] = useState<{ of: ShownSlide; parts: ShownSlide[] } | null>(null);
  const parts = measured?.of === slide ? measured.parts : null;
  // Drawn whole first, measured before it is painted, then drawn as the part asked for.
  useLayoutEffect(() => {
    if (parts || !body.current) return;
    const table = overflowing(body.current);
    setMeasured({ of: slide, parts: table ? slideParts(slide, table) : [slide] });
  }, [slide, parts]);
  useEffect(() => {
    if (parts) onParts?.(parts.length);
  }, [parts, onParts]);
  const shown = parts ? parts[Math.min(Math.max(part < 0 ? parts.length + part : part, 0), parts.length - 1)]! : slide;
  const dense = denseTable(Math.max(0, ...slide.blocks.map((b) => (b.type === 'table' ? b.rows.length : 0))));
  const hasFigures = shown.blocks.some((b) => b.type === 'figures');
  const chartHeight = hasFigures ? 640 : 820;
  const text = !shown.problem && shown.blocks.length === 0;
  const type = text ? textSlideType(shown).type : null;
  return (
    <div className="slide">
      <header className="slide__head">
        <h2 className="slide__title" style={type ? { fontSize: type.titlePx } : undefined}>
          {shown.title}
        </h2>
        {shown.subtitle && <p className="slide__subtitle">{shown.subtitle}</p>}
      </header>
      <div className="slide__body" ref={body}>
        {shown.problem ? (
          <p className="slide__problem">{shown.problem}</p>
        ) : shown.blocks.length > 0 ? (
          shown.blocks.map((b, i) => <Block key={i} block={b} index={i} chartHeight={chartHeight} dense={dense} />)
        ) : (
          <ul className="slide__lines" style={type ? { fontSize: type.linePx } : undefined}>
            {shown.lines.map((l, i) => (
              <li key={i}>{l}</li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}

/** Scales its 1920×1080 child to fit the box, centred, keeping 16:9. */
export function ScaledStage({ children, className }: { children: ReactNode; className?: string }) {
  const box = useRef<HTMLDivElement>(null);
  const [scale, setScale] = useState(0);
  useLayoutEffect(() => {
    const element = box.current;
    if (!element) return;
    const resize = () => setScale(Math.min(element.clientWidth / STAGE.width, element.clientHeight / STAGE.height));
    resize();
    const observer = new ResizeObserver(resize);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return (
    <div ref={box} className={`stage-box ${className ?? ''}`}>
      <div
        className="stage"
        style={{
          width: STAGE.width,
          height: STAGE.height,
          transform: `translate(-50%, -50%) scale(${scale})`,
          visibility: scale ? 'visible' : 'hidden',
        }}
      >
        {children}
      </div>
    </div>
  );
}
