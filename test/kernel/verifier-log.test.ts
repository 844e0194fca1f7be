import { describe, expect, it } from 'vitest';
import { splitProgLogs, verifierStats } from './verifier-log.js';

// The shape of `bpftool -d prog loadall` output: libbpf lines around per-program kernel logs.
const TWO_PROGS = [
  "libbpf: sec 'xdp': found program 'first' at insn offset 0 (0 bytes), code size 2 insns (16 bytes)",
  "libbpf: prog 'first': -- BEGIN PROG LOAD LOG --",
  'func#0 @0',
  '0: R1=ctx() R10=fp0',
  '0: (b7) r0 = 2                        ; R0=2',
  '1: (95) exit',
  'verification time 31 usec',
  'stack depth 0',
  'processed 2 insns (limit 1000000) max_states_per_insn 0 total_states 0 peak_states 0 mark_read 0',
  '-- END PROG LOAD LOG --',
  "libbpf: prog 'second': -- BEGIN PROG LOAD LOG --",
  'func#0 @0',
  'func#1 @9',
  'verification time 1204 usec',
  'stack depth 8+32',
  'processed 1234 insns (limit 1000000) max_states_per_insn 4 total_states 87 peak_states 60 mark_read 12',
  '-- END PROG LOAD LOG --',
  "libbpf: prog 'first': pinned at '/sys/fs/bpf/x/first'",
].join('\n');

describe('splitProgLogs', () => {
  it('gives one kernel log per program, without libbpf’s own lines', () => {
    const logs = splitProgLogs(TWO_PROGS);
    expect(logs.map((l) => l.prog)).toEqual(['first', 'second']);
    expect(logs[0]!.log.split('\n')[0]).toBe('func#0 @0');
    expect(logs[0]!.log).not.toContain('libbpf');
    expect(logs[1]!.log).toContain('stack depth 8+32');
    expect(logs[1]!.log).not.toContain('pinned at');
  });

  it('treats text without libbpf markers as one anonymous log', () => {
    expect(splitProgLogs('0: (95) exit\nprocessed 1 insns')).toEqual([
      { prog: undefined, log: '0: (95) exit\nprocessed 1 insns' },
    ]);
    expect(splitProgLogs('  \n')).toEqual([]);
  });
});

describe('verifierStats', () => {
  it('reads the summary of every program', () => {
    expect(verifierStats(TWO_PROGS)).toEqual([
      { prog: 'first', processedInsns: 2, insnLimit: 1_000_000, maxStatesPerInsn: 0, totalStates: 0,
        peakStates: 0, markRead: 0, stackDepthBytes: [0], verificationTimeUs: 31 },
      { prog: 'second', processedInsns: 1234, insnLimit: 1_000_000, maxStatesPerInsn: 4, totalStates: 87,
        peakStates: 60, markRead: 12, stackDepthBytes: [8, 32], verificationTimeUs: 1204 },
    ]);
  });

  it('accepts a bare kernel log whose summary has no mark_read', () => {
    const log = 'stack depth 16\nprocessed 7 insns (limit 1000000) max_states_per_insn 1 total_states 2 peak_states 2\n';
    expect(verifierStats(log)).toEqual([
      { prog: undefined, processedInsns: 7, insnLimit: 1_000_000, maxStatesPerInsn: 1, totalStates: 2,
        peakStates: 2, markRead: undefined, stackDepthBytes: [16], verificationTimeUs: undefined },
    ]);
  });

  it('skips program logs that stop before the summary', () => {
    const log = "libbpf: prog 'cut': -- BEGIN PROG LOAD LOG --\nunreachable insn 3\n-- END PROG LOAD LOG --\n";
    expect(verifierStats(log)).toEqual([]);
  });
});
