/* ebcc freestanding header: kernel-tree path for <linux/socket.h>. */
#ifndef __EBCC_UAPI_LINUX_SOCKET_H
#define __EBCC_UAPI_LINUX_SOCKET_H
#include <linux/socket.h>
#endif
