/* ebcc freestanding header: the IP option levels of bpf_setsockopt() that the C library's
 * <netinet/in.h> defines (SOL_TCP and SOL_UDP are in <netinet/tcp.h> and <netinet/udp.h>), and
 * the kernel's internal <linux/socket.h> with them. */
#ifndef __EBCC_IP_LEVELS_H
#define __EBCC_IP_LEVELS_H
#ifndef SOL_IP
#define SOL_IP 0
#endif
#ifndef SOL_IPV6
#define SOL_IPV6 41
#endif
#ifndef SOL_ICMPV6
#define SOL_ICMPV6 58
#endif
#endif
