// The robustness contract, shared by the robustness tests and the fuzz campaign (scripts/fuzz-build.mjs):
// every input ends in exactly one of
//   - success: no error diagnostic, and an object;
//   - failure: at least one error, every diagnostic's code in the catalogue, none of them E0003
//     (internal compiler error);
// and within a CPU-time limit (CPU time, not wall time, so a loaded machine does not fail it).
import { CODES } from '../../src/diag/codes.js';
import type { CompileOptions } from '../../src/context.js';
import { compileString } from '../util/compile.js';

/**
 * CPU time allowed per input, in ms. The acceptance limit is 10 s per input; this leaves room
 * below it for a loaded CI machine, where the slowest pathological case (a 4,000-trip loop with
 * a branch, fully unrolled) takes about 3.6 s of CPU on an idle one and was seen at 4.1 s.
 */
export const MAX_CASE_CPU_MS = 8000;

export interface Outcome {
  /** Why the input broke the contract, or undefined. */
  violation?: string;
  codes: string[];
  /** An object was produced. */
  compiled: boolean;
  cpuMs: number;
  text: string;
}

export function cpuMsSince(start: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(start);
  return (d.user + d.system) / 1000;
}

export function checkContract(source: string, options: Partial<CompileOptions> = {}, name = 'test.c'): Outcome {
  const start = process.cpuUsage();
  let r: ReturnType<typeof compileString>;
  try {
    r = compileString(source, options, 'obj', name);
  } catch (e) {
    // compile() turns exceptions into E0003; one escaping it is a bug of the driver itself.
    return { violation: `exception escaped compile(): ${(e as Error).stack?.split('\n').slice(0, 3).join(' | ')}`, codes: [], compiled: false, cpuMs: cpuMsSince(start), text: '' };
  }
  const cpuMs = cpuMsSince(start);
  const codes = r.ctx.diags.list.map((d) => d.code);
  const errors = r.ctx.diags.list.filter((d) => d.severity === 'error');
  let violation: string | undefined;
  if (codes.includes('E0003')) violation = `internal compiler error: ${r.text.split('\n').slice(0, 2).join(' | ')}`;
  else if (codes.some((c) => !(c in CODES))) violation = `code not in the catalogue: ${codes.join(', ')}`;
  else if (errors.length === 0 && !(r.elf instanceof Uint8Array && r.elf.length > 0)) violation = 'no error and no object';
  else if (errors.length > 0 && r.elf !== undefined) violation = 'an object despite errors';
  else if (cpuMs > MAX_CASE_CPU_MS) violation = `took ${cpuMs.toFixed(0)} ms of CPU time`;
  return { violation, codes, compiled: r.elf !== undefined, cpuMs, text: r.text };
}
