// Size limits of the BPF machine and of the kernel's loader, stated once: the stages that
// check them (lowering, unrolling, memory builtins, frame layout) read them here.

/** The BPF stack: 512 bytes per program, over the whole call chain (MAX_BPF_STACK). */
export const STACK_LIMIT_BYTES = 512;

/** Most instructions the kernel loads in one program with CAP_BPF (BPF_COMPLEXITY_LIMIT_INSNS). */
export const MAX_PROGRAM_INSNS = 1_000_000;
