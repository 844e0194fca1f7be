// A rejection: the kernel's message, ebcc's code, and what ebcc can say about it. The checks
// throw it; check.ts catches it at the instruction and turns it into one Diagnostic.
import type { VerifyCode } from '../diag/codes/verify.js';

export interface RejectNote {
  insn: number;
  message: string;
}

export interface RejectInfo {
  /** What the analysis proved about the operands. */
  proven?: string;
  /** What the check needed. */
  needed?: string;
  /** The fix, in C terms. */
  fix?: string;
  notes?: RejectNote[];
  /** ebcc's own headline, when it says more than the kernel's message (a CO-RE relocation that failed). */
  headline?: string;
}

export class Reject {
  constructor(
    readonly code: VerifyCode,
    /** The kernel's own message (the last line of its log). */
    readonly kernel: string,
    readonly info: RejectInfo = {},
    /** A line the kernel prints before the message (e.g. "R1 offset is outside of the packet" follows it). */
    readonly kernelExtra?: string,
  ) {}
}
