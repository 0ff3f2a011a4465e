/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include "io_cbor.h"

#include <math.h>
#include <string.h>

static size_t head_size(uint64_t arg) {
    if (arg < 24) {
        return 1;
    } else if (arg <= UINT8_MAX) {
        return 2;
    } else if (arg <= UINT16_MAX) {
        return 3;
    } else if (arg <= UINT32_MAX) {
        return 5;
    }
    return 9;
}

static size_t write_head(uint8_t *out, uint8_t major, uint64_t arg) {
    size_t size = head_size(arg);
    uint8_t ai;
    switch (size) {
        case 1:
            out[0] = (uint8_t) (major << 5 | arg);
            return 1;
        case 2:
            ai = 24;
            break;
        case 3:
            ai = 25;
            break;
        case 5:
            ai = 26;
            break;
        default:
            ai = 27;
            break;
    }
    out[0] = (uint8_t) (major << 5 | ai);
    for (size_t i = 1; i < size; ++i) {
        out[i] = (uint8_t) (arg >> (8 * (size - 1 - i)));
    }
    return size;
}

int tern_io_cbor_put_head(tern_io_buf_t *buf, uint8_t major, uint64_t arg) {
    uint8_t tmp[9];
    return tern_io_buf_append(buf, tmp, write_head(tmp, major, arg));
}

int tern_io_cbor_put_uint(tern_io_buf_t *buf, uint64_t value) {
    return tern_io_cbor_put_head(buf, TERN_IO_CBOR_MAJOR_UINT, value);
}

int tern_io_cbor_put_int(tern_io_buf_t *buf, int64_t value) {
    if (value >= 0) {
        return tern_io_cbor_put_head(buf, TERN_IO_CBOR_MAJOR_UINT,
                                     (uint64_t) value);
    }
    /* -1 - value, computed without overflowing at INT64_MIN. */
    return tern_io_cbor_put_head(buf, TERN_IO_CBOR_MAJOR_NEGINT,
                                 (uint64_t) (-(value + 1)));
}

static int put_string(tern_io_buf_t *buf, uint8_t major, const void *data,
                      size_t len) {
    uint8_t tmp[9];
    size_t hlen = write_head(tmp, major, len);
    int result = tern_io_buf_reserve(buf, hlen);
    if (!result && len > SIZE_MAX - hlen) {
        result = TERN_IO_ERR_BUFFER_TOO_SMALL;
    }
    if (!result) {
        result = tern_io_buf_reserve(buf, hlen + len);
    }
    if (result) {
        return result;
    }
    memcpy(buf->data + buf->len, tmp, hlen);
    if (len) {
        memcpy(buf->data + buf->len + hlen, data, len);
    }
    buf->len += hlen + len;
    return TERN_IO_OK;
}

int tern_io_cbor_put_bytes(tern_io_buf_t *buf, const void *data, size_t len) {
    return put_string(buf, TERN_IO_CBOR_MAJOR_BYTES, data, len);
}

int tern_io_cbor_put_text(tern_io_buf_t *buf, const void *data, size_t len) {
    return put_string(buf, TERN_IO_CBOR_MAJOR_TEXT, data, len);
}

int tern_io_cbor_put_array(tern_io_buf_t *buf, uint64_t count) {
    return tern_io_cbor_put_head(buf, TERN_IO_CBOR_MAJOR_ARRAY, count);
}

int tern_io_cbor_put_map(tern_io_buf_t *buf, uint64_t pairs) {
    return tern_io_cbor_put_head(buf, TERN_IO_CBOR_MAJOR_MAP, pairs);
}

int tern_io_cbor_put_tag(tern_io_buf_t *buf, uint64_t tag) {
    return tern_io_cbor_put_head(buf, TERN_IO_CBOR_MAJOR_TAG, tag);
}

int tern_io_cbor_put_bool(tern_io_buf_t *buf, bool value) {
    return tern_io_buf_putc(buf, value ? 0xF5 : 0xF4);
}

int tern_io_cbor_put_null(tern_io_buf_t *buf) {
    return tern_io_buf_putc(buf, 0xF6);
}

/* Half precision holds a finite value exactly if it is a multiple of 2^-24
 * with at most 11 significant bits and magnitude up to 65504. */
static bool to_half(double value, uint16_t *out) {
    uint16_t sign = signbit(value) ? 0x8000 : 0;
    double mag = fabs(value);
    if (isinf(value)) {
        *out = (uint16_t) (sign | 0x7C00);
        return true;
    }
    if (mag == 0.0) {
        *out = sign;
        return true;
    }
    if (mag > 65504.0) {
        return false;
    }
    if (mag < 6.103515625e-05) {          /* below 2^-14: subnormal */
        double scaled = mag * 16777216.0; /* 2^24 */
        if (scaled != floor(scaled)) {
            return false;
        }
        *out = (uint16_t) (sign | (uint16_t) scaled);
        return true;
    }
    int exp;
    double frac = frexp(mag, &exp); /* mag = frac * 2^exp, frac in [0.5, 1) */
    double mantissa = (frac * 2.0 - 1.0) * 1024.0;
    if (mantissa != floor(mantissa)) {
        return false;
    }
    *out = (uint16_t) (sign | (uint16_t) ((exp + 14) << 10) |
                       (uint16_t) mantissa);
    return true;
}

int tern_io_cbor_put_double(tern_io_buf_t *buf, double value) {
    uint8_t tmp[9];
    size_t len;
    uint16_t half;
    if (isnan(value)) {
        tmp[0] = 0xF9;
        tmp[1] = 0x7E;
        tmp[2] = 0x00;
        len = 3;
    } else if (to_half(value, &half)) {
        tmp[0] = 0xF9;
        tmp[1] = (uint8_t) (half >> 8);
        tmp[2] = (uint8_t) half;
        len = 3;
    } else if ((double) (float) value == value) {
        float f = (float) value;
        uint32_t bits;
        memcpy(&bits, &f, sizeof(bits));
        tmp[0] = 0xFA;
        for (int i = 0; i < 4; ++i) {
            tmp[1 + i] = (uint8_t) (bits >> (24 - 8 * i));
        }
        len = 5;
    } else {
        uint64_t bits;
        memcpy(&bits, &value, sizeof(bits));
        tmp[0] = 0xFB;
        for (int i = 0; i < 8; ++i) {
            tmp[1 + i] = (uint8_t) (bits >> (56 - 8 * i));
        }
        len = 9;
    }
    return tern_io_buf_append(buf, tmp, len);
}

int tern_io_cbor_begin_reserved(tern_io_buf_t *buf, uint64_t max_count,
                                size_t *out_pos) {
    size_t size = head_size(max_count);
    int result = tern_io_buf_reserve(buf, size);
    if (result) {
        return result;
    }
    *out_pos = buf->len;
    memset(buf->data + buf->len, 0, size);
    buf->len += size;
    return TERN_IO_OK;
}

void tern_io_cbor_end_reserved(tern_io_buf_t *buf, size_t pos,
                               uint64_t max_count, uint8_t major,
                               uint64_t count) {
    size_t used = write_head(buf->data + pos, major, count);
    tern_io_buf_collapse(buf, pos, head_size(max_count), used);
}
