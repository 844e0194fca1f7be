// Calls: helper calls become `call id`; calls to functions defined in the
// unit are inlined (always for __always_inline) unless marked __noinline or
// kept out of line by inline-policy.ts, which keeps a BPF-to-BPF call.
import type { Operand, VReg } from '../ir/ir.js';
import { reg } from '../ir/ir.js';
import type { TExpr } from '../sema/program.js';
import * as T from '../sema/types.js';
import { beginTailTarget, emit, homeOf, newBlock, newVReg, startBlock, type Lowerer } from './builder.js';
import { homeLValue, lowerExpr, storeLValue } from './expr.js';
import { lowerStmt } from './stmt.js';
import { packetLoadIntrinsic } from '../bpf/intrinsics.js';
import { tailSelfCalls } from '../sema/tail-calls.js';
import { keepsCall } from './inline-policy.js';

/**
 * The variadic arguments of a helper call whose type is 32 bits wide: C passes them as such (an
 * int stays an int under the default promotions) and the callee reads them so, as
 * bpf_trace_printk formats `%d`, `%u` and `%x` from the low half of the register.
 */
function variadicLow32Args(e: TExpr & { kind: 'HelperCall' }): number[] {
  let t = T.strip(e.helper.type);
  if (t.kind === 'ptr') t = T.strip(t.to);
  if (t.kind !== 'func' || !t.variadic) return [];
  const out: number[] = [];
  for (let k = t.params.length; k < e.args.length; k++) {
    const at = e.args[k]!.type;
    if (T.isInteger(at) && T.sizeOf(at) === 4) out.push(k);
  }
  return out;
}

/** Inlining depth beyond which a call is reported rather than expanded (recursion is rejected earlier). */
const MAX_INLINE_DEPTH = 32;

export function lowerCall(l: Lowerer, e: TExpr & { kind: 'Call' | 'HelperCall' }): Operand | undefined {
  const args = e.args.map((a) => lowerExpr(l, a));
  const returnsValue = !T.isVoid(e.type);
  if (e.kind === 'HelperCall') {
    const dst = returnsValue ? newVReg(l) : undefined;
    const low32Args = variadicLow32Args(e);
    emit(l, { op: 'call', helper: e.helperId, args, dst, ...(low32Args.length > 0 ? { low32Args } : {}), span: l.span });
    return dst === undefined ? undefined : reg(dst);
  }
  const def = e.callee.def;
  const packetLoad = def ? undefined : packetLoadIntrinsic(e.callee.asmLabel);
  if (packetLoad) return lowerPacketLoad(l, e, args, packetLoad.sizeBytes);
  if (!def && e.callee.section === '.ksyms') {
    // A kernel function (__ksym): a BPF-to-BPF call relocated against the undefined symbol, which
    // libbpf resolves in the kernel's BTF and turns into a kfunc call (src_reg 2, imm the BTF id).
    const dst = returnsValue ? newVReg(l) : undefined;
    emit(l, { op: 'callfn', func: e.callee.name, args, dst, span: l.span });
    return dst === undefined ? undefined : reg(dst);
  }
  if (!def) {
    // A function of another BPF object (as clang emits the call): a BPF-to-BPF call relocated
    // against the undefined symbol, which `bpftool gen object` (libbpf's static linker) resolves
    // with the object that defines it. The object does not load on its own, so say so.
    l.ctx.diags.warning('E5008', `function '${e.callee.name}' is not defined in this file: the call goes to an undefined symbol, so the object loads only once 'bpftool gen object' links it with the object that defines '${e.callee.name}'`, e.span, {
      notes: [{ message: 'declared here', span: e.callee.span }],
    });
    const dst = returnsValue ? newVReg(l) : undefined;
    emit(l, { op: 'callfn', func: e.callee.name, args, dst, span: l.span });
    return dst === undefined ? undefined : reg(dst);
  }
  const frame = l.inline[l.inline.length - 1];
  const frequency = (l.policy.frequency.get(e) ?? 1) * (frame?.frequency ?? 1);
  if (e.callee.noInline || keepsCall(l.policy, e, frequency)) {
    if (!e.callee.noInline) l.outlined.add(e.callee.name);
    const dst = returnsValue ? newVReg(l) : undefined;
    emit(l, { op: 'callfn', func: e.callee.name, args, dst, span: l.span });
    return dst === undefined ? undefined : reg(dst);
  }
  if (l.inline.length >= MAX_INLINE_DEPTH) {
    l.ctx.diags.error('E5009', `inlining '${e.callee.name}' nests more than ${MAX_INLINE_DEPTH} calls deep`, e.span);
    return undefined;
  }
  // Inline: parameters become fresh variables of this function.
  const exit = newBlock(l);
  const result = returnsValue ? newVReg(l, `${e.callee.name}.ret`) : undefined;
  l.vars.push(new Map());
  l.labels.push(new Map());
  def.params.forEach((p, i) => {
    storeLValue(l, homeLValue(homeOf(l, p), p.type), args[i]!);
  });
  // A callee that calls itself in tail position loops back to the start of its body (sema/tail-calls.ts).
  const tail = tailSelfCalls(def).size > 0 ? beginTailTarget(l, def) : undefined;
  l.inline.push({ exit, result, callee: e.callee.name, callSpan: e.span, frequency: e.callee.alwaysInline ? frequency : 1, ...(tail ? { tail } : {}) });
  const savedBreak = l.breakTargets;
  const savedContinue = l.continueTargets;
  l.breakTargets = [];
  l.continueTargets = [];
  const savedSpan = l.span;
  lowerStmt(l, def.body);
  l.span = savedSpan;
  l.breakTargets = savedBreak;
  l.continueTargets = savedContinue;
  l.inline.pop();
  l.vars.pop();
  l.labels.pop();
  if (l.cur) {
    if (result !== undefined) emit(l, { op: 'mov', bits: 64, dst: result, src: { kind: 'imm', value: 0n }, span: l.span });
    l.cur.term = { op: 'jmp', target: exit, span: l.span };
    l.cur = undefined;
  }
  startBlock(l, exit);
  return result === undefined ? undefined : reg(result);
}

/** `load_half(skb, off)` declared with asm("llvm.bpf.load.half"): one LD_ABS (constant offset) or LD_IND. */
function lowerPacketLoad(l: Lowerer, e: TExpr & { kind: 'Call' }, args: (Operand | undefined)[], size: 1 | 2 | 4): Operand | undefined {
  const [ctxArg, offArg] = args;
  if (args.length !== 2 || !ctxArg || !offArg || !T.isPointer(e.args[0]!.type) || T.isPointer(e.args[1]!.type)) {
    l.ctx.diags.error('E5014', `'${e.callee.name}' (${e.callee.asmLabel}) takes the socket buffer pointer and a packet offset: ${e.callee.name}(skb, offset)`, e.span, {
      notes: [{ message: 'declared here', span: e.callee.span }],
    });
    return undefined;
  }
  let ctx: VReg;
  if (ctxArg.kind === 'reg') ctx = ctxArg.reg;
  else {
    ctx = newVReg(l);
    emit(l, { op: 'mov', bits: 64, dst: ctx, src: ctxArg, span: l.span });
  }
  const dst = newVReg(l);
  emit(l, { op: 'ldabs', size, ctx, off: offArg, dst, span: l.span });
  return reg(dst);
}
