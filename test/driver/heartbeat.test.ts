// CompileContext.heartbeat: the stages whose work grows with the program call it now and then (the
// CLI switches V8's optimising compiler on from it, src/cli/tiering.ts). It is called from each of
// them, as often as documented, and a compile with it produces exactly what one without it does.
import { describe, expect, it } from 'vitest';
import { createContext } from '../../src/context.js';
import { MemoryFileSystem } from '../../src/diag/fs.js';
import { compile } from '../../src/driver/compile.js';
import { verifyObject } from '../../src/verify/index.js';
import { compileString, STDLIB_DIR } from '../util/compile.js';
import { NodeFileSystem } from '../../src/cli/node-fs.js';

// Forty-eight unrolled rounds of value-dependent branches: a few thousand instructions processed.
const PROG = `#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct { __uint(type, BPF_MAP_TYPE_ARRAY); __uint(max_entries, 4); __type(key, __u32); __type(value, __u64); } counts SEC(".maps");

static __attribute__((noinline)) int mix(int x) { return (x * 7) ^ (x >> 3); }

SEC("xdp") int prog(struct xdp_md *ctx) {
  void *data = (void *)(long)ctx->data, *data_end = (void *)(long)ctx->data_end;
  unsigned char *p = data;
  int acc = 0;
  if (p + 48 > (unsigned char *)data_end) return XDP_PASS;
  for (int i = 0; i < 48; i++) {
    if (p[i] & 1) acc += p[i];
    else acc ^= p[i] << 1;
  }
  __u32 key = acc & 3;
  __u64 *v = bpf_map_lookup_elem(&counts, &key);
  if (v) *v += mix(acc);
  return XDP_PASS;
}
char _license[] SEC("license") = "GPL";
`;

function compileWith(heartbeat?: () => void) {
  const mem = new MemoryFileSystem().set('hb.c', PROG);
  const disk = new NodeFileSystem();
  const ctx = createContext({ readFile: (p) => mem.readFile(p) ?? (p.startsWith(STDLIB_DIR) ? disk.readFile(p) : undefined) }, { stdlibDir: STDLIB_DIR });
  ctx.heartbeat = heartbeat;
  const out = compile('hb.c', ctx);
  return { out, ctx };
}

describe('heartbeat', () => {
  it('is called from lowering, every optimisation pass, code generation and the verifier; the object is the same without it', () => {
    const stages: string[] = [];
    const { out, ctx } = compileWith(() => {
      const stack = new Error().stack ?? '';
      for (const [stage, fn] of [['lower', 'lower'], ['optimize', 'optimize'], ['codegen', 'codegen'], ['verify', 'checkProgram']] as const) {
        if (new RegExp(`at ${fn} `).test(stack)) stages.push(stage);
      }
    });
    expect(ctx.diags.list).toEqual([]);
    expect(new Set(stages)).toEqual(new Set(['lower', 'optimize', 'codegen', 'verify']));
    // Before each pass of each of the two functions: far more than one call per stage.
    expect(stages.filter((s) => s === 'optimize').length).toBeGreaterThan(40);
    const plain = compileWith();
    expect(plain.out.elf).toBeDefined();
    expect(Buffer.from(out.elf!).equals(Buffer.from(plain.out.elf!))).toBe(true);
  });

  it('the verifier calls it once per 1,024 instructions processed', () => {
    const { object } = compileString(PROG, { verify: false });
    let calls = 0;
    const res = verifyObject(object!, { heartbeat: () => calls++ });
    const processed = res.programs.reduce((sum, p) => sum + p.stats.processedInsns, 0);
    expect(res.programs.every((p) => p.accepted)).toBe(true);
    expect(processed).toBeGreaterThan(2048);
    expect(calls).toBe(res.programs.reduce((sum, p) => sum + Math.floor(p.stats.processedInsns / 1024), 0));
  });
});
