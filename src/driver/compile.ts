// The only file that knows the order of the stages. It reads like the
// pipeline: preprocess, parse, check, lower, optimise, generate, write.
import { assembleObject } from '../asm/assemble-object.js';
import { codegen } from '../codegen/codegen.js';
import type { CompileContext } from '../context.js';
import type { ObjectProgram } from '../bpf/object.js';
import { reportInternalError } from '../diag/internal-error.js';
import type { Module } from '../ir/ir.js';
import { lower } from '../lower/lower.js';
import { writeObject } from '../obj/write.js';
import { verifyCompiled } from '../verify/index.js';
import { optimize, type PassHooks } from '../opt/pipeline.js';
import { checkSignedDivision } from '../opt/signed-division.js';
import type { TranslationUnit } from '../parse/ast.js';
import { getParser, parse } from '../parse/parse.js';
import type { Token } from '../pp/token.js';
import { preprocess } from '../pp/preprocess.js';
import { check } from '../sema/check.js';
import { preprocessWithPrefix, recordHeaderPrefix, takeHeaderPrefix } from './header-prefix.js';
import type { Program } from '../sema/program.js';

/** How far to run: each stop returns what that stage produced. */
export type StopAfter = 'pp' | 'parse' | 'sema' | 'ir' | 'codegen' | 'obj';

export interface CompileOutput {
  tokens?: Token[];
  ast?: TranslationUnit;
  program?: Program;
  ir?: Module;
  object?: ObjectProgram;
  elf?: Uint8Array;
}

export function compile(path: string, ctx: CompileContext, stopAfter: StopAfter = 'obj', hooks: PassHooks = {}): CompileOutput {
  const out: CompileOutput = {};
  const at = { stage: 'the driver' };
  try {
    runStages(path, ctx, stopAfter, hooks, out, at);
  } catch (e) {
    // Bad input never throws (stages report and keep going): this is ebcc's own bug.
    reportInternalError(ctx.diags, at.stage, e);
    delete out.elf;
  }
  return out;
}

function runStages(path: string, ctx: CompileContext, stopAfter: StopAfter, hooks: PassHooks, out: CompileOutput, at: { stage: string }): void {
  const text = ctx.fs.readFile(path);
  if (text === undefined) {
    ctx.diags.error('E0001', `${ctx.fs.whyUnreadable?.(path) ?? 'no such file or directory'}: '${path}'`);
    return;
  }
  const file = ctx.sources.add(path, text);

  // An assembly file has its own front end; it joins the pipeline at the object program.
  if (/\.s$/.test(path)) {
    at.stage = 'the assembler';
    out.object = assembleObject(file, ctx);
    if (stopAfter === 'pp' || stopAfter === 'parse' || stopAfter === 'sema' || stopAfter === 'ir') return;
    if (stopAfter === 'codegen' || ctx.diags.hasErrors()) return;
    at.stage = 'the object writer';
    out.elf = writeObject(out.object, ctx);
    return;
  }

  at.stage = 'the preprocessor';
  const store = ctx.headerPrefixes;
  if (store?.recording) {
    recordHeaderPrefix(store, file, ctx);
    return;
  }
  // A main file that begins with recorded #include lines starts from their state (header-prefix.ts).
  const prefix = store ? takeHeaderPrefix(store, file, ctx) : undefined;
  out.tokens = prefix ? preprocessWithPrefix(prefix, file, ctx) : preprocess(file, ctx);
  if (stopAfter === 'pp') return;

  at.stage = 'the parser';
  out.ast = parse(out.tokens, ctx, getParser(), prefix?.entry.parsed);
  if (stopAfter === 'parse') return;

  at.stage = 'semantic analysis';
  out.program = check(out.ast, ctx, prefix?.entry.checked);
  if (stopAfter === 'sema' || ctx.diags.hasErrors()) return;

  at.stage = 'lowering';
  const ir = lower(out.program, ctx);
  if (ctx.diags.hasErrors()) return; // e.g. an object larger than the stack: optimising it would only cost time
  at.stage = 'the optimiser';
  out.ir = optimize(ir, ctx, hooks);
  checkSignedDivision(out.ir, ctx);
  if (stopAfter === 'ir' || ctx.diags.hasErrors()) return;

  at.stage = 'code generation';
  out.object = codegen(out.ir, ctx);
  if (stopAfter === 'codegen' || ctx.diags.hasErrors()) return;

  if (ctx.options.verify) {
    at.stage = 'the verifier';
    verifyCompiled(out.object, ctx);
    if (ctx.diags.hasErrors()) return;
  }

  at.stage = 'the object writer';
  out.elf = writeObject(out.object, ctx);
}
