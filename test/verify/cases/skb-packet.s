; Packet access through struct __sk_buff: data (offset 76), data_end (80), data_meta (140).
; Which program types see packet pointers, and which may write packet data, differs per type.
.license "GPL"

@case tc_read_checked accept
.prog p tc
        r2 = *(u32 *)(r1 +76)
        r3 = *(u32 *)(r1 +80)
        r4 = r2
        r4 += 14
        if r4 > r3 goto out
        r0 = *(u16 *)(r2 +12)
out:    r0 = 0
        exit

@case tc_read_unchecked reject EACCES "invalid access to packet, off=12 size=2, R2(id=0,off=12,r=0)"
.prog p tc
        r2 = *(u32 *)(r1 +76)
        r0 = *(u16 *)(r2 +12)
        r0 = 0
        exit

@case tc_write_checked accept
.prog p tc
        r2 = *(u32 *)(r1 +76)
        r3 = *(u32 *)(r1 +80)
        r4 = r2
        r4 += 14
        if r4 > r3 goto out
        *(u8 *)(r2 +0) = 0xff
out:    r0 = 0
        exit

@case tc_data_meta_checked accept
.prog p tc
        r2 = *(u32 *)(r1 +140)
        r3 = *(u32 *)(r1 +76)
        r4 = r2
        r4 += 4
        if r4 > r3 goto out
        r0 = *(u32 *)(r2 +0)
out:    r0 = 0
        exit

@case socket_filter_reads_data reject EACCES "invalid bpf_context access off=76 size=4"
.prog p socket
        r2 = *(u32 *)(r1 +76)
        r0 = 0
        exit

@case socket_filter_reads_data_end reject EACCES "invalid bpf_context access off=80 size=4"
.prog p socket
        r2 = *(u32 *)(r1 +80)
        r0 = 0
        exit

@case cgroup_skb_read_checked accept
.prog p cgroup_skb/ingress
        r2 = *(u32 *)(r1 +76)
        r3 = *(u32 *)(r1 +80)
        r4 = r2
        r4 += 20
        if r4 > r3 goto out
        r0 = *(u8 *)(r2 +9)
out:    r0 = 1
        exit

@case cgroup_skb_write_packet reject EACCES "cannot write into packet"
.prog p cgroup_skb/ingress
        r2 = *(u32 *)(r1 +76)
        r3 = *(u32 *)(r1 +80)
        r4 = r2
        r4 += 20
        if r4 > r3 goto out
        *(u8 *)(r2 +9) = 1
out:    r0 = 1
        exit

@case cgroup_skb_data_meta reject EACCES "invalid bpf_context access off=140 size=4"
.prog p cgroup_skb/ingress
        r2 = *(u32 *)(r1 +140)
        r0 = 1
        exit

@case sk_skb_write_checked accept
.prog p sk_skb
        r2 = *(u32 *)(r1 +76)
        r3 = *(u32 *)(r1 +80)
        r4 = r2
        r4 += 4
        if r4 > r3 goto out
        *(u32 *)(r2 +0) = 0
out:    r0 = 0
        exit

@case lwt_in_read_checked accept
.prog p lwt_in
        r2 = *(u32 *)(r1 +76)
        r3 = *(u32 *)(r1 +80)
        r4 = r2
        r4 += 4
        if r4 > r3 goto out
        r0 = *(u32 *)(r2 +0)
out:    r0 = 0
        exit

@case lwt_in_write_packet reject EACCES "cannot write into packet"
.prog p lwt_in
        r2 = *(u32 *)(r1 +76)
        r3 = *(u32 *)(r1 +80)
        r4 = r2
        r4 += 4
        if r4 > r3 goto out
        *(u32 *)(r2 +0) = 0
out:    r0 = 0
        exit

@case lwt_xmit_write_packet accept
.prog p lwt_xmit
        r2 = *(u32 *)(r1 +76)
        r3 = *(u32 *)(r1 +80)
        r4 = r2
        r4 += 4
        if r4 > r3 goto out
        *(u32 *)(r2 +0) = 0
out:    r0 = 0
        exit

@case lwt_seg6local_read_checked accept
.prog p lwt_seg6local
        r2 = *(u32 *)(r1 +76)
        r3 = *(u32 *)(r1 +80)
        r4 = r2
        r4 += 1
        if r4 > r3 goto out
        r0 = *(u8 *)(r2 +0)
out:    r0 = 0
        exit

@case lwt_seg6local_write_packet reject EACCES "cannot write into packet"
.prog p lwt_seg6local
        r2 = *(u32 *)(r1 +76)
        r3 = *(u32 *)(r1 +80)
        r4 = r2
        r4 += 4
        if r4 > r3 goto out
        *(u32 *)(r2 +0) = 0
out:    r0 = 0
        exit

@case lwt_seg6local_store_bytes_invalidates reject EACCES "R7 invalid mem access 'scalar'"
.prog p lwt_seg6local
        r6 = r1
        r2 = *(u32 *)(r6 +76)
        r3 = *(u32 *)(r6 +80)
        r4 = r2
        r4 += 4
        if r4 > r3 goto out
        r7 = r2
        *(u32 *)(r10 -4) = 0
        r1 = r6
        r2 = 8
        r3 = r10
        r3 += -4
        r4 = 4
        call bpf_lwt_seg6_store_bytes
        r0 = *(u8 *)(r7 +0)
out:    r0 = 0
        exit

@case lwt_seg6local_push_encap_not_offered reject EINVAL "program of this type cannot use helper bpf_lwt_push_encap#73"
.prog p lwt_seg6local
        r6 = r1
        *(u64 *)(r10 -8) = 0
        r1 = r6
        r2 = 0
        r3 = r10
        r3 += -8
        r4 = 8
        call bpf_lwt_push_encap
        r0 = 0
        exit

@case tc_pull_data_invalidates reject EACCES "R7 invalid mem access 'scalar'"
.prog p tc
        r6 = r1
        r2 = *(u32 *)(r6 +76)
        r3 = *(u32 *)(r6 +80)
        r4 = r2
        r4 += 4
        if r4 > r3 goto out
        r7 = r2
        r1 = r6
        r2 = 14
        call bpf_skb_pull_data
        r0 = *(u32 *)(r7 +0)
out:    r0 = 0
        exit

@case tc_pull_data_then_reload accept
.prog p tc
        r6 = r1
        r1 = r6
        r2 = 14
        call bpf_skb_pull_data
        r2 = *(u32 *)(r6 +76)
        r3 = *(u32 *)(r6 +80)
        r4 = r2
        r4 += 14
        if r4 > r3 goto out
        r0 = *(u32 *)(r2 +10)
out:    r0 = 0
        exit

@case tc_store_bytes_invalidates reject EACCES "R7 invalid mem access 'scalar'"
.prog p tc
        r6 = r1
        r2 = *(u32 *)(r6 +76)
        r3 = *(u32 *)(r6 +80)
        r4 = r2
        r4 += 4
        if r4 > r3 goto out
        r7 = r2
        *(u32 *)(r10 -4) = 0
        r1 = r6
        r2 = 0
        r3 = r10
        r3 += -4
        r4 = 4
        r5 = 0
        call bpf_skb_store_bytes
        r0 = *(u32 *)(r7 +0)
out:    r0 = 0
        exit

@case tc_load_bytes_keeps_pointers accept
.prog p tc
        r6 = r1
        r2 = *(u32 *)(r6 +76)
        r3 = *(u32 *)(r6 +80)
        r4 = r2
        r4 += 4
        if r4 > r3 goto out
        r7 = r2
        r1 = r6
        r2 = 0
        r3 = r10
        r3 += -4
        r4 = 4
        call bpf_skb_load_bytes
        r0 = *(u32 *)(r7 +0)
out:    r0 = 0
        exit

@case ld_abs_socket_filter accept
.prog p socket
        r6 = r1
        r0 = *(u16 *)skb[12]
        exit

@case ld_abs_needs_ctx_in_r6 reject EACCES "R6 !read_ok"
.prog p socket
        r0 = *(u16 *)skb[12]
        exit

@case ld_ind_tc accept
.prog p tc
        r6 = r1
        r7 = 14
        r0 = *(u8 *)skb[r7 + 9]
        r0 = 0
        exit

@case ld_abs_in_xdp reject EINVAL "BPF_LD_[ABS|IND] instructions not allowed for this program type"
.prog p xdp
        r6 = r1
        r0 = *(u8 *)skb[0]
        r0 = 2
        exit

@case ld_abs_clobbers_r1 reject EACCES "R1 !read_ok"
.prog p socket
        r6 = r1
        r0 = *(u8 *)skb[0]
        r0 = *(u32 *)(r1 +0)
        exit

@case ld_abs_keeps_r6 accept
.prog p socket
        r6 = r1
        r0 = *(u8 *)skb[0]
        r0 = *(u32 *)(r6 +0)
        exit

@case flow_dissector_keys_write accept
.prog p flow_dissector
        r2 = *(u64 *)(r1 +144)
        *(u16 *)(r2 +0) = 14
        r0 = 0
        exit

@case flow_dissector_keys_out_of_range reject EACCES "invalid access to flow keys off=200 size=4"
.prog p flow_dissector
        r2 = *(u64 *)(r1 +144)
        r0 = *(u32 *)(r2 +200)
        r0 = 0
        exit

@case sk_msg_read_checked accept
.prog p sk_msg
        r2 = *(u64 *)(r1 +0)
        r3 = *(u64 *)(r1 +8)
        r4 = r2
        r4 += 4
        if r4 > r3 goto out
        r0 = *(u32 *)(r2 +0)
out:    r0 = 1
        exit

@case sk_msg_read_unchecked reject EACCES "invalid access to packet, off=0 size=4, R2(id=0,off=0,r=0)"
.prog p sk_msg
        r2 = *(u64 *)(r1 +0)
        r0 = *(u32 *)(r2 +0)
        r0 = 1
        exit
