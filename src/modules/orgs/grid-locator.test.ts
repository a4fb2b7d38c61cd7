import { describe, expect, it } from 'vitest';
import { GridLocator } from './grid-locator.js';

// Two unit squares side by side sharing the edge x = 1, and a third far away.
const square = (x: number, y: number) => ({
  type: 'Polygon' as const,
  coordinates: [
    [
      [x, y],
      [x + 1, y],
      [x + 1, y + 1],
      [x, y + 1],
      [x, y],
    ],
  ],
});
const grids = [
  { id: 2, code: '330788001001002', boundary: square(1, 0) },
  { id: 1, code: '330788001001001', boundary: square(0, 0) },
  { id: 3, code: '330788001001003', boundary: square(5, 5) },
];

describe('GridLocator', () => {
  const locator = new GridLocator(grids);

  it('finds the grid containing a point', () => {
    expect(locator.locate(0.5, 0.5)?.id).toBe(1);
    expect(locator.locate(1.5, 0.5)?.id).toBe(2);
    expect(locator.locate(5.2, 5.9)?.id).toBe(3);
  });

  it('gives a point on a shared edge or vertex to the grid with the lower code, whatever the order', () => {
    expect(locator.locate(1, 0.5)?.code).toBe('330788001001001');
    expect(locator.locate(1, 1)?.code).toBe('330788001001001');
    expect(new GridLocator([...grids].reverse()).locate(1, 0.5)?.code).toBe('330788001001001');
  });

  it('counts the outer edge as inside and anything beyond it as outside', () => {
    expect(locator.locate(0, 0.5)?.id).toBe(1);
    expect(locator.locate(-0.000001, 0.5)).toBeNull();
    expect(locator.locate(3, 3)).toBeNull();
  });

  it('respects holes in polygons', () => {
    const holed = new GridLocator([
      {
        id: 9,
        code: '9',
        boundary: {
          type: 'Polygon',
          coordinates: [
            [
              [0, 0],
              [4, 0],
              [4, 4],
              [0, 4],
              [0, 0],
            ],
            [
              [1, 1],
              [3, 1],
              [3, 3],
              [1, 3],
              [1, 1],
            ],
          ],
        },
      },
    ]);
    expect(holed.locate(0.5, 0.5)?.id).toBe(9);
    expect(holed.locate(2, 2)).toBeNull();
  });

  it('answers null when there are no grids', () => {
    expect(new GridLocator([]).locate(1, 1)).toBeNull();
  });
});
