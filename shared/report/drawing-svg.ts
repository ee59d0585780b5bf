/**
 * A drawing as a standalone SVG document, in points: the workbook's chart
 * picture is this SVG rasterised (electron/core/report/chart-png.ts). Text
 * names the app's faces by family and weight, so whatever draws it needs those
 * fonts, not the system's.
 */
import type { Drawing, Face, Mark, Stroke } from './drawing';

const FACES: Record<Face, { family: string; weight: number }> = {
  sans: { family: 'Noto Sans JP', weight: 400 },
  sansBold: { family: 'Noto Sans JP', weight: 700 },
  serif: { family: 'Noto Serif JP', weight: 400 },
};

const ANCHOR = { left: 'start', center: 'middle', right: 'end' } as const;

/** A length as SVG writes it: at most three decimals, without a trailing zero. */
function n(value: number): string {
  return String(Math.round(value * 1000) / 1000);
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function stroke(s: Stroke | undefined): string {
  if (!s) return ' stroke="none"';
  const dash = s.dash?.length ? ` stroke-dasharray="${s.dash.map(n).join(' ')}"` : '';
  return ` stroke="${s.colour}" stroke-width="${n(s.width)}"${dash}`;
}

/** A point on the circle at `angle` radians clockwise from 12 o'clock. */
function onCircle(cx: number, cy: number, r: number, angle: number): string {
  return `${n(cx + r * Math.sin(angle))} ${n(cy - r * Math.cos(angle))}`;
}

function element(mark: Mark): string {
  switch (mark.kind) {
    case 'rect':
      return `<rect x="${n(mark.x)}" y="${n(mark.y)}" width="${n(mark.width)}" height="${n(mark.height)}" fill="${mark.fill ?? 'none'}"${stroke(mark.stroke)}/>`;
    case 'line':
      return `<line x1="${n(mark.x1)}" y1="${n(mark.y1)}" x2="${n(mark.x2)}" y2="${n(mark.y2)}"${stroke(mark.stroke)}/>`;
    case 'path': {
      const d = mark.points.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${n(x)} ${n(y)}`).join('') + (mark.closed ? 'Z' : '');
      return `<path d="${d}" fill="${mark.closed && mark.fill ? mark.fill : 'none'}"${stroke(mark.stroke)}/>`;
    }
    case 'sector': {
      // An arc whose ends meet draws nothing in SVG: a whole turn is a circle.
      if (mark.to - mark.from >= 2 * Math.PI - 1e-9) {
        return `<circle cx="${n(mark.cx)}" cy="${n(mark.cy)}" r="${n(mark.r)}" fill="${mark.fill}"${stroke(mark.stroke)}/>`;
      }
      const large = mark.to - mark.from > Math.PI ? 1 : 0;
      const d = `M${n(mark.cx)} ${n(mark.cy)}L${onCircle(mark.cx, mark.cy, mark.r, mark.from)}A${n(mark.r)} ${n(mark.r)} 0 ${large} 1 ${onCircle(mark.cx, mark.cy, mark.r, mark.to)}Z`;
      return `<path d="${d}" fill="${mark.fill}"${stroke(mark.stroke)}/>`;
    }
    case 'text': {
      const face = FACES[mark.face];
      const rotate = mark.rotate ? ` transform="rotate(${n(-mark.rotate)} ${n(mark.x)} ${n(mark.y)})"` : '';
      return `<text x="${n(mark.x)}" y="${n(mark.y)}" font-family="${face.family}" font-weight="${face.weight}" font-size="${n(mark.size)}" text-anchor="${ANCHOR[mark.align ?? 'left']}" fill="${mark.colour ?? '#000000'}"${rotate}>${escapeXml(mark.text)}</text>`;
    }
  }
}

const sameStroke = (a: Stroke, b: Stroke) => a.colour === b.colour && a.width === b.width && String(a.dash) === String(b.dash);

/**
 * The marks as SVG elements, a run of lines with one stroke (a pattern's hatching) as one path: the same picture, with
 * a tenth of the elements for resvg to set up.
 */
function elements(marks: Mark[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < marks.length; i++) {
    const mark = marks[i]!;
    if (mark.kind !== 'line') {
      out.push(element(mark));
      continue;
    }
    let d = '';
    let j = i;
    for (; j < marks.length; j++) {
      const next = marks[j]!;
      if (next.kind !== 'line' || !sameStroke(next.stroke, mark.stroke)) break;
      d += `M${n(next.x1)} ${n(next.y1)}L${n(next.x2)} ${n(next.y2)}`;
    }
    out.push(j === i + 1 ? element(mark) : `<path d="${d}" fill="none"${stroke(mark.stroke)}/>`);
    i = j - 1;
  }
  return out;
}

/**
 * The drawing as an SVG document whose user unit is the point, on white.
 * @example drawingSvg({ width: 100, height: 50, marks: [] }) // '<svg xmlns=… width="100" height="50" …'
 */
export function drawingSvg(drawing: Drawing): string {
  const { width, height } = drawing;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${n(width)}" height="${n(height)}" viewBox="0 0 ${n(width)} ${n(height)}">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    ...elements(drawing.marks),
    '</svg>',
  ].join('\n');
}
