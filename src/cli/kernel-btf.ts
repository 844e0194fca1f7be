// The running kernel's BTF for `ebcc verify`: CO-RE relocations of an object are applied against
// it (src/verify/core-relocate.ts). /sys/kernel/btf/vmlinux unless --kernel-btf names another
// file (raw BTF, as that file is); 'none' verifies the code without relocation.
import { readFileSync } from 'node:fs';
import { decodeBtf } from '../obj/btf-decode.js';
import { MalformedInput } from '../obj/bytes.js';
import { targetBtf, type TargetBtf } from '../verify/core-relocate.js';

export const DEFAULT_KERNEL_BTF = '/sys/kernel/btf/vmlinux';

/** The kernel BTF, undefined when the default file is absent, or a message when a named file cannot be used. */
export function loadKernelBtf(path: string | undefined): TargetBtf | undefined | { error: string } {
  if (path === 'none') return undefined;
  const file = path ?? DEFAULT_KERNEL_BTF;
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(file));
  } catch {
    return path === undefined ? undefined : { error: `cannot read the kernel BTF '${file}'` };
  }
  try {
    return targetBtf(decodeBtf(bytes).types, file);
  } catch (e) {
    if (!(e instanceof MalformedInput)) throw e;
    return { error: `'${file}' is not raw BTF: ${e.message}` };
  }
}

export const DEFAULT_KERNEL_SYMBOLS = '/proc/kallsyms';

/** The names of the running kernel's symbols (`ADDRESS TYPE NAME [MODULE]` lines), undefined when the file cannot be read. */
export function loadKernelSymbols(path: string = DEFAULT_KERNEL_SYMBOLS): Set<string> | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'latin1');
  } catch {
    return undefined;
  }
  const names = new Set<string>();
  for (const line of text.split('\n')) {
    const name = line.split(' ')[2];
    if (name) names.add(name.split('\t')[0]!);
  }
  return names.size > 0 ? names : undefined;
}
