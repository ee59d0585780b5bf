/**
 * A picture as a list of marks in points (1/72 inch), y down from the top-left
 * corner of its box: what a chart becomes before it is written into a PDF page
 * (report/direct) or an SVG (for the workbook's picture). Pure data, so one
 * drawing makes both and a test can read what was drawn.
 */

/** The faces the app ships: Noto Sans JP regular and bold (ゴシック), Noto Serif JP regular (明朝). */
export type Face = 'sans' | 'sansBold' | 'serif';

/** An sRGB colour as '#rrggbb'. */
export type Colour = `#${string}`;

export interface Stroke {
  colour: Colour;
  /** In points. */
  width: number;
  /** Dash and gap lengths in points; solid when absent. */
  dash?: number[];
}

export type Mark =
  | { kind: 'rect'; x: number; y: number; width: number; height: number; fill?: Colour; stroke?: Stroke }
  | { kind: 'line'; x1: number; y1: number; x2: number; y2: number; stroke: Stroke }
  /** A polyline or polygon through the points; closed (and fillable) when `closed`. */
  | { kind: 'path'; points: [number, number][]; closed?: boolean; fill?: Colour; stroke?: Stroke }
  /** A pie's slice: centre, radius, angles in radians clockwise from 12 o'clock. */
  | { kind: 'sector'; cx: number; cy: number; r: number; from: number; to: number; fill: Colour; stroke?: Stroke }
  /**
   * One line of text. `x` is where `align` puts it (its left, centre or right), `y` its baseline. `rotate` in degrees
   * counter-clockwise about (x, y): 90 for a vertical axis title.
   */
  | {
      kind: 'text';
      x: number;
      y: number;
      text: string;
      face: Face;
      size: number;
      colour?: Colour;
      align?: 'left' | 'center' | 'right';
      rotate?: number;
    };

export interface Drawing {
  width: number;
  height: number;
  marks: Mark[];
}

/** The width in points of `text` set in `face` at `size` points: the PDF writer's own metrics, so a drawing measures as it prints. */
export type Measure = (text: string, face: Face, size: number) => number;
