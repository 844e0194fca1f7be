// Every -mcpu level produces code the kernel accepts and that behaves the same.
import { expect } from 'vitest';
import { compileFile, REPO_DIR } from '../util/compile.js';
import { Shadow } from '../run/dual.js';
import { describeKernel, kernelIt, loadObjectBytes, runProgram } from './harness.js';
import { concat, eth, ipv4, udp, ETH_P_IP } from './packets.js';

const CLASS_JMP32 = 0x06;
const LESS_OPS = new Set([0xa0, 0xb0, 0xc0, 0xd0]); // jlt, jle, jslt, jsle

describeKernel('-mcpu levels', () => {
  for (const mcpu of [1, 2, 3, 4] as const) {
    kernelIt(`-mcpu=v${mcpu}: samples/xdp_count.c uses only v${mcpu} jumps, loads and drops TTL 1`, () => {
      const out = compileFile(`${REPO_DIR}/samples/xdp_count.c`, { mcpu });
      expect(out.text).toBe('');
      for (const f of out.object!.functions) {
        for (const i of f.insns) {
          if (mcpu < 3) expect(i.code & 0x07).not.toBe(CLASS_JMP32);
          if (mcpu < 2 && (i.code & 0x07) === 0x05) expect(LESS_OPS.has(i.code & 0xf0)).toBe(false);
        }
      }
      const obj = loadObjectBytes(out.elf!);
      try {
        expect(obj.ok, obj.log).toBe(true);
        const pkt = concat(eth({ dst: '02:00:00:00:00:02', src: '02:00:00:00:00:01', type: ETH_P_IP }), ipv4({ src: '10.0.0.1', dst: '10.0.0.2', ttl: 1, payload: udp({ sport: 1, dport: 2 }) }));
        const res = runProgram(obj.prog('xdp_count').pinPath, pkt);
        expect(res.retval).toBe(1);
        new Shadow(out.object!).check('xdp_count', pkt, res);
      } finally {
        obj.cleanup();
      }
    });
  }
});
