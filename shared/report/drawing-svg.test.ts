import { describe, expect, it } from 'vitest';
import type { Drawing } from './drawing';
import { drawingSvg } from './drawing-svg';

describe('a drawing as SVG', () => {
  it('names the app’s faces by family and weight, anchors text as aligned and turns it counter-clockwise', () => {
    const svg = drawingSvg({
      width: 200,
      height: 100,
      marks: [
        { kind: 'text', x: 10, y: 20, text: '在宅医療 <計> & 100%', face: 'sansBold', size: 7.5, align: 'right', rotate: 90 },
        { kind: 'text', x: 10, y: 40, text: '明朝', face: 'serif', size: 10.5 },
      ],
    });
    expect(svg).toContain('width="200" height="100" viewBox="0 0 200 100"');
    expect(svg).toContain(
      '<text x="10" y="20" font-family="Noto Sans JP" font-weight="700" font-size="7.5" text-anchor="end" fill="#000000" transform="rotate(-90 10 20)">在宅医療 &lt;計&gt; &amp; 100%</text>',
    );
    expect(svg).toContain('font-family="Noto Serif JP" font-weight="400" font-size="10.5" text-anchor="start"');
  });

  it('draws a slice from its centre along its arc clockwise from 12 o’clock, and a whole turn as a circle', () => {
    const drawing: Drawing = {
      width: 100,
      height: 100,
      marks: [
        { kind: 'sector', cx: 50, cy: 50, r: 40, from: 0, to: Math.PI / 2, fill: '#a9d8f3', stroke: { colour: '#222222', width: 0.6 } },
        { kind: 'sector', cx: 50, cy: 50, r: 40, from: Math.PI / 2, to: 2 * Math.PI, fill: '#f2cd7f' },
        { kind: 'sector', cx: 10, cy: 10, r: 1, from: 0, to: 2 * Math.PI, fill: '#1a1a1a' },
      ],
    };
    const svg = drawingSvg(drawing);
    // A quarter: from 12 o'clock (50, 10) to 3 o'clock (90, 50), the short way; the rest the long way round.
    expect(svg).toContain('<path d="M50 50L50 10A40 40 0 0 1 90 50Z" fill="#a9d8f3" stroke="#222222" stroke-width="0.6"/>');
    expect(svg).toContain('<path d="M50 50L90 50A40 40 0 1 1 50 10Z" fill="#f2cd7f" stroke="none"/>');
    expect(svg).toContain('<circle cx="10" cy="10" r="1" fill="#1a1a1a" stroke="none"/>');
  });

  it('dashes a stroke and leaves an open path unfilled', () => {
    const svg = drawingSvg({
      width: 10,
      height: 10,
      marks: [
        {
          kind: 'path',
          points: [
            [0, 0],
            [5, 5],
            [10, 0],
          ],
          stroke: { colour: '#d55e00', width: 1.5, dash: [4.5, 2.25] },
        },
      ],
    });
    expect(svg).toContain('<path d="M0 0L5 5L10 0" fill="none" stroke="#d55e00" stroke-width="1.5" stroke-dasharray="4.5 2.25"/>');
  });
});
