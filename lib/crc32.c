/*
 * crc32.c - the checksum of model files: CRC-32 (IEEE 802.3), computed by
 * zlib's crc32(), which is fast (table-sliced) and everywhere.
 */
#include "config.h"

#include <zlib.h>

#include "stance_internal.h"

uint32_t stance_crc32(uint32_t crc, const void *data, size_t len)
{
    const unsigned char *p = data;
    uLong c = crc;
    /* zlib takes uInt lengths: feed huge buffers in pieces. */
    while (len > 0) {
        uInt n = len > 0x40000000u ? 0x40000000u : (uInt)len;
        c = crc32(c, p, n);
        p += n;
        len -= n;
    }
    return (uint32_t)c;
}
