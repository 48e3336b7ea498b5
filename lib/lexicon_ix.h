/*
 * lexicon_ix.h - included by lexicon.c only (from its top level), where it
 * expands to the IX_N entries of the first-byte index IXSTART. It includes
 * itself IX_N levels deep: at include level 1 + d it writes entry d, the
 * number of words in lexicon.def whose first byte is below IX_LO + d, counted
 * by the compiler (LEX expands inside lexicon.def, one level deeper, where
 * d is __INCLUDE_LEVEL__ - 2). __INCLUDE_LEVEL__ is GCC's and Clang's.
 */
#ifndef __INCLUDE_LEVEL__
#error "lexicon_ix.h counts its entries by __INCLUDE_LEVEL__"
#endif
#if __INCLUDE_LEVEL__ <= IX_N
#if __INCLUDE_LEVEL__ > 1
,
#endif
#define LEX(w, l, q, f) +((unsigned char)(w)[0] < IX_LO + (__INCLUDE_LEVEL__ - 2))
0
#include "lexicon.def"
#undef LEX
#include "lexicon_ix.h"
#endif
