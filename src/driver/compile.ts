// The only file that knows the order of the stages. It reads like the
// pipeline: preprocess, parse, check, lower, optimise, generate, write.
import { assembleObject } from '../asm/assemble-object.js';
import { codegen } from '../codegen/codegen.js';
import type { CompileContext } from '../context.js';
import type { ObjectProgram } from '../bpf/object.js';
import { reportInternalError } from '../diag/internal-error.js';
import type { Diagnostic } from '../diag/diagnostic.js';
import type { Module } from '../ir/ir.js';
import { lower } from '../lower/lower.js';
import { writeObject } from '../obj/write.js';
import { verifyCompiled, verifyObject, type VerifyResult } from '../verify/index.js';
import { optimize, type PassHooks } from '../opt/pipeline.js';
import { checkSignedDivision } from '../opt/signed-division.js';
import type { TranslationUnit } from '../parse/ast.js';
import { getParser, parse } from '../parse/parse.js';
import type { Token } from '../pp/token.js';
import { preprocess } from '../pp/preprocess.js';
import { check } from '../sema/check.js';
import { preprocessWithPrefix, recordHeaderPrefix, takeHeaderPrefix } from './header-prefix.js';
import type { Program } from '../sema/program.js';

/**
 * Most instructions ebcc's verifier may process in a program with a costly loop kept (see
 * runStages): a quarter of the kernel's limit, as a margin for the difference between ebcc's
 * count and the kernel's.
 */
const COSTLY_LOOP_BUDGET = 250_000;

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

  const reported = ctx.diags.list.length;
  const costly: NonNullable<CompileContext['costlyLoops']> = { kept: false, unroll: false };
  ctx.costlyLoops = costly;
  const inlining: NonNullable<CompileContext['inlining']> = { all: false };
  ctx.inlining = inlining;
  generate(out.program, ctx, stopAfter, hooks, out, at);
  // A loop kept although the unroller's estimate of the kernel's walk of it was over its budget:
  // ebcc's verifier judges the program, and if it does not accept a program that may run such a
  // loop within COSTLY_LOOP_BUDGET instructions, the loops are unrolled (below). When the object's
  // verdict is wanted anyway, it judges it once, under the kernel's own limit: that verdict is the
  // object's when the loops stay kept, and a program it accepts past the budget counts as refused.
  let verified: VerifyResult | undefined;
  if (costly.kept && out.object && !ctx.diags.hasErrors()) {
    at.stage = 'the verifier';
    const final = ctx.options.verify === true;
    const keptVerdict = verifyObject(out.object, { progType: ctx.options.progType, heartbeat: ctx.heartbeat, ...(final ? {} : { insnLimit: COSTLY_LOOP_BUDGET }) });
    // Without the kernel's limit, a refusal is judged again under it.
    const keptFinal = final || rejected(keptVerdict) === 0 ? keptVerdict : undefined;
    verified = keptFinal;
    const overBudget = keptVerdict.programs.filter((p) => !p.accepted || p.stats.processedInsns > COSTLY_LOOP_BUDGET);
    // A program may run a kept loop when its own function keeps one, or a .text function does.
    const keptIn = costly.keptIn ?? new Set<string>();
    const textKeeps = out.ir?.functions.some((f) => f.section === '.text' && keptIn.has(f.name)) ?? false;
    if (overBudget.some((p) => textKeeps || keptIn.has(p.name))) {
      // Unrolled, the kernel may accept what it refuses with the loops kept. It stays unrolled only
      // if fewer programs are then refused: a program refused for another reason (one instruction
      // seen with two pointer types) does not make every costly loop of the file unrolled.
      const kept = setAside(out, ctx, reported);
      costly.unroll = true;
      generate(out.program, ctx, stopAfter, hooks, out, at);
      verified = undefined;
      if (out.object && !ctx.diags.hasErrors()) {
        at.stage = 'the verifier';
        // Within the same budget: an unrolled object accepted there needs no other verdict.
        const unrolledVerdict = verifyObject(out.object, { progType: ctx.options.progType, insnLimit: COSTLY_LOOP_BUDGET, heartbeat: ctx.heartbeat });
        if (rejected(unrolledVerdict) < overBudget.length) verified = rejected(unrolledVerdict) === 0 ? unrolledVerdict : undefined;
        else {
          putBack(kept, out, ctx, reported);
          verified = keptFinal;
        }
      }
    }
  }
  if ((inlining.outlined?.size ?? 0) > 0 && stopAfter !== 'ir') verified = inlineAllIfBetter(out.program, ctx, stopAfter, hooks, out, at, reported, verified);
  if (stopAfter === 'ir') delete out.object;
  if (stopAfter === 'ir' || stopAfter === 'codegen' || !out.object || ctx.diags.hasErrors()) return;

  if (ctx.options.verify) {
    at.stage = 'the verifier';
    verifyCompiled(out.object, ctx, verified);
    if (ctx.diags.hasErrors()) return;
  }

  at.stage = 'the object writer';
  out.elf = writeObject(out.object, ctx);
}

/**
 * Calls kept out of line (lower/inline-policy.ts) are a size choice that must not cost a program
 * its load: when the object has an error (a memory builtin whose size is a parameter is no longer
 * constant) or ebcc's verifier refuses one of its programs, the program is compiled again with
 * every call inlined, and that object is kept if it has no error and fewer programs refused.
 * Returns the verdict of the object kept, when it was judged.
 */
function inlineAllIfBetter(program: Program, ctx: CompileContext, stopAfter: StopAfter, hooks: PassHooks, out: CompileOutput, at: { stage: string }, reported: number, verified: VerifyResult | undefined): VerifyResult | undefined {
  const judge = (): VerifyResult | undefined => {
    if (!out.object || ctx.diags.hasErrors()) return undefined;
    at.stage = 'the verifier';
    return verifyObject(out.object, { progType: ctx.options.progType, heartbeat: ctx.heartbeat });
  };
  const outlinedVerdict = verified ?? judge();
  if (rejected(outlinedVerdict) === 0) return outlinedVerdict;
  const outlined = setAside(out, ctx, reported);
  ctx.inlining = { all: true };
  generate(program, ctx, stopAfter, hooks, out, at);
  const inlinedVerdict = judge();
  if (rejected(inlinedVerdict) < rejected(outlinedVerdict)) return inlinedVerdict;
  putBack(outlined, out, ctx, reported);
  return outlinedVerdict;
}

/** How many programs a verdict refuses; no verdict (an error stopped the compile) counts as worst. */
function rejected(v: VerifyResult | undefined): number {
  return v === undefined ? Infinity : v.programs.filter((p) => !p.accepted).length;
}

/** What a compile produced (its IR, object and diagnostics since `reported`), taken out of the way of a second try. */
interface SetAside {
  ir?: Module;
  object?: ObjectProgram;
  diags: Diagnostic[];
}

function setAside(out: CompileOutput, ctx: CompileContext, reported: number): SetAside {
  const kept: SetAside = { ir: out.ir, object: out.object, diags: ctx.diags.list.slice(reported) };
  ctx.diags.list.length = reported;
  return kept;
}

/** Makes a compile set aside the output again, in place of the second try's. */
function putBack(kept: SetAside, out: CompileOutput, ctx: CompileContext, reported: number): void {
  ctx.diags.list.length = reported;
  ctx.diags.list.push(...kept.diags);
  out.ir = kept.ir;
  out.object = kept.object;
}

/** Lowering, the optimiser and code generation: the typed program to the object program. */
function generate(program: Program, ctx: CompileContext, stopAfter: StopAfter, hooks: PassHooks, out: CompileOutput, at: { stage: string }): void {
  delete out.ir;
  delete out.object;
  at.stage = 'lowering';
  const ir = lower(program, ctx);
  if (ctx.diags.hasErrors()) return; // e.g. an object larger than the stack: optimising it would only cost time
  at.stage = 'the optimiser';
  out.ir = optimize(ir, ctx, hooks);
  checkSignedDivision(out.ir, ctx);
  // Only the IR is asked for: code is generated anyway when a costly loop must be judged.
  if (ctx.diags.hasErrors() || (stopAfter === 'ir' && !ctx.costlyLoops?.kept)) return;
  at.stage = 'code generation';
  out.object = codegen(out.ir, ctx);
}
