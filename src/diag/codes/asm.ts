import type { CodeInfo } from './info.js';

// Codes of the assembly front end (src/asm/, bpf/assemble.ts): E7001–E7009.
export const asmCodes = {
  E7001: {
    name: 'asm-syntax',
    title: 'an assembly line or directive could not be read',
    explanation:
      'Assembly files (.s) and the bodies of inline asm statements use the syntax of the kernel\n' +
      'verifier log, one instruction per line, for example:\n' +
      '\n' +
      '    r1 = *(u32 *)(r2 +12)\n' +
      '    if r1 > 0x5dc goto drop\n' +
      '    call bpf_map_lookup_elem\n' +
      '    *(u64 *)(r10 -8) = r1\n' +
      '    lock *(u64 *)(r0 +0) += r1\n' +
      '\n' +
      'Registers are r0..r10 (64-bit) or w0..w10 (32-bit); both operands of an instruction have\n' +
      'the same width. Jumps go to a label ("drop:") or to "pc+N". An assembly file declares\n' +
      'its maps and functions with directives:\n' +
      '\n' +
      '    .license "GPL"\n' +
      '    .map counts array key=4 value=8 entries=16\n' +
      '    .prog xdp_main xdp\n' +
      '            r1 = map[counts]\n' +
      '            ...\n' +
      '    .func helper args=2\n' +
      '\n' +
      'The message says which part of the line was not understood and what was expected there.',
  },
} satisfies Record<string, CodeInfo>;
