import { describe, expect, test } from 'vitest';
import type * as ast from '../../src/parse/ast.js';
import { bodyOf, expectParseError, parseOk, sexpr } from './util.js';

function stmts(body: string, decls = ''): ast.BlockItem[] {
  return bodyOf(parseOk(`${decls}\nint f(int a, int b) { ${body} }`));
}

describe('statements', () => {
  test('an else-if chain is nested IfStmts, however long, and else binds to the nearest if', () => {
    const arms = Array.from({ length: 1000 }, (_, i) => `else if (a == ${i + 1}) b = ${i + 1};`).join('\n');
    // Past 1,024 arms the chain is refused with a clear diagnostic (its arms nest in the AST).
    const tooLong = Array.from({ length: 1025 }, (_, i) => `else if (a == ${i + 1}) b = 1;`).join(' ');
    const long = `int f(int a, int b) { if (a == 0) b = 0; ${tooLong} return b; }`;
    expectParseError(long, 'E2002', 1, long.indexOf('else if (a == 1025)') + 'else '.length + 1, "'else if' chain too long: more than 1024 arms");
    const [chain] = stmts(`if (a == 0) b = 0;\n${arms}\nelse b = -1;`);
    let node = chain as ast.IfStmt;
    for (let i = 0; i <= 1000; i++) {
      expect(sexpr(node.cond)).toBe(`(== a ${i})`);
      if (i < 1000) node = node.else as ast.IfStmt;
    }
    expect(node.else!.kind).toBe('ExprStmt');
    const src = 'if (a == 0) b = 0;\nelse if (a == 1) b = 1;';
    const [two] = stmts(src);
    const inner = (two as ast.IfStmt).else as ast.IfStmt;
    // The inner if's span starts at its own 'if'.
    expect(inner.span.start).toBe(two!.span.start + src.indexOf("if (a == 1)"));
    const [dangling] = stmts('if (a) if (b) a = 1; else a = 2; else if (b) a = 3;');
    const outer = dangling as ast.IfStmt;
    expect(sexpr(((outer.then as ast.IfStmt).else as ast.ExprStmt).expr!)).toBe('(= a 2)');
    expect(sexpr((outer.else as ast.IfStmt).cond)).toBe('b');
  });

  test('every statement kind', () => {
    const items = stmts(`
      int x = 0;
      ;
      x = a;
      if (a) x = 1; else if (b) x = 2; else { x = 3; }
      while (x < 10) x++;
      do { x--; } while (x);
      for (int i = 0; i < 4; i++) continue;
      for (;;) break;
      switch (a) { case 1: case 2 ... 4: x = 0; break; default: x = 1; }
      goto out;
    out:
      return x;
    `);
    expect(items.map((i) => i.kind)).toEqual([
      'Declaration', 'ExprStmt', 'ExprStmt', 'IfStmt', 'WhileStmt', 'DoWhileStmt', 'ForStmt', 'ForStmt', 'SwitchStmt', 'GotoStmt', 'LabeledStmt',
    ]);
    const ifs = items[3] as ast.IfStmt;
    expect((ifs.else as ast.IfStmt).else!.kind).toBe('CompoundStmt');
    const f = items[6] as ast.ForStmt;
    expect(f.init!.kind).toBe('Declaration');
    expect(sexpr(f.cond!)).toBe('(< i 4)');
    expect(sexpr(f.step!)).toBe('(post++ i)');
    const forever = items[7] as ast.ForStmt;
    expect([forever.init, forever.cond, forever.step]).toEqual([undefined, undefined, undefined]);
    const sw = (items[8] as ast.SwitchStmt).body as ast.CompoundStmt;
    const c1 = sw.items[0] as ast.CaseStmt;
    expect(sexpr(c1.value)).toBe('1');
    const c2 = c1.body as ast.CaseStmt;
    expect(`${sexpr(c2.value)}...${sexpr(c2.hi!)}`).toBe('2...4');
    expect(sw.items.map((i) => i.kind)).toEqual(['CaseStmt', 'BreakStmt', 'DefaultStmt']);
    const label = items[10] as ast.LabeledStmt;
    expect(label.label).toBe('out');
    expect(label.body.kind).toBe('ReturnStmt');
  });

  test('the else binds to the nearest if', () => {
    const s = stmts('if (a) if (b) return 1; else return 2; return 3;')[0] as ast.IfStmt;
    expect(s.else).toBeUndefined();
    expect((s.then as ast.IfStmt).else!.kind).toBe('ReturnStmt');
  });

  test('loop pragmas attach to the following loop only', () => {
    const items = stmts(`
      #pragma unroll
      for (int i = 0; i < 4; i++) {}
      #pragma clang loop unroll(full)
      while (a) {}
      #pragma GCC diagnostic push
      a = 1;
      do {} while (0);
    `);
    expect((items[0] as ast.ForStmt).pragmas.map((p) => p.text)).toEqual(['unroll']);
    expect((items[1] as ast.WhileStmt).pragmas.map((p) => p.text)).toEqual(['clang loop unroll(full)']);
    expect((items[3] as ast.DoWhileStmt).pragmas).toEqual([]);
  });

  test('asm statements with operands and clobbers', () => {
    const items = stmts(`
      asm volatile("" ::: "memory");
      __asm__ __volatile__("%0 = %1" : "=r"(a) : "r"(b), [x] "i"(4) : "r0", "r1");
      asm("nop");
    `);
    const [b, m, n] = items as ast.AsmStmt[];
    expect([b!.volatile, b!.template, b!.clobbers]).toEqual([true, '', ['memory']]);
    expect(m!.outputs.map((o) => `${o.constraint}:${sexpr(o.expr)}`)).toEqual(['=r:a']);
    expect(m!.inputs.map((o) => `${o.constraint}:${sexpr(o.expr)}`)).toEqual(['r:b', 'i:4']);
    expect(m!.clobbers).toEqual(['r0', 'r1']);
    expect([n!.volatile, n!.template]).toEqual([false, 'nop']);
  });

  test('statement attributes, labels with attributes, __extension__ declarations', () => {
    const items = stmts(`
      switch (a) { case 1: b = 1; __attribute__((fallthrough)); default: break; }
      __attribute__((unused)) int y = 1;
      __extension__ long long z = 2;
    l: __attribute__((unused)) ;
    `);
    expect(items.map((i) => i.kind)).toEqual(['SwitchStmt', 'Declaration', 'Declaration', 'LabeledStmt']);
    expect((items[1] as ast.Declaration).specifiers.attributes[0]!.name).toBe('unused');
  });

  test('top-level asm and empty declarations', () => {
    const items = parseOk('asm(".globl x");;\nint x;').items;
    expect(items.map((i) => i.kind)).toEqual(['TopLevelAsm', 'EmptyDecl', 'Declaration']);
    expect((items[0] as ast.TopLevelAsm).text).toBe('.globl x');
  });
});
