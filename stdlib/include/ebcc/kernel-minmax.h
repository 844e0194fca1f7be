/* ebcc freestanding header: min() and max() of the kernel's <linux/minmax.h>, which kernel-tree
 * code (-D__KERNEL__) reaches through almost every internal header (<linux/if_vlan.h>,
 * <net/ip.h>, ...). Each argument is evaluated once; a program's own definition comes first
 * (a later one is a redefinition warning, as it is against the kernel's). */
#ifndef __EBCC_KERNEL_MINMAX_H
#define __EBCC_KERNEL_MINMAX_H

#ifndef min
#define min(x, y) ({ __typeof__(x) __ebcc_min_x = (x); __typeof__(y) __ebcc_min_y = (y); \
	__ebcc_min_x < __ebcc_min_y ? __ebcc_min_x : __ebcc_min_y; })
#endif
#ifndef max
#define max(x, y) ({ __typeof__(x) __ebcc_max_x = (x); __typeof__(y) __ebcc_max_y = (y); \
	__ebcc_max_x > __ebcc_max_y ? __ebcc_max_x : __ebcc_max_y; })
#endif
#ifndef min_t
#define min_t(type, x, y) min((type)(x), (type)(y))
#endif
#ifndef max_t
#define max_t(type, x, y) max((type)(x), (type)(y))
#endif

#endif
