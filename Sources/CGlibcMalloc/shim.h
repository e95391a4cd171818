// glibc's malloc tuning (mallopt), which Swift's Glibc module does not export, and the one setting
// the central server makes with it. Not the sync agent: its peak memory has a target (under 50 MB),
// and memory kept in the heap counts against it.
#include <malloc.h>

/// Keeps buffers of up to 16 MiB in the heap instead of mapping each one: a push's buffers (the
/// body, its entries, the encoded parameters) are each up to about a mebibyte, and mapped afresh
/// every push each of their pages was faulted in and zeroed again by the kernel (`scripts/bench sync`
/// under perf: an eighth of the server's CPU). glibc refuses a threshold above 32 MiB on 64-bit
/// machines, and a refused setting changes nothing, so the answer is checked: 1 when both took.
static inline int frontdesk_keep_large_buffers_in_heap(void) {
    int threshold = mallopt(M_MMAP_THRESHOLD, 16 << 20);
    int trim = mallopt(M_TRIM_THRESHOLD, 256 << 20);
    return threshold == 1 && trim == 1;
}
