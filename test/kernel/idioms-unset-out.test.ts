// An out-parameter left unset on a parser's error return (opt/sroa.ts, loops.ts defsBeforeUses):
// test/kernel/idioms/unset_out.c tests the header pointer against the end of the packet on a path
// where it was never set, in a function with a loop kept as a loop. The unset path takes the set
// value, as clang takes it, so the pointer is a packet pointer there too and the kernel accepts
// the object (with the unset pointer read as 0 it refused the access, "R0 invalid mem access
// 'scalar'"). The expected verdicts are worked out by hand from the C.
import { expect, it } from 'vitest';
import { compileFile, REPO_DIR } from '../util/compile.js';
import { describeDual } from '../run/dual.js';

const compiled = () => compileFile(`${REPO_DIR}test/kernel/idioms/unset_out.c`);

/** kind, flags, port (u16 little-endian), padded to `sizeBytes`. */
function frame(port: number, sizeBytes = 64): Uint8Array {
  const buf = new Uint8Array(sizeBytes);
  new DataView(buf.buffer).setUint16(2, port, true);
  return buf;
}

it('compiles without a predicted rejection and keeps its loop', () => {
  const out = compileFile(`${REPO_DIR}test/kernel/idioms/unset_out.c`, { verify: true });
  expect(out.text).toBe('');
  const insns = out.object!.functions.find((f) => f.name === 'unset_out')!.insns;
  // A jump backwards: the loop stayed a loop.
  expect(insns.some((i) => ((i.code & 0x07) === 0x05 || (i.code & 0x07) === 0x06) && i.off < 0)).toBe(true);
});

describeDual('an out-parameter left unset on the error path', compiled, (obj) => {
  const run = (pkt: Uint8Array): number => obj().run('unset_out', pkt).retval >>> 0;

  it('drops port 0x5000 and sends back the others (queue 0 makes the sum 0)', () => {
    expect(run(frame(0x5000))).toBe(1);
    expect(run(frame(0x5001))).toBe(3);
    expect(run(frame(80))).toBe(3);
  });
});
