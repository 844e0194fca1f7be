// SPDX-License-Identifier: GPL-2.0
/* The object that defines the maps of test/kernel/linked/count_by_proto.c, which declares them
 * extern; `bpftool gen object` links the two. It also defines the read-only setting that the
 * other declares extern. */
#include "counter_maps.h"

counter_map proto_counts SEC(".maps");

const volatile __u32 proto_offset = 23;
