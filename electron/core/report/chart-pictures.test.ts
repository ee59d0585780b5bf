import { describe, expect, it } from 'vitest';
import { CHART_SIZE_PT } from '@shared/report/chart-draw';
import { pictureScale } from './chart-pictures';

describe('a chart picture’s pixels', () => {
  // The sheet shows a picture 16 cm wide: 605 px at 96 dpi.
  it('are twice what the sheet shows: a landscape page’s chart 1,210 px wide, not 1,513', () => {
    expect(Math.round(CHART_SIZE_PT.landscape.width * pictureScale(CHART_SIZE_PT.landscape.width))).toBe(1210);
  });

  it('are at most two a point: a portrait page’s chart as before', () => {
    expect(pictureScale(CHART_SIZE_PT.portrait.width)).toBe(2);
  });
});
