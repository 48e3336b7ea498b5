/*
 * lexicon_ix.h - included by lexicon.c only, once for each of 8 values of IX_HI8:
 * the entries IXSTART[8 * IX_HI8 .. 8 * IX_HI8 + 7] of its first-byte index, each
 * the number of words in lexicon.def whose first byte is below that byte
 * (IX_LO + 8 * IX_HI8 + d), counted by the compiler.
 */
#define LEX(w, l, q, f) +((unsigned char)(w)[0] < IX_LO + 8 * IX_HI8 + IX_D)
#define IX_D 0
0
#include "lexicon.def"
#undef IX_D
#define IX_D 1
, 0
#include "lexicon.def"
#undef IX_D
#define IX_D 2
, 0
#include "lexicon.def"
#undef IX_D
#define IX_D 3
, 0
#include "lexicon.def"
#undef IX_D
#define IX_D 4
, 0
#include "lexicon.def"
#undef IX_D
#define IX_D 5
, 0
#include "lexicon.def"
#undef IX_D
#define IX_D 6
, 0
#include "lexicon.def"
#undef IX_D
#define IX_D 7
, 0
#include "lexicon.def"
#undef IX_D
#undef LEX
