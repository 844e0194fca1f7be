// The context rules ebcc run and the verifier apply, read from the tables (ctx-layouts.ts): which
// struct a program type's context is, and whether an access of a size at an offset is one the
// verifier allows, to which field, and whether the load yields a pointer. Kept in one place so
// the rest of src/run and src/verify do not depend on the tables' shape.
import { ctxFieldAllowed, ctxFieldAt, ctxLayout, CTX_ACCESS, type CtxLayout } from './ctx-layouts.js';

/** What a context load yields when it is not a scalar. */
export type CtxLoad = 'pkt' | 'pkt_end' | 'pkt_meta' | 'other_pointer';

export interface CtxAccessRule {
  /** The field accessed, and its offset and element size (elements of arrays such as cb[5]). */
  field: string;
  fieldOffsetBytes: number;
  elemBytes: number;
  loads: CtxLoad | undefined;
}

/** The struct a program type's context is, if ebcc knows its layout. */
export function ctxStructOf(progType: string): CtxLayout | undefined {
  const policy = CTX_ACCESS[progType];
  return policy ? ctxLayout(policy.ctx) : undefined;
}

/** The rule for an access, or a reason the verifier would refuse it. */
export function ctxAccessRule(
  progType: string, expectedAttach: string | undefined, layout: CtxLayout, offsetBytes: number, sizeBytes: number, write: boolean,
): CtxAccessRule | string {
  const f = offsetBytes >= 0 ? ctxFieldAt(layout, offsetBytes) : undefined;
  if (!f) return 'which is not a field';
  if (ctxFieldAllowed(progType, f.name, write ? 'write' : 'read', expectedAttach) === false) {
    return `(${f.name}), which programs of type ${progType} may not ${write ? 'write' : 'read'}`;
  }
  const elem = f.sizeBytes / f.count;
  const within = (offsetBytes - f.offsetBytes) % elem;
  if (within + sizeBytes > elem || within % sizeBytes !== 0 || (f.exactSize && (sizeBytes !== elem || within !== 0)) || (write && sizeBytes !== elem)) {
    return `(${f.name} is ${elem} bytes${f.exactSize || write ? ' and must be accessed whole' : ''})`;
  }
  const loads: CtxLoad | undefined = f.pointer === undefined ? undefined
    : f.pointer === 'pkt' || f.pointer === 'pkt_end' || f.pointer === 'pkt_meta' ? f.pointer : 'other_pointer';
  return { field: f.name, fieldOffsetBytes: f.offsetBytes + (offsetBytes - f.offsetBytes - within), elemBytes: elem, loads };
}
