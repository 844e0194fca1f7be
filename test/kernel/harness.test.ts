import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePinDir, removePinDir, runBpftool } from './bpftool.js';
import {
  bpfAvailability, createMap, deleteMapKey, describeKernel, dumpMap, loadObjectBytes, lookupMap,
  mapInfo, readU32LE, readU64LE, runProgram, sumU64, u32LE, u64LE, updateMap, updateProgArray,
  verifierStats,
} from './harness.js';
import type { LoadedObject } from './harness.js';
import { Shadow } from '../run/dual.js';
import { buildMiniObject, exitInsn, movImm } from './mini-elf.js';

// socket: ret_five (r0 = 5) and ret_seven (r0 = 7); xdp: xdp_pass (r0 = XDP_PASS = 2).
function sampleObject(): Uint8Array {
  return buildMiniObject([
    { section: 'socket', name: 'ret_five', insns: [movImm(0, 5), exitInsn()] },
    { section: 'socket', name: 'ret_seven', insns: [movImm(0, 7), exitInsn()] },
    { section: 'xdp', name: 'xdp_pass', insns: [movImm(0, 2), exitInsn()] },
  ]);
}

function packet(length: number): Uint8Array {
  return Uint8Array.from({ length }, (_, i) => (i * 7 + 3) & 0xff);
}

describeKernel('loadObject and runProgram', () => {
  let obj: LoadedObject;
  beforeAll(() => {
    obj = loadObjectBytes(sampleObject());
  });
  afterAll(() => obj.cleanup());

  it('reports the kernel as available', () => {
    expect(bpfAvailability()).toEqual({ ok: true });
  });

  it('loads every program and pins it under its function name', () => {
    expect(obj.ok, obj.log).toBe(true);
    expect(obj.progs.map((p) => p.name)).toEqual(['ret_five', 'ret_seven', 'xdp_pass']);
    expect(obj.progs.map((p) => p.type)).toEqual(['socket_filter', 'socket_filter', 'xdp']);
    expect(obj.prog('ret_five').pinPath).toBe(join(obj.pinDir, 'progs', 'ret_five'));
    expect(obj.maps).toEqual([]);
    expect(obj.pinDir).toMatch(new RegExp(`^/sys/fs/bpf/ebcc-test-${process.pid}-\\d+-\\w+$`));
  });

  it('reports the kernel ids of the programs', () => {
    const res = runBpftool(['-j', 'prog', 'show', 'id', String(obj.prog('ret_seven').id)]);
    expect(res.status).toBe(0);
    expect(JSON.parse(res.stdout)).toMatchObject({ name: 'ret_seven', type: 'socket_filter' });
  });

  it('names the pinned programs when a name is wrong', () => {
    expect(() => obj.prog('nope')).toThrow(/no program named 'nope'.*ret_five, ret_seven, xdp_pass/);
  });

  it('runs a socket filter on a 64-byte packet', () => {
    const pkt = packet(64);
    const res = runProgram(obj.prog('ret_five').pinPath, pkt);
    expect(res.retval).toBe(5);
    const shadow = new Shadow(sampleObject()); // ebcc run gives the same results
    shadow.check('ret_five', pkt, res);
    // A socket filter sees the packet from the network header on; the kernel returns the
    // Ethernet header zeroed, and the rest as it was.
    expect(res.dataOut.length).toBe(64);
    expect(res.dataOut.slice(14)).toEqual(pkt.slice(14));
    expect(res.durationNs).toBeGreaterThanOrEqual(0);
    expect(res.ctxOut).toBeUndefined();
    const seven = runProgram(obj.prog('ret_seven').pinPath, pkt, { repeat: 50 });
    expect(seven.retval).toBe(7);
    shadow.check('ret_seven', pkt, seven, { repeat: 50 });
  });

  it('runs an XDP program with an xdp_md context in and out', () => {
    // struct xdp_md { u32 data, data_end, data_meta, ingress_ifindex, rx_queue_index, egress_ifindex }
    const ctx = new Uint8Array([...u32LE(0), ...u32LE(60), ...u32LE(0), ...u32LE(1), ...u32LE(0), ...u32LE(0)]);
    const res = runProgram(obj.prog('xdp_pass').pinPath, packet(60), { ctxIn: ctx });
    expect(res.retval).toBe(2);
    expect(res.dataOut).toEqual(packet(60));
    expect(res.ctxOut?.length).toBe(24);
    expect(readU32LE(res.ctxOut!, 4)).toBe(60); // data_end
    new Shadow(sampleObject()).check('xdp_pass', packet(60), res, { ctxIn: ctx });
  });

  it('throws with bpftool’s message when the kernel refuses the run', () => {
    // skb-based programs need at least an Ethernet header (14 bytes): BPF_PROG_TEST_RUN says EINVAL.
    expect(() => runProgram(obj.prog('ret_five').pinPath, packet(10)))
      .toThrow(/failed to run program: Invalid argument/);
    new Shadow(sampleObject()).checkRefused('ret_five', packet(10));
  });

  it('reads the verifier statistics of each program from the log', () => {
    const stats = verifierStats(obj.log);
    expect(stats.map((s) => s.prog)).toEqual(['ret_five', 'ret_seven', 'xdp_pass']);
    expect(stats[0]).toMatchObject({ processedInsns: 2, insnLimit: 1_000_000, totalStates: 0,
      peakStates: 0, stackDepthBytes: [0] });
  });
});

describeKernel('loadObject failures and cleanup', () => {
  it('removes the pins on cleanup', () => {
    const obj = loadObjectBytes(sampleObject());
    expect(obj.ok, obj.log).toBe(true);
    const pin = obj.prog('ret_five').pinPath;
    expect(existsSync(pin)).toBe(true);
    obj.cleanup();
    expect(existsSync(pin)).toBe(false);
    expect(existsSync(obj.pinDir)).toBe(false);
    obj.cleanup(); // idempotent
  });

  it('gives every load its own pin directory', () => {
    const a = loadObjectBytes(sampleObject());
    const b = loadObjectBytes(sampleObject());
    try {
      expect(a.pinDir).not.toBe(b.pinDir);
      expect(a.prog('ret_five').id).not.toBe(b.prog('ret_five').id);
    } finally {
      a.cleanup();
      b.cleanup();
    }
  });

  it('returns the verifier log of a rejected program instead of throwing', () => {
    // r0 = *(u32 *)(r1 + 1000): beyond struct __sk_buff, so the verifier says no.
    const bad = buildMiniObject([{ section: 'socket', name: 'bad_ctx',
      insns: [{ code: 0x61, dst: 0, src: 1, off: 1000, imm: 0 }, exitInsn()] }]);
    const obj = loadObjectBytes(bad);
    expect(obj.ok).toBe(false);
    expect(obj.log).toContain('invalid bpf_context access off=1000 size=4');
    expect(obj.progs).toEqual([]);
    expect(existsSync(obj.pinDir)).toBe(false);
    expect(verifierStats(obj.log)).toMatchObject([{ prog: 'bad_ctx', processedInsns: 1 }]);
    // Without -d the log of the rejected program is still there.
    const quiet = loadObjectBytes(bad, { verbose: false });
    expect(quiet.ok).toBe(false);
    expect(quiet.log).toContain('invalid bpf_context access off=1000 size=4');
  });

  it('leaves the verifier log of accepted programs out when not verbose', () => {
    const obj = loadObjectBytes(sampleObject(), { verbose: false });
    try {
      expect(obj.ok, obj.log).toBe(true);
      expect(obj.progs.length).toBe(3);
      expect(verifierStats(obj.log)).toEqual([]);
    } finally {
      obj.cleanup();
    }
  });

  it('forces the program type with `type`', () => {
    // An unknown section name only loads when the type is given.
    const odd = buildMiniObject([{ section: 'weird_section', name: 'forced', insns: [movImm(0, 1), exitInsn()] }]);
    const obj = loadObjectBytes(odd, { type: 'xdp' });
    try {
      expect(obj.ok, obj.log).toBe(true);
      expect(obj.prog('forced').type).toBe('xdp');
    } finally {
      obj.cleanup();
    }
  });
});

describeKernel('maps', () => {
  let dir: string;
  beforeAll(() => {
    dir = makePinDir();
  });
  afterAll(() => removePinDir(dir));

  it('updates, looks up, dumps and deletes hash entries', () => {
    const pin = join(dir, 'h');
    createMap(pin, { type: 'hash', keySizeBytes: 4, valueSizeBytes: 8, maxEntries: 8, name: 'h' });
    expect(mapInfo(pin)).toMatchObject({ type: 'hash', kernelName: 'h', keySizeBytes: 4, valueSizeBytes: 8, maxEntries: 8 });
    expect(dumpMap(pin)).toEqual([]);
    expect(lookupMap(pin, u32LE(7))).toBeUndefined();
    updateMap(pin, u32LE(7), u64LE(0x1122334455667788n));
    const e = lookupMap(pin, u32LE(7));
    expect(e?.key).toEqual(u32LE(7));
    expect(readU64LE(e!.value)).toBe(0x1122334455667788n);
    expect(e?.perCpu).toBeUndefined();
    expect(() => updateMap(pin, u32LE(7), u64LE(1), 'noexist')).toThrow(/map update/);
    expect(dumpMap(pin).map((x) => readU32LE(x.key))).toEqual([7]);
    deleteMapKey(pin, u32LE(7));
    expect(dumpMap(pin)).toEqual([]);
  });

  it('gives per-CPU values one by one', () => {
    const pin = join(dir, 'pc');
    createMap(pin, { type: 'percpu_array', keySizeBytes: 4, valueSizeBytes: 8, maxEntries: 2, name: 'pc' });
    updateMap(pin, u32LE(1), u64LE(3)); // bpftool stores the value on every CPU
    const entries = dumpMap(pin);
    expect(entries.length).toBe(2);
    const one = entries[1]!;
    expect(one.perCpu!.length).toBeGreaterThanOrEqual(1);
    expect(one.perCpu!.every((v) => readU64LE(v) === 3n)).toBe(true);
    expect(sumU64(one)).toBe(3n * BigInt(one.perCpu!.length));
    expect(sumU64(entries[0]!)).toBe(0n);
  });

  it('stores programs in a prog_array', () => {
    const obj = loadObjectBytes(sampleObject());
    try {
      const pin = join(dir, 'jmp');
      createMap(pin, { type: 'prog_array', keySizeBytes: 4, valueSizeBytes: 4, maxEntries: 4, name: 'jmp' });
      updateProgArray(pin, 2, obj.prog('ret_five').pinPath);
      const entries = dumpMap(pin);
      expect(entries.map((x) => readU32LE(x.key))).toEqual([2]);
      expect(readU32LE(entries[0]!.value)).toBe(obj.prog('ret_five').id);
    } finally {
      obj.cleanup();
    }
  });
});

describe('buildMiniObject', () => {
  it('writes a relocatable EM_BPF ELF64 with one section per program section name', () => {
    const elf = sampleObject();
    const view = new DataView(elf.buffer, elf.byteOffset, elf.byteLength);
    expect([...elf.slice(0, 7)]).toEqual([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]);
    expect(view.getUint16(16, true)).toBe(1); // ET_REL
    expect(view.getUint16(18, true)).toBe(247); // EM_BPF
    // null, socket, xdp, license, .symtab, .strtab, .shstrtab
    expect(view.getUint16(60, true)).toBe(7);
    expect(new TextDecoder().decode(elf)).toContain('\0socket\0xdp\0license\0.symtab\0.strtab\0.shstrtab\0');
  });
});

describe('byte helpers', () => {
  it('encodes and decodes little-endian integers', () => {
    expect([...u32LE(0x01020304)]).toEqual([4, 3, 2, 1]);
    expect([...u32LE(-1)]).toEqual([255, 255, 255, 255]);
    expect([...u64LE(0x0102030405060708n)]).toEqual([8, 7, 6, 5, 4, 3, 2, 1]);
    expect(readU32LE(new Uint8Array([9, 4, 3, 2, 1]), 1)).toBe(0x01020304);
    expect(readU64LE(u64LE(-1))).toBe(0xffffffffffffffffn);
  });
});
