import { describe, expect, it } from 'vitest';
import { runPP } from './helpers.js';

/** A small deterministic PRNG (mulberry32), so failures reproduce. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = [
  '#define ', '#undef ', '#if ', '#ifdef ', '#elif ', '#else', '#endif', '#include ', '#pragma ', '#line ', '\n', '\n#',
  'A', 'B', 'f', 'g', '(', ')', ',', '...', '__VA_ARGS__', '#', '##', '"s"', "'c'", '"', "'", '/*', '*/', '//', '\\\n',
  '1', '0x', '/', '0', '+', '-', '?', ':', '&&', '||', 'defined', '__has_include', '_Pragma', '<', '>', 'x.h', ' ',
  '__LINE__', '__COUNTER__', '@', '\\',
];

describe('robustness', () => {
  it('never throws on random input', () => {
    const next = random(12345);
    for (let n = 0; n < 300; n++) {
      let src = '';
      const length = 1 + Math.floor(next() * 80);
      for (let i = 0; i < length; i++) src += PIECES[Math.floor(next() * PIECES.length)];
      expect(() => runPP(src, { 'x.h': src })).not.toThrow();
    }
  });

  it('ends mutually recursive macro calls', () => {
    const r = runPP('#define f(x) g(x)\n#define g(x) f(x)\nf(1) g(2)');
    expect(r.text).toBe('f ( 1 ) g ( 2 )');
  });
});
