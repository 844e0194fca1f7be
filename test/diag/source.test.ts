// The source manager's line map: where each line starts, and line/column of an offset.
import { describe, expect, it } from 'vitest';
import { SourceManager } from '../../src/diag/source.js';

describe('SourceManager', () => {
  it('records where every line starts, with or without a final newline, and CRLF lines', () => {
    const sources = new SourceManager();
    expect(sources.add('a.c', 'ab\ncd\n\ne').lineStarts).toEqual([0, 3, 6, 7]);
    expect(sources.add('b.c', 'x\r\ny\n').lineStarts).toEqual([0, 3, 5]);
    expect(sources.add('c.c', '').lineStarts).toEqual([0]);
    expect(sources.add('d.c', '\n\n').lineStarts).toEqual([0, 1, 2]);
  });

  it('turns offsets into 1-based lines and columns', () => {
    const sources = new SourceManager();
    const f = sources.add('a.c', 'ab\ncd\n\ne');
    expect([0, 2, 3, 6, 7].map((o) => sources.lineCol(f.id, o))).toEqual([
      { line: 1, col: 1 },
      { line: 1, col: 3 },
      { line: 2, col: 1 },
      { line: 3, col: 1 },
      { line: 4, col: 1 },
    ]);
  });
});
