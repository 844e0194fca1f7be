// SPDX-License-Identifier: MIT
/* katran_lb/jhash.h: Bob Jenkins' lookup3 hash (public domain algorithm),
 * the word-oriented variant, written for this program.
 *
 * Three 32-bit lanes a, b, c start at a seed mixed with the input's length;
 * each group of three input words is added to the lanes and mixed, and the
 * last group goes through the final avalanche. flow_hash() in katran_lb.c
 * builds on jhash_2words() and jhash_words().
 */
#ifndef KATRAN_LB_JHASH_H
#define KATRAN_LB_JHASH_H

#include <linux/types.h>

#define JHASH_GOLDEN	0xdeadbeef

static __always_inline __u32 rol32(__u32 word, unsigned int shift)
{
	return (word << shift) | (word >> ((-shift) & 31));
}

/* Mixes three lanes reversibly; every input bit affects every lane. */
#define LOOKUP3_MIX(a, b, c)				\
	do {						\
		a -= c; a ^= rol32(c, 4);  c += b;	\
		b -= a; b ^= rol32(a, 6);  a += c;	\
		c -= b; c ^= rol32(b, 8);  b += a;	\
		a -= c; a ^= rol32(c, 16); c += b;	\
		b -= a; b ^= rol32(a, 19); a += c;	\
		c -= b; c ^= rol32(b, 4);  b += a;	\
	} while (0)

/* The final avalanche of the last three lanes into c. */
#define LOOKUP3_FINAL(a, b, c)				\
	do {						\
		c ^= b; c -= rol32(b, 14);		\
		a ^= c; a -= rol32(c, 11);		\
		b ^= a; b -= rol32(a, 25);		\
		c ^= b; c -= rol32(b, 16);		\
		a ^= c; a -= rol32(c, 4);		\
		b ^= a; b -= rol32(a, 14);		\
		c ^= b; c -= rol32(b, 24);		\
	} while (0)

/* The hash of up to three words; `extra` is folded into the starting value
 * (the length of the input in bytes, as the word variant would add it). */
static __always_inline __u32 lookup3_words3(__u32 a, __u32 b, __u32 c, __u32 seed, __u32 extra)
{
	__u32 start = JHASH_GOLDEN + extra + seed;

	a += start;
	b += start;
	c += start;
	LOOKUP3_FINAL(a, b, c);
	return c;
}

static __always_inline __u32 jhash_2words(__u32 a, __u32 b, __u32 seed)
{
	return lookup3_words3(a, b, 0, seed, 2 << 2);
}

/*
 * The hash of n words (n a compile-time constant at every caller, at most
 * JHASH_MAX_WORDS): full groups of three are mixed, the last one to three
 * words go through the final avalanche.
 */
#define JHASH_MAX_WORDS 12

static __always_inline __u32 jhash_words(const __u32 *k, __u32 n, __u32 seed)
{
	__u32 a, b, c;
	__u32 i = 0;

	a = b = c = JHASH_GOLDEN + (n << 2) + seed;

#pragma unroll
	for (int group = 0; group < JHASH_MAX_WORDS / 3; group++) {
		if (n - i <= 3)
			break;
		a += k[i];
		b += k[i + 1];
		c += k[i + 2];
		LOOKUP3_MIX(a, b, c);
		i += 3;
	}
	switch (n - i) {
	case 3:
		c += k[i + 2];
		/* fall through */
	case 2:
		b += k[i + 1];
		/* fall through */
	case 1:
		a += k[i];
		LOOKUP3_FINAL(a, b, c);
		/* fall through */
	case 0:
		break;
	}
	return c;
}

#endif
