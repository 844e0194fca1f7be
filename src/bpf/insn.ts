// One 64-bit instruction slot, with the fields of the kernel's struct bpf_insn.
// An ld_imm64 takes two slots: the second has code 0 and carries the upper 32 bits in imm.
export interface Insn {
  /** opcode byte: class | size/source | mode/op */
  code: number;
  /** dst_reg, 0..10 */
  dst: number;
  /** src_reg, 0..10 (or a pseudo value: 1 = BPF_PSEUDO_MAP_FD / BPF_PSEUDO_CALL) */
  src: number;
  /** signed 16-bit offset */
  off: number;
  /** signed 32-bit immediate */
  imm: number;
}
