#!/usr/bin/env bash
# bench/check-headers.sh — compare ebcc's freestanding headers (stdlib/include)
# with the system's kernel and libbpf headers. Optional tool: it needs
# clang-19 and the linux-libc-dev / libbpf-dev headers, and is not part of
# `npm test`. ebcc itself never runs clang.
#
# What it checks:
#   1. every header compiles with `clang-19 -target bpf -nostdinc -isystem
#      stdlib/include` (-Wall -Wextra, no warnings allowed);
#   2. struct layouts: clang's record-layout dump (sizeof, alignment and the
#      offset of every field, bit-field positions included) of every named
#      struct/union in our headers, diffed against the same dump made from
#      /usr/include (target bpf, -I/usr/include/x86_64-linux-gnu);
#   3. constants: every object-like macro and enumerator our headers define
#      that the system headers also define must have the same integer value.
#      The libc-style headers (stdint.h, limits.h, sys/socket.h, ...) are
#      compared against glibc compiled for the host, because glibc cannot be
#      compiled for -target bpf (the gnu/stubs-32.h problem).
#
# Names that exist only in our headers are listed as information: the system
# headers come from Linux 6.1 (plus backports) while ours describe Linux 6.6.
#
# Usage: bench/check-headers.sh [-v]     (-v also lists the ebcc-only names)
# Exit status: 0 when everything agrees (or clang-19 is missing), 1 otherwise.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
INC="$ROOT/stdlib/include"
VERBOSE=${1:-}
CLANG=${CLANG:-clang-19}

if ! command -v "$CLANG" >/dev/null 2>&1; then
	echo "check-headers: $CLANG not found; skipping (optional tool)"
	exit 0
fi

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# Headers that have a kernel/libbpf counterpart in /usr/include.
KERNEL_HEADERS="linux/types.h linux/bpf.h linux/bpf_common.h linux/filter.h
linux/if_ether.h linux/ip.h linux/ipv6.h linux/in.h linux/in6.h linux/tcp.h
linux/udp.h linux/icmp.h linux/icmpv6.h linux/pkt_cls.h linux/if_packet.h
linux/if_tunnel.h linux/mpls.h linux/swab.h linux/stddef.h linux/errno.h
asm/byteorder.h asm/types.h asm/errno.h asm-generic/errno-base.h
asm-generic/errno.h asm-generic/int-ll64.h linux/byteorder/little_endian.h
bpf/bpf_helpers.h bpf/bpf_endian.h linux/if.h linux/if_arp.h linux/ptrace.h
asm/ptrace.h linux/bpf_perf_event.h asm/bpf_perf_event.h linux/seg6.h
linux/seg6_local.h linux/lwtunnel.h linux/if_xdp.h linux/erspan.h
linux/tc_act/tc_bpf.h linux/socket.h linux/netdevice.h linux/if_link.h
linux/pkt_sched.h linux/netfilter.h linux/limits.h linux/const.h
linux/posix_types.h linux/igmp.h linux/perf_event.h linux/sched.h linux/lirc.h"
# Headers whose counterpart is the C library's.
LIBC_HEADERS="stddef.h stdbool.h stdint.h limits.h string.h errno.h sys/socket.h netinet/in.h
arpa/inet.h endian.h netinet/tcp.h"
# Headers with no counterpart to compare (compiled only).
OWN_HEADERS="linux/if_vlan.h linux/string.h bpf/bpf_tracing.h bpf_helpers.h
bpf_endian.h ebcc/bpf-structs.h ebcc/bpf-func-id.h linux/version.h linux/netdev.h
ebcc/kernel-minmax.h ebcc/inet-byteorder.h ebcc/ip-levels.h net/ipv6.h net/inet_ecn.h
linux/byteorder/generic.h linux/math64.h ebcc/tcp-sockopts.h"

includes() { for h in "$@"; do echo "#include <$h>"; done; }

includes $KERNEL_HEADERS >"$WORK/kernel.c"
includes $LIBC_HEADERS >"$WORK/libc.c"
{
	includes $KERNEL_HEADERS $LIBC_HEADERS $OWN_HEADERS
	for f in "$INC"/uapi/linux/*.h; do echo "#include <uapi/linux/$(basename "$f")>"; done
} >"$WORK/all.c"

OURS=(-target bpf -nostdinc -isystem "$INC")
# <linux/icmp.h> pulls in glibc's <sys/socket.h>, which asks for
# gnu/stubs-32.h on a non-x86_64 target: give it an empty one.
mkdir -p "$WORK/stub/gnu"
: >"$WORK/stub/gnu/stubs-32.h"
SYS_BPF=(-target bpf -I/usr/include/x86_64-linux-gnu -I"$WORK/stub")
status=0

# 1. Everything compiles cleanly with our headers alone.
echo "== compile: every header with -target bpf -nostdinc -isystem stdlib/include"
if "$CLANG" "${OURS[@]}" -std=gnu11 -Wall -Wextra -Werror -fsyntax-only "$WORK/all.c"; then
	echo "   ok ($(ls "$INC" -R | grep -c '\.h$') header files)"
else
	status=1
fi

# 2. Record layouts.
dump_layouts() { # out-file compiler-args...
	local out=$1
	shift
	"$CLANG" "$@" -fsyntax-only -Xclang -fdump-record-layouts-complete "$WORK/kernel.c" >"$out"
}
dump_layouts "$WORK/ours.layout" "${OURS[@]}"
dump_layouts "$WORK/sys.layout" "${SYS_BPF[@]}"

# 3. Constants: candidate names come from our headers only.
"$CLANG" "${OURS[@]}" -dM -E "$WORK/all.c" >"$WORK/ours.macros"
"$CLANG" "${OURS[@]}" -dM -E -x c /dev/null >"$WORK/predef.macros"
"$CLANG" "${OURS[@]}" -fsyntax-only -Xclang -ast-dump "$WORK/all.c" >"$WORK/ours.ast"

WORK="$WORK" INC="$INC" CLANG="$CLANG" VERBOSE="$VERBOSE" node --input-type=module - <<'NODE' || status=1
import { readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

const work = process.env.WORK;
const inc = process.env.INC;
const clang = process.env.CLANG;
const verbose = process.env.VERBOSE === '-v';
let failed = false;

// ---- layouts ------------------------------------------------------------
// A dump is a sequence of "*** Dumping AST Record Layout" blocks; the first
// line of a block names the record. Anonymous records also get their own
// block; they are skipped here because they appear nested in their parent.
function parseLayouts(path) {
  const records = new Map();
  const blocks = readFileSync(path, 'utf8').split('*** Dumping AST Record Layout');
  for (const block of blocks.slice(1)) {
    const lines = block.split('\n').filter((l) => l.trim() !== '');
    const head = lines[0].replace(/^\s*\d+\s*\|\s*/, '').trim();
    if (/\((anonymous|unnamed)/.test(head)) continue;
    // Anonymous records are named by source position; a flexible array
    // member prints as T[] in ours and as the GNU zero-length T[0] in the
    // kernel's: both have the same layout.
    const body = lines.map((l) =>
      l.replace(/\((anonymous|unnamed) at [^)]*\)/g, '(anonymous)').replace(/\[0\] /, '[] ').trimEnd());
    records.set(head, body.join('\n'));
  }
  return records;
}
const ours = parseLayouts(`${work}/ours.layout`);
const sys = parseLayouts(`${work}/sys.layout`);
// Records that grew after Linux 6.1 (the system headers): equal once the new tail is removed.
const dropTail = (field) => (b) => b.split('\n').filter((l) => !l.includes(field) && !/\[sizeof=/.test(l)).join('\n');
const expectedLayouts = new Map([
  ['struct bpf_sock_ops', { why: 'Linux 6.2 added skb_hwtstamp at 216 (sizeof 224)', trim: dropTail('skb_hwtstamp') }],
]);
let same = 0;
const onlyOurs = [];
console.log('== layouts: sizeof/alignment/field offsets, ours vs /usr/include');
for (const [name, body] of ours) {
  if (name === 'struct __NSConstantString_tag') continue;
  const other = sys.get(name);
  if (other === undefined) { onlyOurs.push(name); continue; }
  if (other === body) { same++; continue; }
  const grown = expectedLayouts.get(name);
  if (grown && grown.trim(body) === grown.trim(other)) {
    console.log(`   expected difference ${name}: ${grown.why}`);
    continue;
  }
  failed = true;
  console.log(`   DIFFER ${name}\n   --- ours\n${body}\n   --- system\n${other}`);
}
console.log(`   ${same} records identical, ${onlyOurs.length} only in ours`);
if (verbose || onlyOurs.length) console.log(`   only in ours: ${onlyOurs.join(', ') || '-'}`);
if (verbose) {
  for (const name of onlyOurs) console.log(ours.get(name));
}

// ---- constants ----------------------------------------------------------
const predefined = new Set(
  readFileSync(`${work}/predef.macros`, 'utf8').split('\n').map((l) => l.split(/\s+/)[1]),
);
const names = new Set();
for (const line of readFileSync(`${work}/ours.macros`, 'utf8').split('\n')) {
  const m = /^#define ([A-Za-z_][A-Za-z0-9_]*)( |$)(.*)$/.exec(line);
  if (!m || predefined.has(m[1]) || m[3].trim() === '') continue;
  if (/^__EBCC_/.test(m[1])) continue;
  names.add(m[1]);
}
for (const line of readFileSync(`${work}/ours.ast`, 'utf8').split('\n')) {
  const m = /EnumConstantDecl .* (?:referenced )?([A-Za-z_][A-Za-z0-9_]*) '/.exec(line);
  if (m) names.add(m[1]);
}

// Evaluates every name as an unsigned 64-bit integer constant in one TU per
// side; names that do not compile (types, strings, missing) are dropped by
// re-compiling without the lines clang reported.
function evaluate(label, prelude, args, candidates) {
  let list = [...candidates];
  for (let attempt = 0; attempt < 6; attempt++) {
    const src = prelude + list.map((n, i) => `unsigned long long __v_${i} = (unsigned long long)(${n});\n`).join('');
    const file = `${work}/const-${label}.c`;
    writeFileSync(file, src);
    const firstLine = prelude.split('\n').length;
    try {
      const ir = execFileSync(clang, [...args, '-S', '-emit-llvm', '-o', '-', '-ferror-limit=0', '-w', file], {
        encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 28,
      });
      const values = new Map();
      for (const m of ir.matchAll(/^@__v_(\d+) = [^\n]*? i64 (-?\d+)/gm)) {
        values.set(list[Number(m[1])], BigInt.asUintN(64, BigInt(m[2])));
      }
      return values;
    } catch (e) {
      const bad = new Set();
      for (const m of String(e.stderr).matchAll(/const-[a-z-]+\.c:(\d+):\d+: error/g)) {
        bad.add(Number(m[1]) - firstLine);
      }
      if (bad.size === 0) throw new Error(`${label}: clang failed:\n${e.stderr}`);
      list = list.filter((_, i) => !bad.has(i));
    }
  }
  throw new Error(`${label}: could not isolate the failing constants`);
}

// Differences that are expected: the system headers are Linux 6.1, ours 6.6.
const expected = new Map([
  ['__MAX_BPF_ATTACH_TYPE', 'Linux 6.2-6.6 added attach types 44-48'],
  ['MAX_BPF_ATTACH_TYPE', 'Linux 6.2-6.6 added attach types 44-48'],
  ['__BPF_FUNC_MAX_ID', 'Linux 6.2-6.6 added helpers 210 and 211'],
]);

function compareGroup(title, headers, oursArgs, sysArgs) {
  const prelude = headers.map((h) => `#include <${h}>`).join('\n') + '\n';
  const mine = evaluate(`ours-${title}`, prelude, oursArgs, names);
  const theirs = evaluate(`sys-${title}`, prelude, sysArgs, mine.keys());
  let agree = 0;
  const missing = [];
  for (const [name, value] of mine) {
    if (!theirs.has(name)) { missing.push(name); continue; }
    if (theirs.get(name) === value) { agree++; continue; }
    if (expected.has(name)) {
      console.log(`   expected difference ${name}: ours 0x${value.toString(16)}, system 0x${theirs.get(name).toString(16)} (${expected.get(name)})`);
      continue;
    }
    failed = true;
    console.log(`   DIFFER ${name}: ours 0x${value.toString(16)}, system 0x${theirs.get(name).toString(16)}`);
  }
  console.log(`   ${title}: ${agree} constants identical, ${missing.length} only in ours`);
  if (verbose) console.log(`   only in ours: ${missing.sort().join(' ')}`);
  return agree;
}

console.log('== constants: macros and enumerators, ours vs system');
const kernelHeaders = readFileSync(`${work}/kernel.c`, 'utf8').match(/<[^>]+>/g).map((s) => s.slice(1, -1));
const libcHeaders = readFileSync(`${work}/libc.c`, 'utf8').match(/<[^>]+>/g).map((s) => s.slice(1, -1));
const oursArgs = ['-target', 'bpf', '-nostdinc', '-isystem', inc];
compareGroup('kernel', kernelHeaders, oursArgs, ['-target', 'bpf', '-I/usr/include/x86_64-linux-gnu', `-I${work}/stub`]);
compareGroup('libc', libcHeaders, oursArgs, ['-target', 'x86_64-linux-gnu']);

console.log(failed ? 'check-headers: MISMATCH' : 'check-headers: all layouts and constants agree');
process.exit(failed ? 1 : 0);
NODE

exit $status
