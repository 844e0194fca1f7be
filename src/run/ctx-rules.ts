// The context rules ebcc run applies: the shared ones of bpf/ctx-access.ts (the verifier reads
// the same), re-exported so the interpreter's files name one module.
export { ctxAccessRule, ctxStructOf, type CtxAccessRule, type CtxLoad } from '../bpf/ctx-access.js';
