import type { CodeInfo } from './info.js';

// Codes of ebcc run (src/run/): E9001–E9009. A run-time fault ends one run of the program; the
// message names the instruction, and the span (when the object came from source) its line.
export const runCodes = {
  E9001: {
    name: 'run-invalid-access',
    title: 'the program read or wrote memory outside every object',
    explanation:
      'ebcc run checks every load and store. A pointer names one object (the packet, a stack\n' +
      'frame, a map value, a ring buffer record, the context) and an offset into it, and the\n' +
      'access must lie inside that object: inside [data, data_end) for the packet, inside the\n' +
      '512-byte frame for the stack, inside value_size bytes for a map value. A NULL pointer, for\n' +
      'example the result of a bpf_map_lookup_elem() that found nothing, points at no object.\n' +
      '\n' +
      'The kernel\'s verifier refuses programs that could make such an access, so a program that\n' +
      'faults here would not load. Check the pointer first:\n' +
      '\n' +
      '    if ((void *)(eth + 1) > data_end)\n' +
      '        return XDP_PASS;\n' +
      '    __u64 *v = bpf_map_lookup_elem(&counts, &key);\n' +
      '    if (!v)\n' +
      '        return XDP_PASS;\n' +
      '\n' +
      'Context fields follow the kernel\'s rules too: a field the program type may not read, or a\n' +
      'read of data, data_end or data_meta narrower than 4 bytes, is refused here as well.',
  },
  E9002: {
    name: 'run-unimplemented-helper',
    title: 'the program called a helper that ebcc run does not implement',
    explanation:
      'ebcc run implements the helpers networking programs use: map operations, bpf_ktime_get_ns\n' +
      '(a clock that advances at every call), bpf_get_prandom_u32 (seeded), the XDP adjust and\n' +
      'load/store helpers, bpf_skb_load_bytes/store_bytes, the checksum helpers, redirects, tail\n' +
      'calls, bpf_fib_lookup (against routes given with --fib), bpf_trace_printk, ring buffers and\n' +
      'perf event output. A call of any other helper stops the run with this error, naming the\n' +
      'helper; the same program may still run in the kernel.',
  },
  E9003: {
    name: 'run-instruction-limit',
    title: 'one run executed more instructions than the limit',
    explanation:
      'A run stops after 100 million instructions (the kernel verifier only accepts programs that\n' +
      'terminate, so a program that gets here either loops on input the verifier did not\n' +
      'consider, or was never verified). Check loop bounds; `ebcc run --trace` shows where the\n' +
      'program spends its time.',
  },
  E9004: {
    name: 'run-invalid-instruction',
    title: 'the program reached an instruction ebcc run cannot execute',
    explanation:
      'The instruction is not part of the BPF instruction set (an opcode, source or size field no\n' +
      'form uses), or it is one ebcc run does not model: calls of kernel functions (kfuncs),\n' +
      'ld_imm64 of BTF ids or of callback addresses, or BPF-to-BPF calls nested more than 8\n' +
      'frames deep. The kernel verifier refuses the first kind at load time.',
  },
  E9005: {
    name: 'run-bad-input',
    title: 'a packet, context or map given to ebcc run cannot be used',
    explanation:
      'Packets are given as a file (--packet), as hex digits (--packet-hex) or as a capture\n' +
      '(--pcap). Map entries are NAME=KEY:VALUE with KEY and VALUE as hex bytes of exactly the\n' +
      'map\'s key and value size (or a decimal number, stored little-endian in that size); a\n' +
      'prog_array takes a program name as its value. --maps-in reads the format --maps-out and\n' +
      '--json write: {"NAME": [["KEYHEX", "VALUEHEX"], ...]}. A context image must follow the rules\n' +
      'of BPF_PROG_TEST_RUN: for xdp_md, data_meta 0 and data_end equal to the input\'s length.',
  },
  E9006: {
    name: 'run-no-program',
    title: 'the object has no program that ebcc run can run',
    explanation:
      'ebcc run runs one program of an object: the one named by --program, or the first. A\n' +
      'program is a function in a SEC() section that names a program type. ebcc run models the\n' +
      'contexts of XDP programs (struct xdp_md) and of socket buffer programs (struct __sk_buff:\n' +
      'tc classifiers and actions, socket filters, cgroup skb and lwt programs); other program\n' +
      'types cannot be run here.',
  },
} satisfies Record<string, CodeInfo>;
