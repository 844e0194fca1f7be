/* ebcc freestanding header: compatibility path for programs that include
 * "bpf_endian.h" directly (older samples/bpf style). */
#ifndef __EBCC_TOP_BPF_ENDIAN_H
#define __EBCC_TOP_BPF_ENDIAN_H
#include <bpf/bpf_endian.h>
#endif
