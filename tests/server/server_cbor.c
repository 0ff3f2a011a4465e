/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include "server_cbor.h"

#include <math.h>
#include <string.h>

/* Nesting limit for skipping, so that hostile input cannot exhaust the
 * stack. */
#define MAX_SKIP_DEPTH 32

void srv_cbor_reader_init(srv_cbor_reader_t *r, const uint8_t *data,
                          size_t len) {
    r->p = data;
    r->end = data + len;
}

static int read_be(srv_cbor_reader_t *r, size_t n, uint64_t *out) {
    if ((size_t) (r->end - r->p) < n) {
        return -1;
    }
    uint64_t v = 0;
    for (size_t i = 0; i < n; ++i) {
        v = v << 8 | *r->p++;
    }
    *out = v;
    return 0;
}

static double half_to_double(uint16_t h) {
    int exp = (h >> 10) & 0x1f;
    int mant = h & 0x3ff;
    double v;
    if (exp == 0) {
        v = ldexp(mant, -24);
    } else if (exp == 31) {
        v = mant ? NAN : INFINITY;
    } else {
        v = ldexp(mant + 1024, exp - 25);
    }
    return (h & 0x8000) ? -v : v;
}

int srv_cbor_read(srv_cbor_reader_t *r, srv_cbor_item_t *item) {
    memset(item, 0, sizeof(*item));
    if (r->p >= r->end) {
        return -1;
    }
    uint8_t ib = *r->p++;
    int major = ib >> 5;
    int info = ib & 0x1f;
    uint64_t arg = 0;
    if (major == 7) {
        switch (info) {
            case 20:
                item->kind = SRV_CBOR_FALSE;
                return 0;
            case 21:
                item->kind = SRV_CBOR_TRUE;
                return 0;
            case 22:
                item->kind = SRV_CBOR_NULL;
                return 0;
            case 23:
                item->kind = SRV_CBOR_UNDEFINED;
                return 0;
            case 25:
                if (read_be(r, 2, &arg)) {
                    return -1;
                }
                item->kind = SRV_CBOR_FLOAT;
                item->f = half_to_double((uint16_t) arg);
                return 0;
            case 26: {
                if (read_be(r, 4, &arg)) {
                    return -1;
                }
                uint32_t bits = (uint32_t) arg;
                float f;
                memcpy(&f, &bits, sizeof(f));
                item->kind = SRV_CBOR_FLOAT;
                item->f = f;
                return 0;
            }
            case 27: {
                if (read_be(r, 8, &arg)) {
                    return -1;
                }
                double d;
                memcpy(&d, &arg, sizeof(d));
                item->kind = SRV_CBOR_FLOAT;
                item->f = d;
                return 0;
            }
            case 31:
                item->kind = SRV_CBOR_BREAK;
                return 0;
            default:
                return -1;
        }
    }
    if (info < 24) {
        arg = (uint64_t) info;
    } else if (info <= 27) {
        if (read_be(r, (size_t) 1 << (info - 24), &arg)) {
            return -1;
        }
    } else if (info == 31 && (major == 4 || major == 5)) {
        item->indefinite = 1;
    } else {
        return -1;
    }
    item->u = arg;
    switch (major) {
        case 0:
            item->kind = SRV_CBOR_UINT;
            return 0;
        case 1:
            item->kind = SRV_CBOR_NINT;
            return 0;
        case 2:
        case 3:
            if (arg > (uint64_t) (r->end - r->p)) {
                return -1;
            }
            item->kind = major == 2 ? SRV_CBOR_BYTES : SRV_CBOR_TEXT;
            item->data = r->p;
            item->len = (size_t) arg;
            r->p += arg;
            return 0;
        case 4:
            item->kind = SRV_CBOR_ARRAY;
            return 0;
        case 5:
            item->kind = SRV_CBOR_MAP;
            return 0;
        default:
            item->kind = SRV_CBOR_TAG;
            return 0;
    }
}

static int skip_depth(srv_cbor_reader_t *r, int depth) {
    srv_cbor_item_t item;
    if (depth > MAX_SKIP_DEPTH || srv_cbor_read(r, &item)) {
        return -1;
    }
    switch (item.kind) {
        case SRV_CBOR_BREAK:
            return -1;
        case SRV_CBOR_TAG:
            return skip_depth(r, depth + 1);
        case SRV_CBOR_ARRAY:
        case SRV_CBOR_MAP: {
            uint64_t per = item.kind == SRV_CBOR_MAP ? 2 : 1;
            if (item.indefinite) {
                for (;;) {
                    srv_cbor_reader_t peek = *r;
                    srv_cbor_item_t next;
                    if (srv_cbor_read(&peek, &next)) {
                        return -1;
                    }
                    if (next.kind == SRV_CBOR_BREAK) {
                        *r = peek;
                        return 0;
                    }
                    for (uint64_t i = 0; i < per; ++i) {
                        if (skip_depth(r, depth + 1)) {
                            return -1;
                        }
                    }
                }
            }
            for (uint64_t i = 0; i < item.u; ++i) {
                for (uint64_t j = 0; j < per; ++j) {
                    if (skip_depth(r, depth + 1)) {
                        return -1;
                    }
                }
            }
            return 0;
        }
        default:
            return 0;
    }
}

int srv_cbor_skip(srv_cbor_reader_t *r) {
    return skip_depth(r, 0);
}

int srv_cbor_to_int64(const srv_cbor_item_t *item, int64_t *out) {
    if (item->u > (uint64_t) INT64_MAX) {
        return -1;
    }
    if (item->kind == SRV_CBOR_UINT) {
        *out = (int64_t) item->u;
        return 0;
    }
    if (item->kind == SRV_CBOR_NINT) {
        *out = -1 - (int64_t) item->u;
        return 0;
    }
    return -1;
}

static void write_head(srv_buf_t *out, int major, uint64_t arg) {
    uint8_t head[9];
    size_t n;
    if (arg < 24) {
        head[0] = (uint8_t) (major << 5 | (int) arg);
        n = 1;
    } else if (arg <= 0xff) {
        head[0] = (uint8_t) (major << 5 | 24);
        head[1] = (uint8_t) arg;
        n = 2;
    } else if (arg <= 0xffff) {
        head[0] = (uint8_t) (major << 5 | 25);
        head[1] = (uint8_t) (arg >> 8);
        head[2] = (uint8_t) arg;
        n = 3;
    } else if (arg <= 0xffffffffu) {
        head[0] = (uint8_t) (major << 5 | 26);
        for (int i = 0; i < 4; ++i) {
            head[1 + i] = (uint8_t) (arg >> (24 - 8 * i));
        }
        n = 5;
    } else {
        head[0] = (uint8_t) (major << 5 | 27);
        for (int i = 0; i < 8; ++i) {
            head[1 + i] = (uint8_t) (arg >> (56 - 8 * i));
        }
        n = 9;
    }
    srv_buf_append(out, head, n);
}

void srv_cbor_write_uint(srv_buf_t *out, uint64_t v) {
    write_head(out, 0, v);
}

void srv_cbor_write_int(srv_buf_t *out, int64_t v) {
    if (v >= 0) {
        write_head(out, 0, (uint64_t) v);
    } else {
        write_head(out, 1, (uint64_t) (-1 - v));
    }
}

void srv_cbor_write_text(srv_buf_t *out, const char *s, size_t len) {
    write_head(out, 3, len);
    srv_buf_append(out, s, len);
}

void srv_cbor_write_bytes(srv_buf_t *out, const uint8_t *data, size_t len) {
    write_head(out, 2, len);
    srv_buf_append(out, data, len);
}

void srv_cbor_write_array(srv_buf_t *out, size_t count) {
    write_head(out, 4, count);
}

void srv_cbor_write_map(srv_buf_t *out, size_t count) {
    write_head(out, 5, count);
}

void srv_cbor_write_bool(srv_buf_t *out, int v) {
    srv_buf_append_byte(out, v ? 0xf5 : 0xf4);
}

void srv_cbor_write_double(srv_buf_t *out, double v) {
    uint64_t bits;
    memcpy(&bits, &v, sizeof(bits));
    uint8_t buf[9];
    buf[0] = 0xfb;
    for (int i = 0; i < 8; ++i) {
        buf[1 + i] = (uint8_t) (bits >> (56 - 8 * i));
    }
    srv_buf_append(out, buf, sizeof(buf));
}
