/* ebcc freestanding header: the uapi/ spelling of <linux/libc-compat.h>. */
#include <linux/libc-compat.h>
