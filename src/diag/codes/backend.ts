import type { CodeInfo } from './info.js';

// Codes of the back end: lowering, optimisation and code generation (E5xxx).
export const backendCodes = {
  E5001: {
    name: 'internal-lowering',
    title: 'an internal error of the lowering stage',
    explanation: `ebcc met a construct it could not lower. This is a bug in ebcc: please report it with
the smallest program that shows it.`,
  },
  E5002: {
    name: 'function-address',
    title: 'the address of a function that is not defined in the file',
    explanation: `A function's address is a callback for helpers such as bpf_loop(), bpf_for_each_map_elem()
and bpf_timer_set_callback(): ebcc emits the function as a .text subprogram and loads its address
with an ld_imm64 that the loader resolves. So the function must be defined in the same file.
Wrong: 'long cb(__u32 i, void *ctx);' declared only, then bpf_loop(n, cb, &c, 0).
Right: define it, 'static long cb(__u32 i, void *ctx) { ...; return 0; }'.`,
  },
  E5003: {
    name: 'no-storage',
    title: 'a global object without BPF storage is read or written',
    explanation: `Only maps, 'const' objects with constant initializers and 'const volatile' configuration
variables can be used by code. Keep mutable state in a map.`,
  },
  E5004: {
    name: 'signed-division',
    title: 'signed division or remainder before -mcpu=v4',
    explanation: `BPF instruction sets v1 to v3 have only unsigned division and modulo; signed versions
(sdiv, smod) arrived in v4 (Linux 6.6). Make the operands unsigned when they cannot be negative, or
compile with -mcpu=v4 for kernels that have it. As with clang, only a division that is still there
after optimisation is an error: one whose result is never used, or that sits in code removed after
inlining and constant propagation, needs no instruction.`,
  },
  E5005: {
    name: 'struct-return',
    title: 'a function returns a struct by value',
    explanation: `BPF returns values in R0 only, 8 bytes at most. Return a pointer, or pass a pointer to a
struct that the function fills.`,
  },
  E5006: {
    name: 'variable-memop-size',
    title: 'memcpy/memset/memcmp with a size that is not a constant',
    explanation: `BPF has no memcpy instruction: ebcc expands these builtins into loads and stores, which
needs the size (and memset's fill byte) at compile time. The size may come from an argument of an
inlined function or from a loop counter: it only has to be a constant after inlining, constant
propagation and loop unrolling, as with clang. Use a constant size (sizeof of a struct, or a bound),
or a helper such as bpf_skb_load_bytes for run-time lengths.`,
  },
  E5007: {
    name: 'atomic-size',
    title: 'an atomic operation on a value BPF atomics cannot handle',
    explanation: `BPF atomic instructions (BPF_ATOMIC: add, or, and, xor, xchg, cmpxchg) work on 4 and 8-byte
values. Use a __u32 or __u64 counter.`,
  },
  E5008: {
    name: 'undefined-function',
    title: 'a call to a function that this file declares but does not define',
    loaderAdvice: true,
    explanation: `ebcc compiles the call as clang does: a BPF-to-BPF call relocated against an undefined
symbol, with the function's type in BTF (linkage extern). libbpf cannot load such an object on its
own: link it first with the object that defines the function,

  bpftool gen object linked.o prog.o lib.o

(libbpf's static linker), then load linked.o. If the function was meant to be part of this program,
define it here (or in an included header). A kernel function (kfunc) is declared with __ksym from
<bpf/bpf_helpers.h> instead:

  extern void *bpf_cast_to_kern_ctx(void *ctx) __ksym;

and libbpf finds it in the kernel's BTF when it loads the object.`,
  },
  E5009: {
    name: 'inline-depth',
    title: 'calls nest too deeply to inline',
    explanation: `ebcc inlines static functions. Nesting beyond the limit usually means runaway recursion
through macros. Mark a function __noinline to make it a BPF-to-BPF call instead.`,
  },
  E5010: {
    name: 'stack-overflow',
    title: 'the stack frame exceeds 512 bytes',
    explanation: `The BPF stack is 512 bytes per program, counted over the whole chain of BPF-to-BPF calls.
The message lists the largest variables. Move big buffers into a per-CPU array map
(BPF_MAP_TYPE_PERCPU_ARRAY with one entry) and work on the map value instead, or shrink them.`,
  },
  E5011: {
    name: 'unbounded-loop',
    title: 'a loop the kernel would never accept',
    explanation: `ebcc unrolls a loop whose trip count is a compile-time constant (after inlining, constant
arguments of static functions and constant propagation), up to 8,192 iterations, when its unrolled
copies are small (at most 200 IR instructions) or it is marked '#pragma unroll' or
'#pragma clang loop unroll(full)'. A larger constant loop stays a loop, as clang keeps it, unless
its paths could multiply the verifier's work past a quarter of its limit (then it is unrolled);
'#pragma nounroll' or '#pragma clang loop unroll(disable)' keeps any loop. Any other loop
stays a loop with a back edge, as clang leaves it: since Linux 5.3 the verifier accepts a bounded
loop, walking it iteration by iteration, and ebcc's own verifier does the same on every build.
A loop is refused only where the kernel surely would:

  - nothing leaves it (no condition, break or return): 'for (;;) s += 3;'
  - its iterations are constant and add up to more than the 1,000,000 instructions the verifier
    walks: 'for (i = 0; i < 3000000; i++)'
  - it is entered at more than one point (a goto into its body): it has no header.

A loop bounded by data the verifier cannot bound (a 32-bit count from a packet) is left to the
verifier, which gives up ("The sequence of 8193 jumps is too complex", "BPF program is too
large"): add a constant bound ('for (i = 0; i < 16 && i < len; i++)'). For long or
data-dependent iterations, move the body into a callback that bpf_loop() (Linux 5.17) calls up
to n times; the callback returns 0 to go on and 1 to stop, and the verifier checks it once:

  static long step(__u32 i, void *data) { struct state *st = data; ...; return 0; }
  ...
  bpf_loop(n, step, &st, 0);`,
  },
  E5012: {
    name: 'program-too-large',
    title: 'a program exceeds the instruction limit',
    explanation: `The kernel loads at most 1,000,000 instructions per program (4,096 without CAP_BPF), and
jump offsets are limited to 16 bits. Split the program with tail calls, or reduce unrolled loops.
ebcc expands memcpy, memmove, memset and memcmp into loads and stores, so it refuses one of more
than 65,536 bytes before expanding it, and stops expanding in a function that the expansions would
grow past 100,000 instructions (the same budget as loop unrolling; a memset in a loop of 4,000
iterations is expanded 4,000 times):

  __builtin_memset(buf, 0, 1 << 20);      // wrong: 131,072 stores
  __builtin_memset(buf, 0, sizeof(buf));  // right, with buf a small object`,
  },
  E5016: {
    name: 'memory-builtin-out-of-bounds',
    title: 'a memory builtin reads or writes past the local it points into',
    explanation: `ebcc expands memcpy, memmove, memset and memcmp into loads and stores once their size is a
constant. When the address is a local variable (or a constant offset into one) and the bytes run past
its end, or start before it, the stores would overwrite other locals or leave the 512-byte frame: C
leaves that undefined, and the kernel's verifier refuses any access above the frame pointer. clang
warns about the same calls (-Wfortify-source); ebcc refuses them, at the call, with the local's
declaration in a note. Unrolled loops are checked in every copy, so a size or an offset that grows
with the loop counter is caught at the iteration that overflows:

  unsigned char buf[64];
  __builtin_memset(buf, 0, 4096);         // wrong: 4,096 bytes into 64
  __builtin_memset(buf, 0, sizeof(buf));  // right
  for (int i = 0; i < 4; i++)
    __builtin_memcpy(buf + 16 * i, src, 32); // wrong at i = 3: bytes 48..79 of 64`,
  },
  E5013: {
    name: 'register-pressure',
    title: 'register allocation did not converge',
    explanation: `BPF has ten usable registers (R0-R9), and values that live across a helper call must sit in
R6-R9. ebcc spills the rest to the stack, but gave up on this function. Split the function into smaller
__always_inline helpers, or keep fewer values alive across calls.`,
  },
  E5015: {
    name: 'asm-immediate',
    title: 'an "i" operand of inline assembly that is not a constant',
    explanation: `An "i" (immediate) operand is written into the instruction itself, so its value must be
known when the program is compiled. ebcc accepts a value that becomes constant after inlining and
constant propagation, as clang does:

  static __always_inline void jump(void *ctx, __u32 slot)
  { asm volatile("r3 = %[slot]" :: [slot]"i"(slot) : "r3"); }
  ...
  jump(ctx, 2);        // right: the slot is the constant 2 here
  jump(ctx, skb->mark) // wrong: known only at run time

Use an "r" (register) operand for a value computed at run time.`,
  },
  E5014: {
    name: 'packet-load-intrinsic',
    title: 'a legacy packet load (llvm.bpf.load.*) is declared or called wrongly',
    explanation: `Socket filters of the kernel's samples declare the LD_ABS/LD_IND packet loads as
functions with an LLVM assembler name, and ebcc compiles each call to one BPF_LD instruction:

  unsigned long long load_byte(void *skb, unsigned long long off) asm("llvm.bpf.load.byte");
  unsigned long long load_half(void *skb, unsigned long long off) asm("llvm.bpf.load.half");
  unsigned long long load_word(void *skb, unsigned long long off) asm("llvm.bpf.load.word");

A call takes exactly two arguments: the program's context pointer (the socket buffer) and the
offset in the packet. Wrong: load_half(skb) or load_half(12, skb). Right: load_half(skb, 12).
The load returns the value in host order (the kernel converts from network order), and a load
past the end of the packet ends the program with return value 0. Programs that need to tell
the two apart read the packet with bpf_skb_load_bytes() instead.`,
  },
} satisfies Record<string, CodeInfo>;
