/* ebcc freestanding header: tc classifier/action verdicts. A tc BPF program
 * (SEC("tc") or "classifier") returns one of the TC_ACT_* values. */
#if !defined(__EBCC_LINUX_PKT_CLS_H) && !defined(__LINUX_PKT_CLS_H)
#define __EBCC_LINUX_PKT_CLS_H
#define __LINUX_PKT_CLS_H

#include <linux/types.h>
#include <linux/pkt_sched.h>

#define TC_ACT_UNSPEC (-1)   /* use the default action of the qdisc */
#define TC_ACT_OK 0          /* let the packet continue */
#define TC_ACT_RECLASSIFY 1
#define TC_ACT_SHOT 2        /* drop */
#define TC_ACT_PIPE 3        /* continue with the next action */
#define TC_ACT_STOLEN 4      /* consumed, do not count as a drop */
#define TC_ACT_QUEUED 5
#define TC_ACT_REPEAT 6
#define TC_ACT_REDIRECT 7    /* the result of bpf_redirect() */
#define TC_ACT_TRAP 8
#define TC_ACT_VALUE_MAX TC_ACT_TRAP

/* Extended verdicts carry an opcode in the top four bits. */
#define __TC_ACT_EXT_SHIFT 28
#define __TC_ACT_EXT(local) ((local) << __TC_ACT_EXT_SHIFT)
#define TC_ACT_EXT_VAL_MASK ((1 << __TC_ACT_EXT_SHIFT) - 1)
#define TC_ACT_EXT_OPCODE(combined) ((combined) & (~TC_ACT_EXT_VAL_MASK))
#define TC_ACT_EXT_CMP(combined, opcode) (TC_ACT_EXT_OPCODE(combined) == opcode)
#define TC_ACT_JUMP __TC_ACT_EXT(1)
#define TC_ACT_GOTO_CHAIN __TC_ACT_EXT(2)
#define TC_ACT_EXT_OPCODE_MAX TC_ACT_GOTO_CHAIN

#endif
