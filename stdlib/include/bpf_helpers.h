/* ebcc freestanding header: compatibility path for programs that include
 * "bpf_helpers.h" directly (older samples/bpf style). */
#ifndef __EBCC_TOP_BPF_HELPERS_H
#define __EBCC_TOP_BPF_HELPERS_H
#include <bpf/bpf_helpers.h>
#endif
