/* ebcc freestanding header <features.h>: a C library's feature-selection header. BPF programs
 * have no C library, so it selects nothing; it exists for code that includes it out of habit. */
#ifndef __EBCC_FEATURES_H
#define __EBCC_FEATURES_H
#endif
