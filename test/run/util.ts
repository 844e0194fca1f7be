// Shared helpers of the ebcc run tests.
import { existsSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';

/** The kernel's possible CPUs: how many values a per-CPU map holds for user space. */
export function possibleCpus(): number {
  const path = '/sys/devices/system/cpu/possible';
  if (!existsSync(path)) return cpus().length;
  let n = 0;
  for (const part of readFileSync(path, 'utf8').trim().split(',')) {
    const [a, b] = part.split('-').map(Number);
    n += b === undefined ? 1 : b - a! + 1;
  }
  return n;
}
