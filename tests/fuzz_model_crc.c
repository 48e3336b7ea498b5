/* fuzz_model_crc.c - fuzz_model.c with the CRC-32 trailer recomputed over the
 * fuzzed bytes, so mutations reach the section parsers instead of stopping at
 * the checksum. */
#define FUZZ_FIX_CRC 1
#include "fuzz_model.c"
