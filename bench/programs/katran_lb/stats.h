// SPDX-License-Identifier: MIT
/* katran_lb/stats.h: the per-CPU counters. Each slot of `stats` and
 * `reals_stats` is a pair (v1, v2) whose meaning consts.h gives per slot.
 */
#ifndef KATRAN_LB_STATS_H
#define KATRAN_LB_STATS_H

#include "maps.h"

static __always_inline void stats_add(__u32 slot, __u64 v1, __u64 v2)
{
	struct lb_stats *s = bpf_map_lookup_elem(&stats, &slot);

	if (!s)
		return;
	s->v1 += v1;
	s->v2 += v2;
}

static __always_inline void stats_v1(__u32 slot)
{
	stats_add(slot, 1, 0);
}

static __always_inline void stats_v2(__u32 slot)
{
	stats_add(slot, 0, 1);
}

/* A packet and its bytes for the real it was sent to. */
static __always_inline void real_stats_add(__u32 real_index, __u16 bytes)
{
	struct lb_stats *s = bpf_map_lookup_elem(&reals_stats, &real_index);

	if (!s)
		return;
	s->v1 += 1;
	s->v2 += bytes;
}

#endif
