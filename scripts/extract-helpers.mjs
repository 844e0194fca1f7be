// One-off extraction: reads the host's libbpf helper declarations and the kernel UAPI
// helper list, and prints the ids and C prototypes in ebcc's own table format
// (src/bpf/helper-protos.ts). ebcc never reads /usr/include at run time; rerun this
// only to refresh the committed table, then review the diff.
//
//   node scripts/extract-helpers.mjs > src/bpf/helper-protos.ts
import { readFileSync } from 'node:fs';

const defs = readFileSync('/usr/include/bpf/bpf_helper_defs.h', 'utf8');
const uapi = readFileSync('/usr/include/linux/bpf.h', 'utf8');

// libbpf form: static RET (*NAME)(PARAMS) = (void *) ID;  (newer: "(* const NAME)")
const declRe = /^static (.+?)\(\*(?: const)? ?(bpf_\w+)\)\((.*)\) = \(void \*\) (\d+);$/gm;
const entries = [];
for (const m of defs.matchAll(declRe)) {
  const ret = m[1].trim();
  const name = m[2];
  const params = m[3].trim();
  const id = Number(m[4]);
  const sep = ret.endsWith('*') ? '' : ' ';
  entries.push({ id, name, proto: `${ret}${sep}${name}(${params})` });
}
entries.sort((a, b) => a.id - b.id);

// Cross-check against the UAPI FN() list where it is present (it gives the id order).
const mapper = uapi.slice(uapi.indexOf('#define ___BPF_FUNC_MAPPER'));
const uapiNames = [...mapper.slice(0, mapper.indexOf('/* */')).matchAll(/FN\((\w+)/g)].map((m) => m[1]);
for (let i = 1; i < uapiNames.length && i <= entries.length; i++) {
  const e = entries[i - 1];
  if (e.id !== i || e.name !== `bpf_${uapiNames[i]}`) {
    throw new Error(`mismatch at id ${i}: libbpf ${e.name}#${e.id}, uapi bpf_${uapiNames[i]}`);
  }
}

const out = [];
out.push('// Helper ids and C prototypes (ids 1..' + entries[entries.length - 1].id + ', as in Linux 6.6).');
out.push('// Generated once by scripts/extract-helpers.mjs from the UAPI helper list; edit by hand');
out.push('// only to correct a fact. helpers.ts adds argument and return kinds.');
out.push('');
out.push('/** [id, C prototype] in id order. */');
out.push('export const HELPER_PROTOS: readonly (readonly [number, string])[] = [');
for (const e of entries) out.push(`  [${e.id}, ${JSON.stringify(e.proto).replace(/^"|"$/g, "'")}],`);
out.push('];');
process.stdout.write(out.join('\n') + '\n');
