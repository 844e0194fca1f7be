// The fast kernel loader (test/kernel/loader/): verdicts, logs, map fd patching, test runs, map
// updates and dumps, prog arrays, truncated logs, and ELF objects through libbpf.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import {
  alu64Imm, call, exit, jmpImm, ldMapFd, ldMapValue, ldx, movImm, movReg, st,
} from '../../src/bpf/asm.js';
import type { Insn } from '../../src/bpf/insn.js';
import { compileString } from '../util/compile.js';
import { describeLoader, runLoader, type LoaderCase } from './loader/bpfload.js';

const EACCES = 13;
const ENOSPC = 28;
const u32 = (v: number): Uint8Array => new Uint8Array(new Uint32Array([v]).buffer);
const u64 = (v: bigint): Uint8Array => new Uint8Array(new BigUint64Array([v]).buffer);

/** r1 = &map[0]'s key on the stack, lookup, r0 = value or 0. */
function lookupFirst(mapSlot: [Insn, Insn]): Insn[] {
  return [
    st('w', 10, -4, 0), movReg(2, 10), alu64Imm('add', 2, -4), ...mapSlot, call(1),
    jmpImm('jne', 0, 0, 2), movImm(0, 0), exit(), ldx('dw', 0, 0, 0), exit(),
  ];
}

const scratch = mkdtempSync(join(tmpdir(), 'ebcc-loader-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describeLoader('bpfload', () => {
  it('reports accepted and rejected programs with the verifier log, many per process', () => {
    const cases: LoaderCase[] = [
      { id: 'accept', progs: [{ type: 'xdp', insns: [movImm(0, 2), exit()] }] },
      { id: 'reject', progs: [{ type: 'xdp', insns: [exit()] }] },
      { id: 'by-number', progs: [{ type: 6, insns: [movImm(0, 1), exit()] }] },
    ];
    const [ok, bad, num] = runLoader(cases);
    expect(ok!.progs[0]!.accepted).toBe(true);
    expect(ok!.progs[0]!.verifiedInsns).toBe(2);
    expect(ok!.progs[0]!.log).toMatch(/processed 2 insns/);
    expect(bad!.progs[0]!.accepted).toBe(false);
    expect(bad!.progs[0]!.errno).toBe(EACCES);
    expect(bad!.progs[0]!.log).toMatch(/^R0 !read_ok$/m);
    expect(num!.progs[0]!.accepted).toBe(true);
    expect([ok, bad, num].map((r) => r!.errors)).toEqual([[], [], []]);
  });

  it('patches map fds into ld_imm64, fills maps, runs the program and dumps the map', () => {
    // ldMapFd leaves imm 0: map number 0 of the case. The second program writes through the
    // address of map 1's value (direct value access needs an array of one entry).
    const prog = lookupFirst(ldMapFd(1));
    const [v0, v1] = ldMapValue(1, 8);
    const writer = [{ ...v0, imm: 1 }, v1, st('dw', 1, 0, 77), movImm(0, 0), exit()];
    const [res] = runLoader([{
      id: 'maps',
      maps: [
        { type: 'array', keySize: 4, valueSize: 16, maxEntries: 2, name: 'vals' },
        { type: 'array', keySize: 4, valueSize: 16, maxEntries: 1, name: 'one' },
      ],
      progs: [{ type: 'xdp', insns: prog }, { type: 'xdp', insns: writer }],
      steps: [
        { kind: 'update', map: 0, key: u32(0), value: new Uint8Array([...u64(41n), ...u64(0n)]) },
        { kind: 'run', prog: 0, data: new Uint8Array(64) },
        { kind: 'run', prog: 1, data: new Uint8Array(64) },
        { kind: 'dump', map: 0 },
        { kind: 'dump', map: 'one' },
      ],
    }]);
    expect(res!.errors).toEqual([]);
    expect(res!.progs.map((p) => p.accepted), res!.progs.map((p) => p.log).join('\n')).toEqual([true, true]);
    expect(res!.runs.map((r) => [r.errno, r.retval])).toEqual([[0, 41], [0, 0]]);
    expect(res!.runs[0]!.dataOut.length).toBe(64);
    const entries = res!.dumps[0]!.entries.map((e) => [Buffer.from(e.key).toString('hex'), Buffer.from(e.value).toString('hex')]);
    expect(entries).toEqual([
      ['00000000', Buffer.from([...u64(41n), ...u64(0n)]).toString('hex')],
      ['01000000', '00'.repeat(16)],
    ]);
    expect(res!.dumps[1]!.entries[0]!.value).toEqual(new Uint8Array([...u64(0n), ...u64(77n)]));
  });

  it('puts programs into prog arrays for tail calls', () => {
    // main: tail-call slot 0, and return 1 if the call falls through; the target returns 3
    const [m0, m1] = ldMapFd(2);
    const main = [movReg(6, 1), movReg(1, 6), m0!, m1!, movImm(3, 0), call(12), movImm(0, 1), exit()];
    const target = [movImm(0, 3), exit()];
    const [res] = runLoader([{
      id: 'tail',
      maps: [{ type: 'prog_array', keySize: 4, valueSize: 4, maxEntries: 1, name: 'jmp' }],
      progs: [{ type: 'xdp', insns: target }, { type: 'xdp', insns: main }],
      steps: [
        { kind: 'run', prog: 1, data: new Uint8Array(64) },
        { kind: 'progarray', map: 0, key: 0, prog: 0 },
        { kind: 'run', prog: 1, data: new Uint8Array(64) },
      ],
    }]);
    expect(res!.errors).toEqual([]);
    expect(res!.runs.map((r) => r.retval)).toEqual([1, 3]);
  });

  it('keeps the verdict when the log does not fit, and the end of the log', () => {
    // 200 instructions of r1 += 1 then an exit without R0: the level-2 log is far longer than 256 bytes
    const insns = [...Array.from({ length: 200 }, () => alu64Imm('add', 1, 0)), exit()];
    const [res] = runLoader([
      { id: 'small-log', logSizeBytes: 256, progs: [{ type: 'socket_filter', logLevel: 2, insns }] },
    ]);
    const p = res!.progs[0]!;
    expect(p.accepted).toBe(false);
    expect(p.errno).not.toBe(ENOSPC);
    expect(p.errno).toBe(EACCES);
    expect(p.logTruncated).toBe(true);
    expect(p.logTrueSize).toBeGreaterThan(256);
    expect(p.log).toMatch(/R0 !read_ok/);
  });

  it('checks the licence: a GPL-only helper under a non-GPL licence is refused', () => {
    // bpf_trace_printk (6) is GPL-only: fmt on the stack, size 8
    const insns = [st('dw', 10, -8, 0), movReg(1, 10), alu64Imm('add', 1, -8), movImm(2, 8), call(6), movImm(0, 0), exit()];
    const [gpl, mit] = runLoader([
      { id: 'gpl', progs: [{ type: 'kprobe', insns, license: 'GPL' }] },
      { id: 'mit', progs: [{ type: 'kprobe', insns, license: 'Dual MIT/BSD' }] },
    ]);
    expect(gpl!.progs[0]!.accepted).toBe(true);
    expect(mit!.progs[0]!.accepted).toBe(false);
    expect(mit!.progs[0]!.log).toMatch(/cannot call GPL-restricted function from non-GPL compatible program/);
  });

  it('loads one program of an ELF object through libbpf, with a forced type', () => {
    const out = compileString(`#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
struct { __uint(type, BPF_MAP_TYPE_HASH); __type(key, __u32); __type(value, __u64); __uint(max_entries, 1); } hits SEC(".maps");
SEC("xdp") int good(struct xdp_md *ctx) { __u32 k = 0; __u64 *v = bpf_map_lookup_elem(&hits, &k); if (v) *v += 1; return XDP_PASS; }
SEC("xdp") int bad(struct xdp_md *ctx) { __u32 k = 0; __u64 *v = bpf_map_lookup_elem(&hits, &k); *v += 1; return XDP_PASS; }
char LICENSE[] SEC("license") = "GPL";
`);
    expect(out.text).toBe('');
    const path = join(scratch, 'two.o');
    writeFileSync(path, out.elf!);
    const [good, bad, forced] = runLoader([
      { id: 'good', object: { path, prog: 'good' }, steps: [{ kind: 'update', map: 'hits', key: u32(0), value: u64(5n) }, { kind: 'run', prog: 0, data: new Uint8Array(64) }, { kind: 'dump', map: 'hits' }] },
      { id: 'bad', object: { path, prog: 'bad' } },
      { id: 'forced', object: { path, prog: 'good', type: 'sched_cls' } },
    ]);
    expect(good!.progs[0]!).toMatchObject({ accepted: true, stage: 'loaded' });
    expect(good!.runs[0]!.retval).toBe(2);
    expect(good!.errors).toEqual([]);
    expect(good!.dumps[0]!.entries[0]!.value).toEqual(u64(6n));
    expect(bad!.progs[0]!).toMatchObject({ accepted: false, stage: 'verifier', errno: EACCES });
    expect(bad!.progs[0]!.log).toMatch(/invalid mem access 'map_value_or_null'/);
    // 'good' reads no context field, so it is as valid a sched_cls as an xdp program
    expect(forced!.progs[0]!).toMatchObject({ accepted: true, stage: 'loaded' });
  });
});
