// bpf_spin_lock: which lock a path holds and what it may do meanwhile, as the kernel decides it
// (process_spin_lock, the call and exit rules of do_check, check_ld_abs), and the special
// fields of a map value (the lock, a timer) that loads and stores may not touch
// (check_map_access).
import { helperByName } from '../bpf/helpers.js';
import type { Insn } from '../bpf/insn.js';
import type { Env, MapInfo } from './env.js';
import { dropNonOwning } from './alloc.js';
import { Reject } from './reject.js';
import type { Reg, State } from './state.js';

export const SPIN_LOCK = helperByName('bpf_spin_lock')!.id;
export const SPIN_UNLOCK = helperByName('bpf_spin_unlock')!.id;

/**
 * While a lock is held the only helper call allowed is bpf_spin_unlock (calls of static
 * functions are allowed; kfunc calls are judged elsewhere).
 */
export function checkCallUnderLock(st: State, insn: Insn): void {
  if (!st.lock) return;
  if (insn.src === 0 && insn.imm !== SPIN_UNLOCK) {
    throw new Reject('V1027', 'function calls are not allowed while holding a lock', {
      proven: 'a helper is called between bpf_spin_lock() and bpf_spin_unlock()',
      needed: 'no calls while the lock is held: call the helper before taking the lock or after releasing it',
      notes: [{ insn: st.lock.insn, message: 'the lock is taken here' }],
    });
  }
}

/**
 * process_spin_lock, after the argument was checked to point at the lock of a map value: takes
 * or releases it. The lock is named by the map and the id of the pointer (0 for global data).
 */
export function spinLockCall(env: Env, st: State, helper: number, r: Reg, insnIdx: number): void {
  if (helper === SPIN_LOCK) {
    // A second bpf_spin_lock() is refused earlier as a call under a lock.
    st.lock = { map: r.map, id: r.id, insn: insnIdx };
    return;
  }
  if (!st.lock) {
    throw new Reject('V1027', 'bpf_spin_unlock without taking a lock', {
      proven: 'no lock is held on this path', needed: 'bpf_spin_lock() on the same value before bpf_spin_unlock()',
    });
  }
  if (st.lock.map !== r.map || st.lock.id !== r.id) {
    throw new Reject('V1027', 'bpf_spin_unlock of different lock', {
      proven: `the lock held was taken through another pointer (map ${env.maps[st.lock.map]?.name ?? '?'})`,
      needed: 'bpf_spin_unlock() on the value whose lock was taken',
      notes: [{ insn: st.lock.insn, message: 'the lock is taken here' }],
    });
  }
  st.lock = undefined;
  dropNonOwning(st);
}

/** check_resource_leak: the program may not end, or leave through LD_ABS, with a lock held. */
export function checkNoLockAt(st: State, what: 'BPF_EXIT instruction in main prog' | 'BPF_LD_[ABS|IND]'): void {
  if (!st.lock) return;
  throw new Reject('V1027', `${what} cannot be used inside bpf_spin_lock-ed region`, {
    proven: what.startsWith('BPF_EXIT') ? 'the program returns while it holds a lock' : 'a packet load that may end the program while a lock is held',
    needed: 'bpf_spin_unlock() on every path before this instruction',
    notes: [{ insn: st.lock.insn, message: 'the lock is taken here' }],
  });
}

/**
 * check_map_access: no byte of the access [fixed offset + smin, fixed offset + umax + size) may
 * touch a special field of the value.
 */
export function checkSpecialFields(m: MapInfo, r: Reg, off: number, size: number): void {
  for (const f of m.specialFields) {
    if (r.s.smin + BigInt(off) < BigInt(f.off + f.size) && BigInt(f.off) < r.s.umax + BigInt(off + size)) {
      throw new Reject('V1027', `${f.name} cannot be accessed directly by load/store`, {
        proven: `the access may touch bytes ${f.off}..${f.off + f.size} of the value of map ${m.name}, its struct ${f.name}`,
        needed: `only the ${f.name} helpers touch that field`,
      });
    }
  }
}
