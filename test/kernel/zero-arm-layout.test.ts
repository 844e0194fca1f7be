// Branch layout and the verifier's pruning: an arm that only zeroes stack bytes (a flow key's
// source port, test/kernel/idioms/zero_arm.c) is laid out after the join and jumps back to it. The
// kernel explores the fall-through first; the key's bytes are then data on the path it walks
// first, and at the join the arm's zero bytes are covered by that state and pruned. Laid out as
// the fall-through, the arm's zero bytes come first, do not cover data bytes, and the walk and the
// lookup after the join are verified twice (1,915 processed instructions against 1,034).
// Expected results are worked out from the C.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { disasm } from '../../src/bpf/disasm.js';
import { compileFile, REPO_DIR, type Compiled } from '../util/compile.js';
import { describeDual } from '../run/dual.js';
import { describeKernel, kernelIt, loadObjectBytes, type LoadedObject } from './harness.js';
import { verifierStats } from './verifier-log.js';
import { eth, ipv4, udp, ETH_P_IP } from './packets.js';
import { u32LE } from './maps.js';

const PATH = `${REPO_DIR}test/kernel/idioms/zero_arm.c`;
const compiled = () => compileFile(PATH);
const XDP_PASS = 2;
const XDP_DROP = 1;
const XDP_TX = 3;

function mustCompile(out: Compiled): Uint8Array {
  expect(out.ctx.diags.list.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([]);
  return out.elf!;
}

it('lays the zeroing arm out last, with a jump back to the join', () => {
  const code = disasm(compiled().object!.functions.find((f) => f.name === 'match_flow')!.insns);
  expect(code[code.length - 2]).toMatch(/^\*\(u16 \*\)\(r10 -\d+\) = 0$/);
  expect(code[code.length - 1]).toMatch(/^goto pc-\d+$/);
});

describeKernel('a zeroing arm in the verifier', () => {
  let withArm: LoadedObject;
  let without: LoadedObject;
  beforeAll(() => {
    withArm = loadObjectBytes(mustCompile(compiled()));
    without = loadObjectBytes(mustCompile(compileFile(PATH, { defines: [{ name: 'KEEP_PORT' }] })));
    expect(withArm.ok, withArm.log).toBe(true);
    expect(without.ok, without.log).toBe(true);
  });
  afterAll(() => {
    withArm?.cleanup();
    without?.cleanup();
  });

  kernelIt('costs the verifier the arm alone: what follows the join is walked once', () => {
    const [armed] = verifierStats(withArm.log);
    const [plain] = verifierStats(without.log);
    // the test, the store and the jump back on the arm's path
    expect(armed!.processedInsns).toBeLessThanOrEqual(plain!.processedInsns + 4);
  });
});

const frame = (sport: number, payload: number[]) =>
  eth({ dst: '02:00:00:00:00:02', src: '02:00:00:00:00:01', type: ETH_P_IP,
    payload: ipv4({ src: '10.0.0.1', dst: '10.0.0.2', payload: udp({ sport, dport: 53, payload: Uint8Array.from(payload) }) }) });

/** struct flow as the program builds it: addresses and ports in network order, proto, padding. */
const flowKey = (sport: number) => Uint8Array.of(10, 0, 0, 1, 10, 0, 0, 2, sport >> 8, sport & 0xff, 0, 53, 17, 0, 0, 0);

describeDual('a flow key with a cleared source port', compiled, (obj) => {
  it('looks the flow up with its source port, or without it when the flag is set', () => {
    obj().update('flows', flowKey(4000), u32LE(1));
    obj().update('cfg', u32LE(0), u32LE(0));
    expect(obj().run('match_flow', frame(4000, [0xff, 0xff, 0xff, 1])).retval).toBe(XDP_DROP);
    expect(obj().run('match_flow', frame(4000, [0xff, 0, 0xff])).retval).toBe(XDP_TX);
    expect(obj().run('match_flow', frame(4001, [0xff, 0xff, 0xff])).retval).toBe(XDP_PASS);
    obj().update('cfg', u32LE(0), u32LE(1));
    expect(obj().run('match_flow', frame(4000, [0xff, 0xff, 0xff])).retval).toBe(XDP_PASS);
    obj().update('flows', flowKey(0), u32LE(1));
    expect(obj().run('match_flow', frame(4001, [0xff, 0xff, 0xff])).retval).toBe(XDP_DROP);
    expect(obj().run('match_flow', frame(12345, [])).retval).toBe(XDP_TX);
  });
});
