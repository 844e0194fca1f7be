// A program's verifier log in the kernel's format: the failing path, the kernel's message and the
// "processed" line that tools such as bpfvv and veristat read. `ebcc verify --log-level` prints it,
// and the playground offers it as a download.
import type { ProgramResult } from './index.js';

export function kernelLogText(p: ProgramResult): string {
  const s = p.stats;
  return `; program ${p.name}\n${(p.log ?? []).join('\n')}\n${p.kernelMessage ?? ''}\n` +
    `processed ${s.processedInsns} insns (limit 1000000) max_states_per_insn ${s.maxStatesPerInsn} total_states ${s.totalStates} peak_states ${s.peakStates} mark_read 0\n`;
}
