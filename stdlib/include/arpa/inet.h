/* ebcc freestanding header <arpa/inet.h>: the C library's address-conversion header. Its
 * functions (inet_pton() and the rest) run in user space and cannot be called from BPF; programs
 * include it for what it brings from <netinet/in.h>: htons() and friends, the address types. */
#ifndef __EBCC_ARPA_INET_H
#define __EBCC_ARPA_INET_H
#include <netinet/in.h>
#endif
