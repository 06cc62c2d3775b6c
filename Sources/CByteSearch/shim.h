#include <stddef.h>

// glibc's memmem (a GNU extension, which the Glibc module leaves out): finding a tag in a page's
// HTML, where stopping at every `<` with memchr was slow. Named apart so that it can never clash
// with a memmem a later Glibc module exports.
void *byte_search_memmem(const void *haystack, size_t haystack_length, const void *needle, size_t needle_length) __asm__("memmem");
