// The struct and union layouts sema computes for ebcc's headers and the
// samples, compared with test/golden/layouts.txt. bench/check-layouts.mjs
// checks the numbers of that file against clang-19. After an intended
// change, regenerate the file with EBCC_UPDATE_GOLDEN=1 npx vitest run test/sema/layouts-golden.test.ts
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { layoutHeaderPaths, layoutProbeSource, layoutReport, recordTagsIn } from '../../src/sema/layout-report.js';
import { compileString, REPO_DIR, STDLIB_DIR } from '../util/compile.js';

const GOLDEN = join(REPO_DIR, 'test/golden/layouts.txt');

function headerPaths(): string[] {
  const all = readdirSync(STDLIB_DIR, { recursive: true, encoding: 'utf8' }).map((p) => p.split('\\').join('/'));
  return layoutHeaderPaths(all);
}

/** Compiles `source` as `name` to sema and reports the records declared in it (or all, for `allFiles`). */
function report(name: string, source: string, allFiles: boolean): string {
  const out = compileString(source, {}, 'sema', name);
  expect(out.text).toBe('');
  const fileId = out.ctx.sources.files.find((f) => f.path === name)!.id;
  return layoutReport(out.program!, allFiles ? {} : { fileId });
}

function generate(): string {
  const headers = headerPaths();
  const headerTags = headers.flatMap((h) => recordTagsIn(readFileSync(join(STDLIB_DIR, h), 'utf8')));
  const probe = headers.map((h) => `#include <${h}>\n`).join('') + layoutProbeSource(headerTags);
  let text = `== headers\n${report('layouts-headers.c', probe, true)}`;
  for (const sample of readdirSync(join(REPO_DIR, 'samples')).filter((f) => f.endsWith('.c')).sort()) {
    const src = readFileSync(join(REPO_DIR, 'samples', sample), 'utf8');
    text += `== samples/${sample}\n${report(`samples/${sample}`, `${src}\n${layoutProbeSource(recordTagsIn(src))}`, false)}`;
  }
  return text;
}

describe('struct layouts golden (test/golden/layouts.txt)', () => {
  it('matches the layouts sema computes for the headers and samples', () => {
    const text = generate();
    if (process.env.EBCC_UPDATE_GOLDEN === '1') writeFileSync(GOLDEN, text);
    expect(text).toBe(readFileSync(GOLDEN, 'utf8'));
  });

  it('lists bit-fields with their bit offset and width, and anonymous members by path', () => {
    const src = 'struct s { int a; union { unsigned x:3, y:5; int z; }; struct { char c; unsigned short q:4; } in; unsigned w:7; };\n';
    const text = report('t.c', src + layoutProbeSource(recordTagsIn(src)), false);
    expect(text).toBe(
      [
        'struct s size=12 align=4',
        '  a offset=0 size=4',
        '  x offset=4 bit=32 width=3',
        '  y offset=4 bit=32 width=5',
        '  z offset=4 size=4',
        '  in.c offset=8 size=1',
        '  in.q offset=8 bit=72 width=4',
        '  w offset=8 bit=80 width=7',
        '',
      ].join('\n'),
    );
  });
});
