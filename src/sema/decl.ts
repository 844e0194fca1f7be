// Declarations (C11 6.7) at file and block scope, and function definitions
// (6.9.1). File-scope objects are classified here (map, license, helper, ...);
// bpf-rules.ts decides which of them BPF allows.
import type * as ast from '../parse/ast.js';
import type { Span } from '../diag/source.js';
import { classifyGlobal, checkProgramFunction } from './bpf-rules.js';
import { evalIntConst, tryEval } from './const-eval.js';
import { applyDeclarator, attrString, findAttr, resolveSpecifiers } from './decl-types.js';
import { checkExpr } from './expr.js';
import { checkInitializer } from './init.js';
import { claimName } from './lazy.js';
import type { FuncDef, FuncSym, GlobalVar, TStmt } from './program.js';
import { currentScope, error, isFileScope, popScope, pushScope, warning, type SemaState } from './state.js';
import { checkBlockItems, newLocal } from './stmt.js';
import * as T from './types.js';
import type { CType } from './types.js';

export function checkDeclaration(s: SemaState, d: ast.Declaration | ast.StaticAssert): TStmt[] {
  if (d.kind === 'StaticAssert') {
    const v = evalIntConst(s, checkExpr(s, d.cond));
    if (v === 0n) error(s, 'E3022', `static assertion failed${d.message ? `: ${d.message.value}` : ''}`, d.cond.span);
    return [];
  }
  const base = resolveSpecifiers(s, d.specifiers);
  const storage = d.specifiers.storage;
  const out: TStmt[] = [];
  for (const id of d.declarators) {
    const declared = applyDeclarator(s, base, id.declarator);
    const name = declared.name;
    if (name === undefined) continue;
    const span = declared.nameSpan ?? id.span;
    // `struct bpf_map_def SEC("maps") name`: a section attribute written after a struct reference
    // (no member list) belongs to the declared object, as in GCC and clang.
    const ts = d.specifiers.type;
    const refAttrs = ts?.kind === 'StructOrUnion' && ts.members === undefined ? ts.attributes.filter((a) => a.name === 'section') : [];
    const attrs = [...d.specifiers.attributes, ...refAttrs, ...id.attributes];
    if (storage.includes('typedef')) {
      declareTypedef(s, name, declared.type, span);
      continue;
    }
    if (T.strip(declared.type).kind === 'func') {
      const fn = declareFunction(s, name, declared.type as Extract<CType, { kind: 'func' }>, span, d.specifiers, attrs);
      if (id.asmLabel !== undefined) fn.asmLabel = id.asmLabel;
      continue;
    }
    if (isFileScope(s) || storage.includes('extern') || storage.includes('static')) {
      const g = declareGlobal(s, name, declared.type, span, d.specifiers, attrs, id.init);
      if (!isFileScope(s)) currentScope(s).names.set(name, g);
      continue;
    }
    out.push(declareLocal(s, name, declared.type, span, id.init, !attrs.some((a) => a.name === 'unused' || a.name === 'maybe_unused')));
  }
  return out;
}

function declareTypedef(s: SemaState, name: string, type: CType, span: Span): void {
  if (isFileScope(s)) claimName(s, name);
  const scope = currentScope(s);
  const prev = scope.names.get(name);
  if (prev && (prev.kind !== 'typedef' || !T.sameType(prev.type, type))) {
    error(s, 'E3002', `typedef redefinition with different types ('${T.typeToString(type)}' vs '${T.typeToString(prev.type)}')`, span, [
      { message: 'previous definition is here', span: prev.span },
    ]);
    return;
  }
  scope.names.set(name, { kind: 'typedef', name, type, span });
}

function declareLocal(s: SemaState, name: string, type: CType, span: Span, init?: ast.Initializer, reportUnused = true): TStmt {
  const scope = currentScope(s);
  const prev = scope.names.get(name);
  if (prev && prev.kind === 'local') {
    error(s, 'E3002', `redefinition of '${name}'`, span, [{ message: 'previous definition is here', span: prev.span }]);
  }
  if (T.strip(type).kind === 'float') error(s, 'E3103', `variable '${name}' has floating-point type '${T.typeToString(type)}': BPF has no floating point`, span);
  const local = newLocal(s, name, type, span);
  local.reportUnused = reportUnused;
  scope.names.set(name, local);
  if (!init) {
    if (!T.isComplete(type)) error(s, 'E3008', `variable '${name}' has incomplete type '${T.typeToString(type)}'`, span);
    if (T.strip(type).kind === 'array' || T.strip(type).kind === 'record') local.addressTaken = true;
    return { kind: 'Decl', local, span };
  }
  const checked = checkInitializer(s, init, type, span);
  local.type = checked.type;
  if (T.qualifiersOf(type).const && T.isInteger(type) && checked.init.kind === 'Scalar') {
    const value = tryEval(checked.init.expr);
    if (typeof value === 'bigint') local.constValue = value;
  }
  if (T.strip(local.type).kind === 'array' || T.strip(local.type).kind === 'record') local.addressTaken = true;
  return { kind: 'Decl', local, init: checked.init, span };
}

function declareFunction(s: SemaState, name: string, type: Extract<CType, { kind: 'func' }>, span: Span, specs: ast.DeclSpecifiers, attrs: ast.Attribute[]): FuncSym {
  claimName(s, name);
  const other = s.scopes[0]!.names.get(name);
  if (other !== undefined && other.kind !== 'func') {
    // `int bpf_tail_call(void);` after <bpf/bpf_helpers.h>, whose bpf_tail_call is a variable.
    error(s, 'E3002', `redefinition of '${name}' as a different kind of symbol`, span, [{ message: 'previous definition is here', span: other.span }]);
  }
  const existing = s.program.funcs.get(name);
  const sym: FuncSym = existing ?? {
    kind: 'func',
    name,
    type,
    span,
    isStatic: specs.storage.includes('static'),
    alwaysInline: false,
    noInline: false,
  };
  if (existing) {
    if (!T.sameType(existing.type, type)) {
      error(s, 'E3002', `conflicting types for '${name}'`, span, [{ message: 'previous declaration is here', span: existing.span }]);
    }
    if (type.hasPrototype) existing.type = type;
  } else s.program.funcs.set(name, sym);
  if (specs.inline) sym.inlineHint = true;
  if (findAttr(attrs, 'always_inline')) sym.alwaysInline = true;
  if (findAttr(attrs, 'noinline')) sym.noInline = true;
  if (findAttr(attrs, 'naked')) sym.naked = true;
  if (findAttr(attrs, 'weak')) sym.weak = true;
  const section = findAttr(attrs, 'section');
  if (section) sym.section = attrString(section);
  // File scope holds the function name; a block-scope declaration refers to the same function.
  s.scopes[0]!.names.set(name, sym);
  if (!isFileScope(s)) currentScope(s).names.set(name, sym);
  return sym;
}

function declareGlobal(s: SemaState, name: string, type: CType, span: Span, specs: ast.DeclSpecifiers, attrs: ast.Attribute[], init?: ast.Initializer): GlobalVar {
  const scope = s.scopes[0]!;
  const blockStatic = !isFileScope(s) && !specs.storage.includes('extern');
  if (!blockStatic) claimName(s, name);
  const prev = blockStatic ? undefined : scope.names.get(name);
  if (prev && prev.kind === 'global' && !T.sameType(prev.type, type)) {
    // `int q; long q;`, or a helper of <bpf/bpf_helper_defs.h> declared again as a variable.
    const was = prev.init || !prev.isExtern ? 'definition' : 'declaration';
    error(s, 'E3002', `redefinition of '${name}' with a different type: '${T.typeToString(type)}' vs '${T.typeToString(prev.type)}'`, span, [
      { message: `previous ${was} is here`, span: prev.span },
    ]);
    return prev;
  }
  if (prev && prev.kind === 'global' && init && prev.init) {
    error(s, 'E3002', `redefinition of '${name}'`, span, [{ message: 'previous definition is here', span: prev.span }]);
    return prev;
  }
  if (prev && prev.kind === 'global') {
    if (init) {
      const checked = checkInitializer(s, init, type, span);
      prev.init = checked.init;
      prev.type = checked.type;
    }
    // `extern T x;` then `T x SEC(...) = ...;` (or `T x;`): the object is defined here after all.
    if (prev.isExtern && !specs.storage.includes('extern')) {
      const sectionAttr = findAttr(attrs, 'section');
      if (sectionAttr) prev.section = attrString(sectionAttr);
      prev.isExtern = false;
      classifyGlobal(s, prev);
    }
    return prev;
  }
  if (prev) {
    error(s, 'E3002', `redefinition of '${name}' as a different kind of symbol`, span, [{ message: 'previous definition is here', span: prev.span }]);
  }
  const sectionAttr = findAttr(attrs, 'section');
  const g: GlobalVar = {
    kind: 'global',
    // A block-scope static is its own object: named FUNCTION.NAME (then .1, .2, ...) as clang does.
    name: blockStatic ? blockStaticName(s, name) : name,
    type,
    span,
    section: sectionAttr ? attrString(sectionAttr) : undefined,
    isStatic: specs.storage.includes('static') || !isFileScope(s),
    isExtern: specs.storage.includes('extern'),
    role: 'other',
  };
  if (findAttr(attrs, 'weak')) g.weak = true;
  if (init) {
    const checked = checkInitializer(s, init, type, span);
    g.init = checked.init;
    g.type = checked.type;
  }
  if (!blockStatic) scope.names.set(name, g);
  classifyGlobal(s, g);
  s.program.globals.push(g);
  return g;
}

function blockStaticName(s: SemaState, name: string): string {
  const base = `${s.fn?.sym.name ?? 'static'}.${name}`;
  const taken = (n: string) => s.program.globals.some((g) => g.name === n) || s.scopes[0]!.names.has(n);
  if (!taken(base)) return base;
  let k = 1;
  while (taken(`${base}.${k}`)) k++;
  return `${base}.${k}`;
}

export function checkFunctionDef(s: SemaState, def: ast.FunctionDef): void {
  const base = resolveSpecifiers(s, def.specifiers);
  const declared = applyDeclarator(s, base, def.declarator);
  const ft = T.strip(declared.type);
  if (ft.kind !== 'func' || declared.name === undefined) {
    error(s, 'E3012', 'function definition does not declare a function', def.declarator.span);
    return;
  }
  const name = declared.name;
  const span = declared.nameSpan ?? def.span;
  const sym = declareFunction(s, name, ft, span, def.specifiers, [...def.specifiers.attributes, ...def.attributes]);
  if (sym.def) {
    // sym.span is the name in the earlier definition (set below when it was checked).
    error(s, 'E3002', `redefinition of '${name}'`, span, [{ message: 'previous definition is here', span: sym.span }]);
    return;
  }
  sym.span = span;
  if (def.specifiers.storage.includes('static')) sym.isStatic = true;
  s.fn = { sym, locals: [], nextLocalId: 0, labels: new Map(), gotos: [], localLabels: [], nextLocalLabel: 0, switches: [], loopDepth: 0, breakableDepth: 0 };
  pushScope(s);
  const params = (declared.params ?? []).map((p, i) => {
    const info = ft.params[i]!;
    if (info.name === undefined) {
      warning(s, 'E3033', `parameter ${i + 1} of '${name}' has no name: the kernel rejects BTF for functions with unnamed parameters`, p.span);
    }
    const local = newLocal(s, info.name ?? `__arg${i}`, info.type, p.span, true);
    if (info.name !== undefined) currentScope(s).names.set(info.name, local);
    return local;
  });
  const items = checkBlockItems(s, def.body.items);
  popScope(s);
  for (const local of s.fn.locals) {
    if (local.reportUnused && !local.referenced) warning(s, 'E3034', `unused variable '${local.name}'`, local.span);
  }
  for (const g of s.fn.gotos) {
    if (!s.fn.labels.has(g.label)) error(s, 'E3016', `use of undeclared label '${g.name}'`, g.span);
  }
  const fd: FuncDef = { sym, params, locals: s.fn.locals, body: { kind: 'Block', items, span: def.body.span }, span: def.span };
  sym.def = fd;
  s.program.functions.push(fd);
  s.fn = undefined;
  checkProgramFunction(s, fd);
}
