// Reading the kernel verifier's log as printed by `bpftool -d prog loadall`.
// libbpf wraps each program's log in
//   libbpf: prog 'NAME': -- BEGIN PROG LOAD LOG --
//   ...kernel log...
//   -- END PROG LOAD LOG --
// and the kernel ends a log with summary lines such as
//   verification time 36 usec
//   stack depth 0+16            (one number per subprogram, '+'-separated)
//   processed 22 insns (limit 1000000) max_states_per_insn 0 total_states 2 peak_states 2 mark_read 0

export interface ProgLog {
  /** program name from libbpf's wrapper; undefined when the text is one bare kernel log */
  prog: string | undefined;
  log: string;
}

export interface VerifierStats {
  prog: string | undefined;
  processedInsns: number;
  insnLimit: number;
  maxStatesPerInsn: number;
  totalStates: number;
  peakStates: number;
  /** absent from the summary line on kernels that dropped the counter */
  markRead: number | undefined;
  /** the stack depth of each subprogram, main program first */
  stackDepthBytes: number[];
  verificationTimeUs: number | undefined;
}

const BEGIN_RE = /prog '([^']*)': -- BEGIN PROG LOAD LOG --/;
const END_MARK = '-- END PROG LOAD LOG --';

/** Splits a bpftool/libbpf log into one kernel verifier log per program. */
export function splitProgLogs(text: string): ProgLog[] {
  const lines = text.split('\n');
  const out: ProgLog[] = [];
  let current: { prog: string; lines: string[] } | undefined;
  for (const line of lines) {
    const begin = BEGIN_RE.exec(line);
    if (begin !== null) {
      if (current !== undefined) out.push({ prog: current.prog, log: current.lines.join('\n') });
      current = { prog: begin[1]!, lines: [] };
    } else if (line.includes(END_MARK) && current !== undefined) {
      out.push({ prog: current.prog, log: current.lines.join('\n') });
      current = undefined;
    } else if (current !== undefined) {
      current.lines.push(line);
    }
  }
  if (current !== undefined) out.push({ prog: current.prog, log: current.lines.join('\n') });
  if (out.length === 0 && text.trim() !== '') out.push({ prog: undefined, log: text });
  return out;
}

const PROCESSED_RE =
  /processed (\d+) insns \(limit (\d+)\) max_states_per_insn (\d+) total_states (\d+) peak_states (\d+)(?: mark_read (\d+))?/;
const STACK_RE = /^stack depth (\d+(?:\+\d+)*)\s*$/m;
const TIME_RE = /^verification time (\d+) usec/m;

/**
 * The verifier's summary numbers, one entry per program log that contains a "processed N insns"
 * line (a log cut short by an early error, e.g. a CFG check, has none and yields no entry).
 */
export function verifierStats(text: string): VerifierStats[] {
  const out: VerifierStats[] = [];
  for (const { prog, log } of splitProgLogs(text)) {
    const p = PROCESSED_RE.exec(log);
    if (p === null) continue;
    const stack = STACK_RE.exec(log);
    const time = TIME_RE.exec(log);
    out.push({
      prog,
      processedInsns: Number(p[1]),
      insnLimit: Number(p[2]),
      maxStatesPerInsn: Number(p[3]),
      totalStates: Number(p[4]),
      peakStates: Number(p[5]),
      markRead: p[6] === undefined ? undefined : Number(p[6]),
      stackDepthBytes: stack === null ? [] : stack[1]!.split('+').map(Number),
      verificationTimeUs: time === null ? undefined : Number(time[1]),
    });
  }
  return out;
}
