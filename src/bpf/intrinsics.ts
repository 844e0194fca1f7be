// LLVM's BPF intrinsics that C programs reach through an assembler name,
// `unsigned long long load_byte(void *skb, unsigned long long off) asm("llvm.bpf.load.byte");`
// (the socket-filter idiom of the kernel's samples): each becomes one
// BPF_LD | BPF_ABS (constant offset) or BPF_LD | BPF_IND (offset in a register)
// instruction that loads `sizeBytes` bytes of packet data in network byte order.

export interface PacketLoadIntrinsic {
  asmName: string;
  sizeBytes: 1 | 2 | 4;
}

export const PACKET_LOAD_INTRINSICS: readonly PacketLoadIntrinsic[] = [
  { asmName: 'llvm.bpf.load.byte', sizeBytes: 1 },
  { asmName: 'llvm.bpf.load.half', sizeBytes: 2 },
  { asmName: 'llvm.bpf.load.word', sizeBytes: 4 },
];

export function packetLoadIntrinsic(asmName: string | undefined): PacketLoadIntrinsic | undefined {
  return asmName === undefined ? undefined : PACKET_LOAD_INTRINSICS.find((p) => p.asmName === asmName);
}
