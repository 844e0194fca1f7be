import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { DIAGRAM_CSS_FILE, DIAGRAM_SCRIPT_FILES, renderGrammarDiagrams } from '../../src/parse/diagrams.js';

const root = new URL('../../', import.meta.url);
const read = (rel: string): string => readFileSync(new URL(rel, root), 'utf8');

test('grammar/diagrams.html is up to date (run `npm run grammar` after changing the parser)', () => {
  const fromChevrotain = (file: string): string => read(`node_modules/chevrotain/diagrams/${file}`);
  const html = renderGrammarDiagrams({ css: fromChevrotain(DIAGRAM_CSS_FILE), scripts: DIAGRAM_SCRIPT_FILES.map(fromChevrotain) });
  expect(html).not.toMatch(/<script src=|<link rel='stylesheet'/);
  expect(html).toContain('"name": "translationUnit"');
  expect(html === read('grammar/diagrams.html')).toBe(true);
});

test('grammar/c-bpf.ebnf names every parser rule', () => {
  const ebnf = read('grammar/c-bpf.ebnf');
  for (const rule of ['translation-unit', 'external-declaration', 'declaration-specifiers', 'declarator', 'statement', 'expression', 'initializer', 'attribute-specifier', 'asm-statement']) {
    expect(ebnf).toMatch(new RegExp(`^${rule}\\s*=`, 'm'));
  }
});
