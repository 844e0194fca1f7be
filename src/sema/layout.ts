// Struct and union layout as clang lays them out for -target bpf (the SysV
// rules): members at their natural alignment; a bit-field never straddles a
// unit of its declared type unless the struct is packed; a zero-width
// bit-field aligns the next member to its type; unnamed bit-fields do not
// affect the struct's alignment; anonymous members are flattened for lookup.
import type { Span } from '../diag/source.js';
import { error, type SemaState } from './state.js';
import * as T from './types.js';
import type { CType, RecordInfo, StructMemberInfo } from './types.js';

export interface MemberDraft {
  name?: string;
  type: CType;
  bitWidth?: number;
  span: Span;
  packed: boolean;
  /** __attribute__((aligned(N))) on the member. */
  alignBytes?: number;
}

export function layoutRecord(s: SemaState, info: RecordInfo, drafts: MemberDraft[], attrs: { packed: boolean; alignBytes?: number }): void {
  const members: StructMemberInfo[] = [];
  let bitPos = 0; // next free bit (structs)
  let sizeBits = 0; // union: largest member
  let align = 1;
  const isUnion = info.tag === 'union';
  drafts.forEach((m, i) => {
    const size = T.sizeOf(m.type);
    const st = T.strip(m.type);
    const isLast = i === drafts.length - 1;
    if (size === undefined || (st.kind === 'array' && st.length === undefined)) {
      const flexible = st.kind === 'array' && st.length === undefined && isLast && !isUnion && members.length > 0;
      if (!flexible) {
        error(s, 'E3008', `field '${m.name ?? '(anonymous)'}' has incomplete type '${T.typeToString(m.type)}'`, m.span);
        return;
      }
    }
    const sizeBytes = size ?? 0;
    const natural = m.packed || attrs.packed ? 1 : T.alignOf(m.type);
    const memberAlign = Math.max(natural, m.alignBytes ?? 1);
    if (m.bitWidth !== undefined) {
      const unitBits = sizeBytes * 8;
      if (m.bitWidth === 0) {
        bitPos = roundUp(bitPos, T.alignOf(m.type) * 8);
        return;
      }
      let start = isUnion ? 0 : bitPos;
      if (!(m.packed || attrs.packed) && Math.floor(start / unitBits) !== Math.floor((start + m.bitWidth - 1) / unitBits)) {
        start = roundUp(start, unitBits);
      }
      const unitOffset = m.packed || attrs.packed ? Math.floor(start / 8) : Math.floor(start / unitBits) * sizeBytes;
      if (m.name !== undefined) {
        members.push({ name: m.name, type: m.type, offsetBytes: unitOffset, bitOffset: start, bitWidth: m.bitWidth, span: m.span, ...(m.packed || attrs.packed ? { packed: true } : {}) });
        align = Math.max(align, memberAlign);
      }
      bitPos = start + m.bitWidth;
      sizeBits = Math.max(sizeBits, bitPos);
      return;
    }
    const offsetBits = isUnion ? 0 : roundUp(bitPos, memberAlign * 8);
    members.push({ name: m.name, type: m.type, offsetBytes: offsetBits / 8, bitOffset: offsetBits, bitWidth: 0, span: m.span });
    align = Math.max(align, memberAlign);
    bitPos = offsetBits + sizeBytes * 8;
    sizeBits = Math.max(sizeBits, bitPos);
  });
  if (attrs.alignBytes !== undefined) align = Math.max(align, attrs.alignBytes);
  info.members = members;
  info.alignBytes = align;
  info.sizeBytes = roundUp(Math.ceil(sizeBits / 8), align);
  info.packed = attrs.packed;
  info.complete = true;
}

function roundUp(n: number, to: number): number {
  return Math.ceil(n / to) * to;
}

export interface FoundMember {
  member: StructMemberInfo;
  /** Offset of the member's storage unit from the start of the outer record. */
  offsetBytes: number;
  /** Anonymous members walked through, outermost first. */
  path: StructMemberInfo[];
}

/** Finds a member by name, looking through anonymous struct/union members (C11 6.7.2.1p13). */
export function findMember(info: RecordInfo, name: string): FoundMember | undefined {
  for (const m of info.members) {
    if (m.name === name) return { member: m, offsetBytes: m.offsetBytes, path: [] };
    if (m.name === undefined) {
      const inner = T.strip(m.type);
      if (inner.kind === 'record') {
        const found = findMember(inner.info, name);
        if (found) return { member: found.member, offsetBytes: m.offsetBytes + found.offsetBytes, path: [m, ...found.path] };
      }
    }
  }
  return undefined;
}
