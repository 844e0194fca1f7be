// Instruction conformance cases: test/run/isa/*.s, in the assembler's syntax (bpf/assemble.ts)
// with a few directives of their own:
//
//   .case NAME [xdp|socket|tc] [=> VALUE]   starts a case; VALUE is the kernel's result
//   .packet HEX                               the input packet (default: 64 bytes 00 01 02 .. 3f)
//   .update MAP KEYHEX VALUEHEX               fills a map before the run
//   .progarray MAP INDEX PROG                 puts program PROG of the case into a prog array
//   .repeat N                                 runs the program N times on the same context
//   .map / .func / .prog                      as in any assembly file (maps are per case)
//
// The body of a case runs inside a wrapper. For xdp cases it starts with `r9 = r1; r0 = 0` and
// ends at the label `out`, where the wrapper stores the whole of r0 into the first 8 bytes of the
// packet and exits, so VALUE is r0 as 64 bits (read from the output packet). Bodies keep r9 and
// use packet bytes from 8 on. socket and tc cases start with `r6 = r1; r0 = 0` (LD_ABS needs the
// context in r6) and end at `out` with a plain exit: VALUE is the 32-bit return value. The body
// may `goto out`. Lines after the body that start with .func or .prog belong to the object.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export type CaseType = 'xdp' | 'socket' | 'tc';

export interface IsaCase {
  name: string;
  file: string;
  /** 1-based line of the .case directive. */
  line: number;
  type: CaseType;
  /** The recorded kernel result (r0 for xdp, retval for socket/tc). */
  expected: bigint | undefined;
  packet: Uint8Array;
  updates: { map: string; key: Uint8Array; value: Uint8Array }[];
  progArrays: { map: string; index: number; prog: string }[];
  /** BPF_PROG_TEST_RUN's repeat: runs on the same context (default 1). */
  repeat: number;
  /** The assembly file the case becomes. */
  source: string;
}

export const SECTION: Readonly<Record<CaseType, string>> = { xdp: 'xdp', socket: 'socket', tc: 'tc' };
export const KERNEL_TYPE: Readonly<Record<CaseType, string>> = { xdp: 'xdp', socket: 'socket_filter', tc: 'sched_cls' };

const DEFAULT_PACKET = Uint8Array.from({ length: 64 }, (_, i) => i);

function hexBytes(s: string): Uint8Array {
  if (s === '-') return new Uint8Array(0);
  if (!/^([0-9a-fA-F]{2})*$/.test(s)) throw new Error(`bad hex '${s}'`);
  return Uint8Array.from(s.match(/../g) ?? [], (b) => parseInt(b, 16));
}

export function parseCases(text: string, file: string): IsaCase[] {
  const lines = text.split('\n');
  const cases: IsaCase[] = [];
  let cur: { c: IsaCase; body: string[]; rest: string[]; maps: string[]; inRest: boolean } | undefined;
  const finish = (): void => {
    if (!cur) return;
    const { c, body, rest, maps } = cur;
    const prologue = c.type === 'xdp' ? ['    r9 = r1', '    r0 = 0'] : ['    r6 = r1', '    r0 = 0'];
    const epilogue = c.type === 'xdp'
      ? ['out:', '    r2 = *(u32 *)(r9 +0)', '    r3 = *(u32 *)(r9 +4)', '    r4 = r2', '    r4 += 8',
        '    if r4 > r3 goto +1', '    *(u64 *)(r2 +0) = r0', '    exit']
      : ['out:', '    exit'];
    c.source = [...maps, `.prog ${c.name} ${SECTION[c.type]}`, ...prologue, ...body, ...epilogue, ...rest, ''].join('\n');
    cases.push(c);
    cur = undefined;
  };
  lines.forEach((raw, i) => {
    const text = raw.replace(/;.*$/, '').trim();
    const m = /^\.case\s+([A-Za-z_]\w*)(?:\s+(xdp|socket|tc))?(?:\s*=>\s*(-?(?:0x[0-9a-fA-F]+|\d+)))?$/.exec(text);
    if (m) {
      finish();
      cur = {
        c: {
          name: m[1]!, file, line: i + 1, type: (m[2] as CaseType | undefined) ?? 'xdp',
          expected: m[3] === undefined ? undefined : BigInt.asUintN(64, BigInt(m[3])),
          packet: DEFAULT_PACKET, updates: [], progArrays: [], repeat: 1, source: '',
        },
        body: [], rest: [], maps: [], inRest: false,
      };
      return;
    }
    if (!cur) {
      if (text !== '') throw new Error(`${file}:${i + 1}: text before the first .case`);
      return;
    }
    let d: RegExpExecArray | null;
    if ((d = /^\.packet\s+(\S+)$/.exec(text))) cur.c.packet = hexBytes(d[1]!);
    else if ((d = /^\.update\s+(\w+)\s+(\S+)\s+(\S+)$/.exec(text))) cur.c.updates.push({ map: d[1]!, key: hexBytes(d[2]!), value: hexBytes(d[3]!) });
    else if ((d = /^\.repeat\s+(\d+)$/.exec(text))) cur.c.repeat = Number(d[1]);
    else if ((d = /^\.progarray\s+(\w+)\s+(\d+)\s+(\w+)$/.exec(text))) cur.c.progArrays.push({ map: d[1]!, index: Number(d[2]), prog: d[3]! });
    else if (text.startsWith('.map')) cur.maps.push(raw);
    else {
      if (text.startsWith('.func') || text.startsWith('.prog')) cur.inRest = true;
      (cur.inRest ? cur.rest : cur.body).push(raw);
    }
  });
  finish();
  return cases;
}

export const CASE_DIR = new URL('.', import.meta.url).pathname;

export function caseFiles(): string[] {
  return readdirSync(CASE_DIR).filter((f) => f.endsWith('.s')).sort();
}

export function loadCases(): IsaCase[] {
  return caseFiles().flatMap((f) => parseCases(readFileSync(join(CASE_DIR, f), 'utf8'), f));
}
