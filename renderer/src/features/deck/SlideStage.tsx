/**
 * One slide on a 1920×1080 stage, scaled as a whole to the box it is given
 * (the window in the presentation, a thumbnail in the editor), so what the
 * room sees and the preview are the same drawing. Body text is 36 px on the
 * stage (28 px is the least for the back of a room at 1920 wide); a text
 * slide's type is chosen from its content (textSlideType) so it shows whole.
 */
import { type ReactNode, useLayoutEffect, useRef, useState } from 'react';
import type { ShownSlide } from '@shared/contract/deck';
import { STAGE, textSlideType } from '@shared/deck/slide-type';
import { cellAlign, cellText } from '@shared/report/format';
import type { FiguresBlock, ReportBlock, TableBlock } from '@shared/report/model';
import { SlideChart } from './SlideChart';

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

function Table({ block }: { block: TableBlock }) {
  // Many rows: smaller rows, never below the 28 px floor.
  const dense = block.rows.length > 12;
  return (
    <table className={`slide__table${dense ? ' slide__table--dense' : ''}`}>
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

function Block({ block, chartHeight }: { block: ReportBlock; chartHeight: number }) {
  switch (block.type) {
    case 'figures':
      return <Figures block={block} />;
    case 'table':
      return <Table block={block} />;
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

/** The slide's content at stage size. */
export function SlideContent({ slide }: { slide: ShownSlide }) {
  const hasFigures = slide.blocks.some((b) => b.type === 'figures');
  const chartHeight = hasFigures ? 640 : 820;
  const text = !slide.problem && slide.blocks.length === 0;
  const type = text ? textSlideType(slide).type : null;
  return (
    <div className="slide">
      <header className="slide__head">
        <h2 className="slide__title" style={type ? { fontSize: type.titlePx } : undefined}>
          {slide.title}
        </h2>
        {slide.subtitle && <p className="slide__subtitle">{slide.subtitle}</p>}
      </header>
      <div className="slide__body">
        {slide.problem ? (
          <p className="slide__problem">{slide.problem}</p>
        ) : slide.blocks.length > 0 ? (
          slide.blocks.map((b, i) => <Block key={i} block={b} chartHeight={chartHeight} />)
        ) : (
          <ul className="slide__lines" style={type ? { fontSize: type.linePx } : undefined}>
            {slide.lines.map((l, i) => (
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
