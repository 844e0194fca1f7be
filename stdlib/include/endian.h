/* ebcc freestanding header <endian.h>: the byte-order names of the C library's
 * header (POSIX.1-2024 <endian.h>) for the little-endian BPF target. Headers
 * shared between a BPF program and its loader include it for __BYTE_ORDER
 * and the htobe16()/be32toh() family. */
#ifndef __EBCC_ENDIAN_H
#define __EBCC_ENDIAN_H
#define _ENDIAN_H 1

#define __LITTLE_ENDIAN 1234
#define __BIG_ENDIAN 4321
#define __PDP_ENDIAN 3412
#define __BYTE_ORDER __LITTLE_ENDIAN
#define __FLOAT_WORD_ORDER __BYTE_ORDER

#define LITTLE_ENDIAN __LITTLE_ENDIAN
#define BIG_ENDIAN __BIG_ENDIAN
#define PDP_ENDIAN __PDP_ENDIAN
#define BYTE_ORDER __BYTE_ORDER

/* Host (little-endian) to and from big-endian swaps the bytes; to and from
 * little-endian only converts to the unsigned type of that width. */
#define htobe16(x) __builtin_bswap16((unsigned short)(x))
#define htole16(x) ((unsigned short)(x))
#define be16toh(x) __builtin_bswap16((unsigned short)(x))
#define le16toh(x) ((unsigned short)(x))
#define htobe32(x) __builtin_bswap32((unsigned int)(x))
#define htole32(x) ((unsigned int)(x))
#define be32toh(x) __builtin_bswap32((unsigned int)(x))
#define le32toh(x) ((unsigned int)(x))
#define htobe64(x) __builtin_bswap64((unsigned long long)(x))
#define htole64(x) ((unsigned long long)(x))
#define be64toh(x) __builtin_bswap64((unsigned long long)(x))
#define le64toh(x) ((unsigned long long)(x))

#endif
