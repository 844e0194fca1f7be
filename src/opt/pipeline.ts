// The optimisation passes, in order. Each pass file opens with what it
// needs, what it changes and what it invalidates.
import type { CompileContext } from '../context.js';
import type { IrFunction, Module } from '../ir/ir.js';
import { dropUndefinedAsmInputs } from './asm-undef-inputs.js';
import { propagateConstantArguments } from './const-args.js';
import { constProp } from './const-prop.js';
import { copyProp } from './copy-prop.js';
import { deadCodeElim } from './dce.js';
import { dropArguments } from './drop-args.js';
import { deadStoreElim, dropStoresOfKnownConstants, dropStoresOfLoadedValues } from './dse.js';
import { expandMemOps } from './expand-mem.js';
import { foldFieldOffsets } from './field-offsets.js';
import { forwardStores } from './forward-stores.js';
import { forwardMemoryStores } from './forward-memory.js';
import { forwardContextStores } from './ctx-forward.js';
import { foldStackNullChecks } from './null-checks.js';
import { mergeIdenticalBlocks, mergeNearTwinBlocks } from './merge-blocks.js';
import { foldAddresses } from './fold-address.js';
import { globalValueNumbering } from './gvn.js';
import { mergeBitTests } from './bit-tests.js';
import { convertBooleanValues } from './bool-values.js';
import { ifConvert } from './if-convert.js';
import { extractFields } from './extract-fields.js';
import { shareGlobalAddresses, sinkAddressConstants, sinkConstantsToOnlyReader, sinkPastCalls, sinkToUses } from './sink.js';
import { splitLocalDefs } from './split-defs.js';
import { rotateLoops } from './rotate.js';
import { distributeScaledOffsets } from './scaled-offsets.js';
import { scalarReplace } from './sroa.js';
import { foldRangeBranches } from './range-branches.js';
import { compareHighBits } from './high-bit-tests.js';
import { foldStackCompares } from './stack-compares.js';
import { foldByteSwaps } from './bswap-fold.js';
import { simplifyCfg } from './simplify-cfg.js';
import { threadJumps } from './thread.js';
import { unrollLoops } from './unroll.js';
import { dropMasksBeforeNarrowStores, eliminateRedundantMasks, eliminateSignExtensions, eliminateZeroExtensions } from './zext-elim.js';

export interface PassHooks {
  /** Called after every pass on every function: tests validate the IR here, --dump-after prints it. */
  afterPass?(pass: string, fn: IrFunction): void;
}

export const PASS_NAMES = ['simplify-cfg', 'const-prop', 'const-args', 'unroll', 'rotate', 'expand-mem', 'sroa', 'copy-prop', 'gvn', 'fold-address', 'zext-elim', 'sext-elim', 'dse', 'dce', 'sink', 'thread', 'bit-tests', 'merge-blocks', 'forward-stores', 'forward-memory', 'mask-elim', 'null-checks', 'bool-values', 'if-convert', 'asm-undef-inputs', 'split-defs', 'field-offsets', 'range-branches', 'ctx-forward', 'scaled-offsets', 'stack-compares', 'bswap-fold', 'high-bit-tests', 'extract-fields'] as const;

export function optimize(module: Module, ctx: CompileContext, hooks: PassHooks = {}): Module {
  const run = (fn: IrFunction, pass: (typeof PASS_NAMES)[number], f: () => unknown) => {
    ctx.heartbeat?.();
    f();
    hooks.afterPass?.(pass, fn);
  };
  for (const fn of module.functions) {
    run(fn, 'simplify-cfg', () => simplifyCfg(fn));
    run(fn, 'const-prop', () => constProp(fn));
    run(fn, 'simplify-cfg', () => simplifyCfg(fn));
  }
  // Across functions, before unrolling: a loop bounded by a parameter that every call passes as
  // the same constant has a constant trip count in its function.
  for (const fn of propagateConstantArguments(module)) hooks.afterPass?.('const-args', fn);
  for (const fn of module.functions) {
    const errorsBefore = ctx.diags.errorCount;
    run(fn, 'unroll', () => unrollLoops(fn, ctx)); // restricted C: every loop, at every -O level
    run(fn, 'expand-mem', () => expandMemOps(fn, ctx)); // sizes are constants by now, or never will be
    run(fn, 'simplify-cfg', () => simplifyCfg(fn));
    // A loop that could not be unrolled, or a memory builtin that could not be expanded, leaves a
    // function that will never be emitted, possibly grown to the budget: optimising it further
    // would only cost time.
    const unrolled = ctx.diags.errorCount === errorsBefore;
    // The loops kept as loops test their condition at the bottom, as do-while loops.
    if (unrolled) run(fn, 'rotate', () => rotateLoops(fn));
    if (ctx.options.optLevel === 0 && unrolled) {
      // -O0 stays close to the source (statements whose values are dead do go), yet its objects
      // must still load. Unrolled loops multiply the kernel's paths: locals kept in stack slots
      // hold constants the kernel tracks precisely per path, and value diamonds (`c ? x : y`,
      // `a && b`) explored in the wrong order are never pruned (a random program: over 1M
      // processed instructions at -O0, 109k with these passes). So locals go to registers,
      // constants fold, and value diamonds become arithmetic or selects, as at -O2; no value
      // numbering, extension or mask elimination, sinking or block merging.
      run(fn, 'sroa', () => scalarReplace(fn));
      run(fn, 'forward-stores', () => forwardStores(fn));
      run(fn, 'forward-memory', () => forwardMemoryStores(fn));
      run(fn, 'const-prop', () => constProp(fn));
      run(fn, 'copy-prop', () => copyProp(fn));
      run(fn, 'dce', () => deadCodeElim(fn));
      run(fn, 'thread', () => threadJumps(fn));
      run(fn, 'simplify-cfg', () => simplifyCfg(fn));
      convertValueDiamonds(fn, run);
    }
    if (ctx.options.optLevel > 0 && unrolled) {
      run(fn, 'split-defs', () => splitLocalDefs(fn));
      run(fn, 'const-prop', () => constProp(fn));
      run(fn, 'simplify-cfg', () => simplifyCfg(fn));
      run(fn, 'copy-prop', () => copyProp(fn));
      run(fn, 'dce', () => deadCodeElim(fn));
      run(fn, 'thread', () => threadJumps(fn));
      run(fn, 'simplify-cfg', () => simplifyCfg(fn));
      run(fn, 'sroa', () => scalarReplace(fn));
      // A slot whose address a helper takes keeps its stores; the loads just after them fold.
      run(fn, 'forward-stores', () => forwardStores(fn));
      // A constant stored through a pointer and read back after a join is the constant of the path.
      run(fn, 'forward-memory', () => forwardMemoryStores(fn));
      // A context field read back after the program wrote it, or read again, is the value it has.
      run(fn, 'ctx-forward', () => forwardContextStores(fn));
      run(fn, 'null-checks', () => foldStackNullChecks(fn));
      run(fn, 'const-prop', () => constProp(fn));
      // A field packed into a word register by scalar replacement and read back is its value.
      run(fn, 'extract-fields', () => extractFields(fn));
      run(fn, 'copy-prop', () => copyProp(fn));
      run(fn, 'gvn', () => globalValueNumbering(fn));
      run(fn, 'copy-prop', () => copyProp(fn));
      run(fn, 'fold-address', () => foldAddresses(fn));
      // Folding turns accesses through an address register set on several paths (an unrolled
      // loop's `vlans->id[i]`, an inlined callee's `out->x` reached two ways) into slot accesses:
      // such a small aggregate becomes registers too, so its fields are values the verifier
      // ignores when they are not read, not stack bytes whose zero or unknown contents keep
      // states apart. A lone scalar is left in its slot: it is typically a pointer an inlined
      // callee returned through `&p`, read far from where it is set, and a register live that long
      // pushes other values to the stack. Up to 24 bytes: a parse cursor of three pointers
      // (test_cls_redirect.c's `buf_t`, whose address every inlined parser takes) is 1,902 -> 1,814
      // slots (clang 1,627), pping's programs 9 fewer; at 32 pping's kernel walk grew 2,064 -> 2,302
      // instructions, and at 40 test_l4lb.c's packet description spilled (678 -> 753 slots).
      run(fn, 'dce', () => deadCodeElim(fn));
      let replacedLate = false;
      run(fn, 'sroa', () => (replacedLate = scalarReplace(fn, { maxSlotBytes: 24, minFields: 2 })));
      // The slot accesses folding made that read a stored constant (a zeroed struct's flag) take
      // it, and it folds; so do the constants an aggregate replaced here held (an in6_addr
      // compound literal compared word by word: `if w0 != 0x0`, not `w3 = 0; if w0 != w3`).
      let forwardedLate = false;
      run(fn, 'forward-stores', () => (forwardedLate = forwardStores(fn, { constantsOnly: true })));
      if (forwardedLate) {
        run(fn, 'const-prop', () => constProp(fn));
        run(fn, 'copy-prop', () => copyProp(fn));
      } else if (replacedLate) {
        run(fn, 'const-prop', () => constProp(fn));
      }
      if (replacedLate) run(fn, 'extract-fields', () => extractFields(fn));
      run(fn, 'zext-elim', () => eliminateZeroExtensions(fn));
      run(fn, 'sext-elim', () => eliminateSignExtensions(fn));
      run(fn, 'mask-elim', () => eliminateRedundantMasks(fn));
      // `hdr->u16_field = u32_value` stores the value itself: the store keeps only its low bytes.
      run(fn, 'mask-elim', () => dropMasksBeforeNarrowStores(fn));
      // `bpf_ntohs(x) & 0xfff` tested against a constant swaps the constants instead of x.
      run(fn, 'bswap-fold', () => foldByteSwaps(fn));
      // `data + 14 > data_end` with both in one stack array compares offsets, constants or a range decides.
      run(fn, 'stack-compares', () => foldStackCompares(fn));
      // A test the value's range decides (a 16-bit value against -1) becomes a jump.
      run(fn, 'range-branches', () => foldRangeBranches(fn));
      run(fn, 'high-bit-tests', () => compareHighBits(fn));
      run(fn, 'copy-prop', () => copyProp(fn));
      run(fn, 'dse', () => deadStoreElim(fn));
      run(fn, 'dse', () => dropStoresOfLoadedValues(fn));
      run(fn, 'dse', () => dropStoresOfKnownConstants(fn));
      run(fn, 'dce', () => deadCodeElim(fn));
      // `p + (x + 1) * 8` becomes `p + x * 8 + 8`: the constant goes to the pointer's fixed offset.
      run(fn, 'scaled-offsets', () => distributeScaledOffsets(fn));
      run(fn, 'sink', () => sinkToUses(fn));
      // A computation whose value is first needed after a call is made there, not held across it.
      run(fn, 'sink', () => sinkPastCalls(fn));
      // Sinking can bring an address computation (ctx + 48) next to its only access, in another
      // block than where fold-address saw it: fold it again, so context accesses stay ctx + offset.
      run(fn, 'fold-address', () => foldAddresses(fn));
      run(fn, 'dce', () => deadCodeElim(fn));
      // Last: branches on booleans and error codes that the code above has left as constants
      // set just before a join become jumps; then the blocks and values they leave unused go.
      run(fn, 'thread', () => threadJumps(fn, { skipDeadCopies: true }));
      // Two tests of bits of one value in a row (`th->syn && !th->ack`) become one masked compare.
      run(fn, 'bit-tests', () => mergeBitTests(fn));
      for (let round = 0; round < 8; round++) {
        run(fn, 'simplify-cfg', () => simplifyCfg(fn));
        // Blocks that inlining made twins (the same callee's code at two call sites) become one.
        let merged = false;
        run(fn, 'merge-blocks', () => (merged = mergeIdenticalBlocks(fn)));
        // Then blocks that differ only in one constant (tail calls to each protocol's program).
        if (!merged) run(fn, 'merge-blocks', () => (merged = mergeNearTwinBlocks(fn)));
        if (merged) run(fn, 'simplify-cfg', () => simplifyCfg(fn));
        let removed = false;
        run(fn, 'dce', () => (removed = deadCodeElim(fn)));
        if (!removed && !merged) break;
      }
      // A value that other uses kept masked (a load of it that the rounds above found dead) is
      // stored as it is now.
      let unmasked = false;
      run(fn, 'mask-elim', () => (unmasked = dropMasksBeforeNarrowStores(fn)));
      if (unmasked) run(fn, 'dce', () => deadCodeElim(fn));
      // Last of all, once threading has used the booleans that branches test: the value
      // diamonds left become arithmetic (booleans) or selects (a constant set before the branch
      // and the other arm after it).
      convertValueDiamonds(fn, run);
      run(fn, 'sink', () => sinkAddressConstants(fn));
      // A global's address read again after a call, where registers across it are few.
      let shared = false;
      run(fn, 'sink', () => (shared = shareGlobalAddresses(fn)));
      if (shared) run(fn, 'copy-prop', () => copyProp(fn));
      // A constant that one later block reads (an uninitialised aggregate's 0) is set there.
      run(fn, 'sink', () => sinkConstantsToOnlyReader(fn));
    }
  }
  // Across functions: arguments that static functions never read or always get as the same
  // constant (after each is optimised, so that calls pass their constants as immediates); the
  // callees then fold the constants.
  for (const fn of dropArguments(module, ctx)) {
    run(fn, 'const-prop', () => constProp(fn));
    run(fn, 'simplify-cfg', () => simplifyCfg(fn));
    if (ctx.options.optLevel > 0) {
      run(fn, 'copy-prop', () => copyProp(fn));
      run(fn, 'dce', () => deadCodeElim(fn));
    }
  }
  // At every level, once the registers are final: an asm input no definition reaches is dropped.
  for (const fn of module.functions) run(fn, 'asm-undef-inputs', () => dropUndefinedAsmInputs(fn));
  // CO-RE field offsets into the accesses' offsets, last: no pass may fold a constant into them.
  for (const fn of module.functions) run(fn, 'field-offsets', () => foldFieldOffsets(fn));
  return module;
}

type RunPass = (fn: IrFunction, pass: (typeof PASS_NAMES)[number], f: () => unknown) => void;

/**
 * Value diamonds become straight code: booleans (`x = a < b`, `a && b`) arithmetic, rounds
 * until none is left (an inner `&&` first, then the one around it); then selects.
 */
function convertValueDiamonds(fn: IrFunction, run: RunPass): void {
  for (let round = 0; round < 4; round++) {
    let booleans = false;
    run(fn, 'bool-values', () => (booleans = convertBooleanValues(fn)));
    if (!booleans) break;
    run(fn, 'simplify-cfg', () => simplifyCfg(fn));
  }
  let converted = false;
  run(fn, 'if-convert', () => (converted = ifConvert(fn)));
  if (converted) run(fn, 'simplify-cfg', () => simplifyCfg(fn));
}
