import type { CodeInfo } from './info.js';

// Codes of the type checker (E30xx) and of the restricted-C rules (E31xx).
export const semaCodes = {
  E3001: {
    name: 'undeclared-identifier',
    title: 'use of an undeclared identifier',
    explanation: `Every name must be declared before it is used (C11 6.5.1). Check the spelling, and
that the header that declares it is included. ebcc suggests the closest visible name when there is one.

  int f(void) { return countr; }   // error: did you mean 'counter'?`,
  },
  E3002: {
    name: 'redefinition',
    title: 'a name or tag is defined twice',
    explanation: `A name may be defined once in a scope (C11 6.7p3). A note points at the earlier
definition. Rename one of them, or turn one into a declaration.`,
  },
  E3003: {
    name: 'incompatible-types',
    title: 'a value of one type is used where an incompatible type is required',
    explanation: `Assignment, initialisation, argument passing and return convert values only between
compatible types (C11 6.5.16.1). A struct cannot become an int, nor an int a struct. Convert explicitly,
or pass a pointer to the struct.`,
  },
  E3004: {
    name: 'invalid-operands',
    title: 'an operator is applied to operands of the wrong type',
    explanation: `Each operator takes operands of certain types (C11 6.5): arithmetic operators need
integers, comparisons need two integers or two pointers, and so on. The message names the types seen.`,
  },
  E3005: {
    name: 'not-assignable',
    title: 'the left operand of an assignment is not a modifiable lvalue',
    explanation: `Only a modifiable lvalue can be assigned to (C11 6.5.16p2): not a constant, a const
object, an array, or the result of an expression that is not an object. Assign to a variable, a member
or a dereferenced pointer instead.`,
  },
  E3006: {
    name: 'no-member',
    title: 'the struct or union has no member of that name',
    explanation: `The member name after '.' or '->' must be declared in the struct or union type
(C11 6.5.2.3). Check the spelling and the struct's definition in the header.`,
  },
  E3007: {
    name: 'not-a-record',
    title: "'.' or '->' applied to something that is not a struct or union",
    explanation: `'.' needs a struct or union, and '->' needs a pointer to one (C11 6.5.2.3).
Use '->' on pointers such as 'struct iphdr *iph' and '.' on the struct itself.`,
  },
  E3008: {
    name: 'incomplete-type',
    title: 'a type whose size is unknown is used where its size is needed',
    explanation: `A struct that is only declared ('struct foo;') has no size until it is defined
(C11 6.2.5p1). Include the header that defines it, or define it before this use.`,
  },
  E3009: {
    name: 'wrong-argument-count',
    title: 'a call passes the wrong number of arguments',
    explanation: `A call to a function with a prototype must pass as many arguments as it has parameters
(C11 6.5.2.2p2). Check the helper's prototype in bpf_helper_defs.h.`,
  },
  E3010: {
    name: 'not-callable',
    title: 'the called expression is not a function',
    explanation: `Only functions, and in BPF only helper declarations among function pointers, can be called.`,
  },
  E3011: {
    name: 'not-constant',
    title: 'an integer constant expression is required',
    explanation: `Array sizes, case labels, bit-field widths, enum values and _Static_assert need values
known at compile time (C11 6.6). Use literals, enum constants, sizeof and macros, not variables.`,
  },
  E3012: {
    name: 'invalid-declaration',
    title: 'a declaration is malformed',
    explanation: `The type specifiers or declarators of this declaration do not form a valid C type,
for example 'long char', an array of functions, or a negative array size.`,
  },
  E3013: {
    name: 'not-a-pointer',
    title: "'*' or '[]' applied to something that is not a pointer",
    explanation: `Only pointers (and arrays, which decay to pointers) can be dereferenced (C11 6.5.3.2).`,
  },
  E3014: {
    name: 'bad-initializer',
    title: 'the initializer does not fit the object',
    explanation: `An aggregate is initialised with a braced list, a char array with a string literal,
and a scalar with an expression (C11 6.7.9). Designators must name existing members or indices
within bounds.`,
  },
  E3015: {
    name: 'misplaced-jump',
    title: "'break' or 'continue' outside a loop or switch",
    explanation: `'break' ends the innermost loop or switch and 'continue' the innermost loop's
iteration (C11 6.8.6). Outside them they have nothing to jump to.`,
  },
  E3016: {
    name: 'undeclared-label',
    title: "'goto' names a label that does not exist in the function",
    explanation: `Labels have function scope (C11 6.2.1p3): the target must be defined in the same function.`,
  },
  E3017: {
    name: 'duplicate-case',
    title: 'two case labels of a switch have the same value',
    explanation: `Case values in one switch must differ (C11 6.8.4.2p3), and there may be one default.`,
  },
  E3018: {
    name: 'invalid-bitfield',
    title: 'a bit-field has an invalid type or width',
    explanation: `A bit-field must have an integer type, and its width must be between 0 and the width
of that type; only unnamed bit-fields may have width 0 (C11 6.7.2.1).`,
  },
  E3020: {
    name: 'return-mismatch',
    title: 'return value does not match the function type',
    explanation: `A function returning a value must return one on every 'return', and a void function
must not (C11 6.8.6.4). BPF programs return an int: the verdict, such as XDP_PASS.`,
  },
  E3021: {
    name: 'case-outside-switch',
    title: "'case' or 'default' outside a switch",
    explanation: `Case labels may only appear inside the body of a switch statement (C11 6.8.1p2).`,
  },
  E3022: {
    name: 'static-assert',
    title: 'a _Static_assert failed',
    explanation: `The condition of _Static_assert evaluated to 0 at compile time (C11 6.7.10). The
message is the program's own explanation of what it expected.`,
  },
  E3024: {
    name: 'invalid-cast',
    title: 'a cast between types that cannot be converted',
    explanation: `Casts convert between scalar types: integers and pointers (C11 6.5.4). A struct or
array cannot be cast; copy it or take its address instead.`,
  },
  E3025: {
    name: 'incompatible-pointer-types',
    title: 'a pointer is converted to a pointer of an unrelated type',
    explanation: `Assigning 'struct iphdr *' to 'struct tcphdr *' is allowed with a cast but is usually a
mistake. Cast explicitly if it is intended: '(struct tcphdr *)(iph + 1)'.`,
    clangFlags: ['incompatible-pointer-types'],
  },
  E3026: {
    name: 'int-pointer-conversion',
    title: 'an integer is converted to a pointer or back without a cast',
    explanation: `C requires a cast to turn an integer into a pointer or a pointer into an integer.
In BPF, packet pointers are made from ctx fields with '(void *)(long)ctx->data'.`,
    clangFlags: ['int-conversion'],
  },
  E3027: {
    name: 'distinct-pointer-types',
    title: 'pointers of distinct types are compared',
    explanation: `Comparing, for example, 'struct ethhdr *' with 'void *' is fine, but two pointers to
different object types usually means a missing cast. The classic bounds check compares
'(void *)(eth + 1) > data_end' where both sides are 'void *'.`,
    clangFlags: ['compare-distinct-pointer-types'],
  },
  E3028: {
    name: 'pointer-sign',
    title: 'pointers to integers of different signedness are mixed',
    explanation: `'unsigned char *' and 'char *' point to the same bytes but read them differently.
Add a cast if the conversion is intended.`,
    clangFlags: ['pointer-sign'],
  },
  E3029: {
    name: 'discards-const',
    title: "a pointer conversion drops 'const'",
    explanation: `Passing a pointer to const data where a pointer to modifiable data is expected allows
the callee to write to it. Keep the 'const', or copy the data.`,
    clangFlags: ['incompatible-pointer-types-discards-qualifiers'],
  },
  E3030: {
    name: 'literal-too-large',
    title: 'an integer literal does not fit any integer type',
    explanation: `An integer literal takes the first type of its list (int, long, long long, and their
unsigned forms for hex, octal and 'u' suffixes) that can hold it (C11 6.4.4.1). The widest is unsigned
long long, 64 bits: 18446744073709551615 is the largest literal. Check for a typo or a missing digit
separator; BPF registers are 64 bits wide, so no wider constant can be used.`,
  },
  E3031: {
    name: 'shift-count',
    title: 'a shift count is negative or at least the width of the type',
    explanation: `In C, shifting by a negative count or by the width of the promoted type or more is
undefined (C11 6.5.7p3). BPF masks the count, so the result may not be what C suggests. Shift a wider
type ('1ULL << 40') or reduce the count.`,
    clangFlags: ['shift-count-overflow', 'shift-count-negative'],
  },
  E3032: {
    name: 'excess-initializers',
    title: 'an initializer has more elements than the object',
    explanation: `The extra elements are ignored (C11 6.7.9p2). Remove them, or enlarge the array.`,
    clangFlags: ['excess-initializers'],
  },
  E3033: {
    name: 'unnamed-parameter',
    title: 'a function parameter has no name',
    explanation: `The kernel checks the BTF description of every function (func_info), and rejects
function prototypes with unnamed parameters. Name every parameter of every function you define.`,
  },
  E3034: {
    name: 'unused-variable',
    title: 'a local variable is never used',
    explanation: `A variable declared in a function that no expression names (an assignment, sizeof or typeof
counts as naming it) is usually left over from an edit. As clang does, ebcc says so only when asked:
-Wall, -Wunused or -Wunused-variable turn the warning on, -Wno-unused-variable off. Remove the
variable, or mark it __attribute__((unused)) if it is kept on purpose.`,
    clangFlags: ['unused-variable', 'unused'],
    onlyWith: ['all', 'most', 'unused', 'unused-variable', 'everything'],
  },
  E3101: {
    name: 'global-variable',
    title: 'a file-scope object has no storage a BPF object can give it',
    explanation: `Writable globals and static locals are data: like clang (since Linux 5.2 and libbpf 0.1),
ebcc places one with a non-zero initializer in .data, one without (or all zero) in .bss, and one
with a section attribute (SEC(".data.stats")) in that section; 'const volatile' configuration goes
to .rodata. libbpf turns each section into a one-element array map, and each use of the variable
into the address of its bytes in the map's value: state kept there lasts across runs, and user
space reads and writes it through the map (or a skeleton).

What has no storage, and is reported with this code:
- a map in SEC(".maps") that is not a struct of __uint/__type members, or a BPF_ANNOTATE_KV_PAIR
  annotation without 'key' and 'value' members;
- an extern variable that a program uses, other than those libbpf fills at load time (kernel
  configuration values declared __kconfig, kernel symbols declared __ksym, maps of another object
  that bpftool gen object links in): there is nothing else to link it against;
- a compound literal at file scope, an unnamed object: declare a named global instead.

Instead of

  int *ports = (int[]){ 53, 80 };           // rejected

write

  int ports[] = { 53, 80 };`,
  },
  E3102: {
    name: 'recursion',
    title: 'a function calls itself, directly or through others',
    explanation: `The verifier requires the call graph of a BPF program to be a DAG: it rejects recursion
("back-edge from insn X to Y" or "recursive call"), because each call frame uses stack and the total
is bounded at 512 bytes over at most 8 frames. Rewrite the recursion as a loop with a constant bound,
or use bpf_loop() for a long iteration. A function that calls itself only in tail position
(\`return f(x - 1);\`, or an arm of a returned conditional) is no recursion: ebcc makes those calls a
loop back to the start of the function, as clang's tail-call elimination does.`,
  },
  E3103: {
    name: 'floating-point',
    title: 'floating-point types or arithmetic are used',
    explanation: `The BPF instruction set has no floating-point registers or instructions, and kernel
code does not use the FPU. Use integers: fixed point (scale by 1000 or by a power of two), or
compute ratios in user space from counters in maps.`,
  },
  E3104: {
    name: 'variable-length-array',
    title: 'an array size is not a compile-time constant',
    explanation: `Every BPF stack slot must be known at compile time: the stack is a fixed 512 bytes
and the verifier checks each access against it. Variable-length arrays and alloca() have a run-time
size. Use a constant maximum size, and check the run-time length against it.`,
  },
  E3105: {
    name: 'function-pointer-call',
    title: 'a call through a function pointer',
    explanation: `BPF calls are either helper calls ('call N' with a fixed helper id) or direct calls to
functions in the same object. There are no indirect calls. Helper declarations such as
'static long (*bpf_foo)(...) = (void *) 42;' are the one exception: they name helper 42. Call the
function directly, or choose between functions with a switch; for dispatching to other programs
use a tail call (bpf_tail_call with a BPF_MAP_TYPE_PROG_ARRAY).`,
  },
  E3106: {
    name: 'too-many-arguments',
    title: 'more than five arguments to a helper or a BPF-to-BPF call',
    explanation: `BPF passes arguments in registers R1 to R5 only; there is no argument stack. A helper
or a function that is not inlined can take at most 5 arguments. Group arguments in a struct on the
stack and pass its address, or mark the function __always_inline. As clang does, ebcc removes the
parameters of a static function that its body never reads or that every call passes as the same
constant, so only a static function with more than 5 other parameters (or one whose address is
taken) is an error.`,
  },
  E3107: {
    name: 'string-literal',
    title: 'the address of a string literal stored in a global object',
    explanation: `String literals used in code live in read-only data (.rodata.str1.1), which libbpf loads as
a read-only map, and code reaches them through instructions the loader patches:

  bpf_trace_printk("len %d\\n", sizeof("len %d\\n"), len);   // fine

A global table of pointers to strings would need the loader to patch pointers inside a data
section, which libbpf does not do. Wrong:

  static const char *const names[] = { "dns", "http" };

Right: keep the characters themselves in the table, one fixed-size row per string:

  static const char names[][8] = { "dns", "http" };`,
  },
  E3108: {
    name: 'program-signature',
    title: 'a program function has the wrong signature for its section',
    explanation: `The kernel calls a BPF program with one argument, the context pointer, whose type is
fixed by the program type: 'struct xdp_md *' for xdp, 'struct __sk_buff *' for tc and socket
filters. The program returns an int verdict. Declare it as, for example:

  SEC("xdp") int my_prog(struct xdp_md *ctx)

'void *ctx' is accepted too, and so is a program without parameters, which never reads its
context. A pointer to another struct (a copy of the context struct with a field the headers lack,
or the context of another program type) is a warning: the kernel checks each access by its offset
in the real context struct, so the struct must have the same layout where the program reads it.`,
    loaderAdvice: true,
  },
  E3109: {
    name: 'unknown-section',
    title: 'SEC() names no program type libbpf knows',
    explanation: `libbpf derives the program type from the section name of each program: "xdp",
"tc", "socket", "cgroup_skb/ingress", "tracepoint/..." and so on. libbpf 1.x refuses to load a
program whose section it cannot map (bpftool: "failed to guess program type") unless the loader
sets the type itself, as 'bpftool prog loadall OBJ DIR type tc' or iproute2's 'tc filter ... bpf
obj OBJ sec NAME' do. clang does not look at section names, so old programs often use names like
"l4lb-demo" or "filter".

ebcc compiles such a program and checks it as the type -mprog-type= names, else as the type its
context parameter implies ('struct xdp_md *' is xdp, 'struct __sk_buff *' is checked as sched_cls).
To make the object load as it is, rename the section as the note suggests:

  SEC("tc") int balancer_ingress(struct __sk_buff *skb)

With -Werror this stays a warning: a Makefile that builds with clang -Werror builds with ebcc too.`,
    loaderAdvice: true,
  },
  E3110: {
    name: 'legacy-section',
    title: 'a section name from before libbpf 1.0',
    explanation: `Names like "classifier/x", "xdp_foo" or "socket1" were accepted by old loaders.
libbpf 1.x matches section names exactly (or by a known prefix followed by '/'), so such an object
fails to open unless the loader forces the program type. Rename the section as suggested.
With -Werror this stays a warning, as clang gives none.`,
    loaderAdvice: true,
  },
  E3111: {
    name: 'unknown-helper',
    title: 'a BPF helper that does not exist or is not declared',
    explanation: `Helpers are kernel functions with fixed ids, declared in <bpf/bpf_helper_defs.h>
(included by <bpf/bpf_helpers.h>). A name that is not among them cannot be called. ebcc suggests
the closest helper name.`,
  },
  E3112: {
    name: 'inline-asm',
    title: 'inline assembly that ebcc cannot compile',
    explanation: `ebcc compiles GNU inline assembly whose template is BPF assembly in the kernel log's syntax
('r1 = %[x]', 'call 12', '*(u64 *)(%[p] + 8) = r0'; ';' or a newline between instructions), with:
  - outputs "=r" (a register), "=w" (its 32-bit half), "+r"/"+w" (read too), "=g"/"+g" (taken
    as a register), and "=m"/"+m" (memory); each output after the first needs a register that
    no input, clobber or register named in the template uses;
  - inputs "r"/"w"/"p" (registers), "m" (memory: written '(rN + 0)', so '*(u64 *)%[x]' is the
    object), "i" (an immediate: a constant, a helper's name, or &map), "ri"/"g" (an immediate
    when constant, else a register), and "N" (an input that starts in output N's register);
  - clobbers "r0".."r9", "memory" and "cc"; registers named in the template and, when it calls a
    helper, R0-R5 are treated as clobbered too;
  - asm goto without outputs, whose template jumps to C labels written %l[name] or %lN;
    '__label__ name;' makes a label local to its block or statement expression.
  asm volatile("%[a] += %[b]" : [a]"+r"(a) : [b]"r"(b));          // fine
  asm volatile goto("if %[x] s> 10 goto %l[big]" :: [x]"r"(x) :: big);
A template may call a helper ('call bpf_get_prandom_u32', or "i" operand 'call %[helper]') and a
function emitted in .text by its name ('call subprog', where subprog is __noinline, or naked
and used, as the kernel's verifier tests write it), or a kernel function declared __ksym
('call bpf_throw', as bpf_experimental.h's bpf_assert does).
Not supported: asm goto with outputs (store through an "r" address input instead), other
constraints, calls of functions that are inlined rather than emitted, taking a function's
address in a template (pass callbacks in C), and file-scope asm.`,
  },
} satisfies Record<string, CodeInfo>;
