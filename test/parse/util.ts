// Test helpers for the parser: lex a string, parse it, print expressions as
// compact S-expressions, and check diagnostics.
import { expect } from 'vitest';
import { createContext, type CompileContext } from '../../src/context.js';
import { MemoryFileSystem } from '../../src/diag/fs.js';
import type * as ast from '../../src/parse/ast.js';
import { parse } from '../../src/parse/parse.js';
import { preprocess } from '../../src/pp/preprocess.js';

export interface ParseResult {
  unit: ast.TranslationUnit;
  ctx: CompileContext;
  /** "line:col code message" for every diagnostic. */
  errors: string[];
}

export function parseSource(src: string): ParseResult {
  const ctx = createContext(new MemoryFileSystem(), { stdlibDir: '/stdlib' });
  const file = ctx.sources.add('/src/test.c', src);
  const tokens = preprocess(file, ctx);
  const unit = parse(tokens, ctx);
  const errors = ctx.diags.list.map((d) => {
    const lc = d.span ? ctx.sources.lineCol(d.span.file, d.span.start) : { line: 0, col: 0 };
    return `${lc.line}:${lc.col} ${d.code} ${d.message}`;
  });
  return { unit, ctx, errors };
}

/** Parses and asserts there were no diagnostics. */
export function parseOk(src: string): ast.TranslationUnit {
  const r = parseSource(src);
  expect(r.errors).toEqual([]);
  return r.unit;
}

export function expectParseError(src: string, code: string, line: number, col: number, messageSubstring: string): void {
  const r = parseSource(src);
  // Exactly one diagnostic, and it is the expected one: an extra error fails the test too.
  expect(r.errors).toHaveLength(1);
  const d = r.ctx.diags.list[0]!;
  const lc = d.span ? r.ctx.sources.lineCol(d.span.file, d.span.start) : undefined;
  expect(`${lc?.line}:${lc?.col} ${d.code}`).toBe(`${line}:${col} ${code}`);
  expect(d.message).toContain(messageSubstring);
}

/** The body items of the first function definition. */
export function bodyOf(unit: ast.TranslationUnit): ast.BlockItem[] {
  const f = unit.items.find((i) => i.kind === 'FunctionDef');
  if (!f || f.kind !== 'FunctionDef') throw new Error('no function definition');
  return f.body.items;
}

/** Parses `src` as the expression of `void f(void) { (src); }` with declarations `decls` before it. */
export function expr(src: string, decls = ''): string {
  const unit = parseOk(`${decls}\nvoid f(void) { ${src}; }`);
  const items = bodyOf(unit);
  const last = items[items.length - 1]!;
  if (last.kind !== 'ExprStmt' || !last.expr) throw new Error(`not an expression statement: ${last.kind}`);
  return sexpr(last.expr);
}

export function sexpr(e: ast.Expr | ast.TypeName | ast.Initializer): string {
  switch (e.kind) {
    case 'Ident':
      return e.name;
    case 'IntLit':
      return `${e.value}${e.suffix}`;
    case 'CharLit':
      return `'${e.value}`;
    case 'StringLit':
      return JSON.stringify(e.value);
    case 'BinaryExpr':
      return `(${e.op} ${sexpr(e.left)} ${sexpr(e.right)})`;
    case 'AssignExpr':
      return `(${e.op} ${sexpr(e.target)} ${sexpr(e.value)})`;
    case 'UnaryExpr':
      return `(${e.op} ${sexpr(e.operand)})`;
    case 'PostfixExpr':
      return `(post${e.op} ${sexpr(e.operand)})`;
    case 'CondExpr':
      return `(? ${sexpr(e.cond)} ${e.then ? sexpr(e.then) : '_'} ${sexpr(e.else)})`;
    case 'CallExpr':
      return `(call ${[e.callee, ...e.args].map(sexpr).join(' ')})`;
    case 'MemberExpr':
      return `(${e.arrow ? '->' : '.'} ${sexpr(e.object)} ${e.member})`;
    case 'IndexExpr':
      return `([] ${sexpr(e.array)} ${sexpr(e.index)})`;
    case 'CastExpr':
      return `(cast ${sexpr(e.type)} ${sexpr(e.operand)})`;
    case 'SizeofExpr':
      return `(sizeof ${sexpr(e.arg)})`;
    case 'AlignofExpr':
      return `(alignof ${sexpr(e.arg)})`;
    case 'CommaExpr':
      return `(, ${e.exprs.map(sexpr).join(' ')})`;
    case 'StmtExpr':
      return `({ ${e.body.items.length} items })`;
    case 'CompoundLiteral':
      return `(literal ${sexpr(e.type)} ${sexpr(e.init)})`;
    case 'OffsetofExpr':
      return `(offsetof ${sexpr(e.type)} ${e.path.map((d) => (d.kind === 'FieldDesignator' ? `.${d.name}` : `[${sexpr(d.index)}]`)).join('')})`;
    case 'TypesCompatibleExpr':
      return `(compatible ${sexpr(e.a)} ${sexpr(e.b)})`;
    case 'GenericSelection':
      return `(generic ${sexpr(e.control)} ${e.associations.map((a) => `${a.type ? sexpr(a.type) : 'default'}: ${sexpr(a.expr)}`).join(', ')})`;
    case 'ChooseExpr':
      return `(choose ${sexpr(e.cond)} ${sexpr(e.then)} ${sexpr(e.else)})`;
    case 'TypeName':
      return typeStr(e.specifiers, e.declarator);
    case 'InitList':
      return `{${e.items.map((i) => i.designators.map(desig).join('') + (i.designators.length ? '=' : '') + sexpr(i.init)).join(' ')}}`;
    default:
      return assertNeverLocal(e);
  }
}

function assertNeverLocal(x: never): never {
  throw new Error(`unexpected ${JSON.stringify(x)}`);
}

function desig(d: ast.Designator): string {
  if (d.kind === 'FieldDesignator') return `.${d.name}`;
  return d.hi ? `[${sexpr(d.index)}...${sexpr(d.hi)}]` : `[${sexpr(d.index)}]`;
}

export function specStr(s: ast.DeclSpecifiers): string {
  const parts: string[] = [...s.storage, ...s.qualifiers];
  if (s.inline) parts.push('inline');
  const t = s.type;
  switch (t.kind) {
    case 'BuiltinType':
      parts.push(t.words.length ? t.words.join(' ') : 'int?');
      break;
    case 'TypedefName':
      parts.push(t.name);
      break;
    case 'StructOrUnion':
      parts.push(`${t.tag} ${t.name ?? '<anon>'}${t.members ? `{${t.members.length}}` : ''}`);
      break;
    case 'Enum':
      parts.push(`enum ${t.name ?? '<anon>'}`);
      break;
    case 'Typeof':
      parts.push(`typeof(${sexpr(t.arg)})`);
      break;
    default:
      assertNeverLocal(t);
  }
  return parts.join(' ');
}

/** A declarator in the "declare x as …" reading: `*a[3]` of int -> "a: array[3] of pointer to int". */
export function declStr(d: ast.Declarator): string {
  const parts: string[] = [];
  let cur = d;
  // Outer nodes apply to the base type first, so read inside-out from the name.
  const chain: ast.Declarator[] = [];
  while (cur.kind !== 'IdentDeclarator') {
    chain.push(cur);
    cur = cur.inner;
  }
  for (let i = chain.length - 1; i >= 0; i--) {
    const n = chain[i]!;
    if (n.kind === 'PointerDeclarator') parts.push(`pointer${n.qualifiers.length ? `(${n.qualifiers.join(' ')})` : ''} to`);
    else if (n.kind === 'ArrayDeclarator') parts.push(`array[${n.size ? sexpr(n.size) : ''}] of`);
    else if (n.kind === 'FunctionDeclarator') {
      const ps = n.params.map((p) => typeStr(p.specifiers, p.declarator));
      if (n.variadic) ps.push('...');
      parts.push(`function(${ps.join(', ')}) returning`);
    }
  }
  return `${cur.name ?? '_'}: ${parts.join(' ')}`.trimEnd();
}

function typeStr(s: ast.DeclSpecifiers, d: ast.Declarator): string {
  const ds = declStr(d);
  const rest = ds.slice(ds.indexOf(':') + 1).trim();
  const name = ds.slice(0, ds.indexOf(':'));
  return `${name === '_' ? '' : `${name}: `}${rest ? `${rest} ` : ''}${specStr(s)}`;
}
