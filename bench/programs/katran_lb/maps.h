// SPDX-License-Identifier: MIT
/* katran_lb/maps.h: the balancer's maps.
 *
 * vip_map          VIP (address, port, protocol) -> flags and number
 * lru_mapping      per CPU, that CPU's connection table (a map of maps); a CPU
 *                  without one uses fallback_cache
 * fallback_cache   the global connection table
 * ch_rings         RING_SIZE slots per VIP, each a real's index: the
 *                  consistent-hash ring a control plane fills
 * reals            real index -> tunnel destination
 * reals_stats      per real: packets and bytes
 * stats            per VIP and global counters (STATS_*)
 * ctl_array        settings: next-hop MAC, ifindex, flags, outer source prefix
 * lpm_src_v4/_v6   client prefix -> real index, for F_SRC_ROUTING VIPs
 * server_id_map    QUIC server id -> real index
 * decap_dst        addresses of this balancer: tunnelled packets to them are
 *                  unwrapped and passed up
 * root_array       the programs xdp_root tail-calls, in order
 */
#ifndef KATRAN_LB_MAPS_H
#define KATRAN_LB_MAPS_H

#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include "consts.h"
#include "structs.h"

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, MAX_VIPS);
	__type(key, struct vip_definition);
	__type(value, struct vip_meta);
} vip_map SEC(".maps");

/* The shape of every per-CPU table; the control plane creates one per CPU. */
struct lru_inner {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, PER_CPU_LRU_SIZE);
	__uint(map_flags, BPF_F_NO_COMMON_LRU);
	__type(key, struct flow_key);
	__type(value, struct real_pos_lru);
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY_OF_MAPS);
	__uint(max_entries, MAX_SUPPORTED_CPUS);
	__type(key, __u32);
	__array(values, struct lru_inner);
} lru_mapping SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, FALLBACK_LRU_SIZE);
	__type(key, struct flow_key);
	__type(value, struct real_pos_lru);
} fallback_cache SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, CH_RINGS_SIZE);
	__type(key, __u32);
	__type(value, __u32);
} ch_rings SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, MAX_REALS);
	__type(key, __u32);
	__type(value, struct real_definition);
} reals SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, MAX_REALS);
	__type(key, __u32);
	__type(value, struct lb_stats);
} reals_stats SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, STATS_MAP_SIZE);
	__type(key, __u32);
	__type(value, struct lb_stats);
} stats SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, CTL_MAP_SIZE);
	__type(key, __u32);
	__type(value, struct ctl_value);
} ctl_array SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_LPM_TRIE);
	__uint(max_entries, MAX_LPM_SRC);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__type(key, struct v4_lpm_key);
	__type(value, __u32);
} lpm_src_v4 SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_LPM_TRIE);
	__uint(max_entries, MAX_LPM_SRC);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__type(key, struct v6_lpm_key);
	__type(value, __u32);
} lpm_src_v6 SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, MAX_QUIC_REALS);
	__type(key, __u32);
	__type(value, __u32);
} server_id_map SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, MAX_DECAP_DST);
	__type(key, struct address);
	__type(value, __u32);
} decap_dst SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, ROOT_ARRAY_SIZE);
	__type(key, __u32);
	__type(value, __u32);
} root_array SEC(".maps");

#endif
