/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include "io_cbor.h"

#include <math.h>
#include <string.h>

#include "io_log.h"
#include "io_utf8.h"

/* A chain of tags longer than this carries no LwM2M meaning; refusing it
 * bounds the work per data item. */
#define MAX_PENDING_TAGS 4

void tern_io_cbor_reader_init(tern_io_cbor_reader_t *reader, const void *data,
                              size_t len, tern_io_arena_t *arena) {
    memset(reader, 0, sizeof(*reader));
    /* Pointer arithmetic on NULL is undefined even with a zero offset. */
    reader->pos = data ? (const uint8_t *) data : (const uint8_t *) "";
    reader->end = reader->pos + (data ? len : 0);
    reader->arena = arena;
}

static size_t remaining_bytes(const tern_io_cbor_reader_t *reader) {
    return (size_t) (reader->end - reader->pos);
}

/* Reads the argument that follows an initial byte; ai 31 is left to the
 * caller. */
static int read_argument(tern_io_cbor_reader_t *reader, uint8_t ai,
                         uint64_t *out) {
    if (ai < 24) {
        *out = ai;
        return TERN_IO_OK;
    }
    if (ai > 27) {
        io_log(DEBUG, "CBOR: reserved additional information %u",
               (unsigned) ai);
        return TERN_IO_ERR_MALFORMED;
    }
    size_t size = (size_t) 1 << (ai - 24);
    if (remaining_bytes(reader) < size) {
        io_log(DEBUG, "CBOR: truncated argument");
        return TERN_IO_ERR_MALFORMED;
    }
    uint64_t value = 0;
    for (size_t i = 0; i < size; ++i) {
        value = (value << 8) | reader->pos[i];
    }
    reader->pos += size;
    *out = value;
    return TERN_IO_OK;
}

/* Accounts a data item that is starting in the enclosing container. */
static void item_start(tern_io_cbor_reader_t *reader, bool is_container) {
    reader->pending_tags = 0;
    if (reader->depth == 0) {
        if (!is_container) {
            reader->top_done = true;
        }
        return;
    }
    tern_io_cbor_frame_t *top = &reader->stack[reader->depth - 1];
    if (top->indefinite) {
        if (top->is_map) {
            top->odd = !top->odd;
        }
    } else {
        --top->remaining;
    }
}

static int pop_container(tern_io_cbor_reader_t *reader,
                         tern_io_cbor_item_t *out) {
    if (reader->pending_tags) {
        io_log(DEBUG, "CBOR: tag without a tagged item");
        return TERN_IO_ERR_MALFORMED;
    }
    --reader->depth;
    if (reader->depth == 0) {
        reader->top_done = true;
    }
    memset(out, 0, sizeof(*out));
    out->kind = TERN_IO_CBOR_END;
    return TERN_IO_OK;
}

static int read_indefinite_string(tern_io_cbor_reader_t *reader, uint8_t major,
                                  tern_io_cbor_item_t *out) {
    static const uint8_t EMPTY[1] = {0};
    if (!reader->arena) {
        io_log(DEBUG, "CBOR: indefinite-length strings not accepted here");
        return TERN_IO_ERR_UNSUPPORTED;
    }
    const uint8_t *start = NULL;
    size_t total = 0;
    for (;;) {
        if (reader->pos >= reader->end) {
            io_log(DEBUG, "CBOR: unterminated indefinite-length string");
            return TERN_IO_ERR_MALFORMED;
        }
        uint8_t ib = *reader->pos++;
        if (ib == 0xFF) {
            break;
        }
        if ((ib >> 5) != major || (ib & 0x1F) == 31) {
            io_log(DEBUG, "CBOR: bad chunk in indefinite-length string");
            return TERN_IO_ERR_MALFORMED;
        }
        uint64_t chunk_len;
        int result = read_argument(reader, ib & 0x1F, &chunk_len);
        if (result) {
            return result;
        }
        if (chunk_len > remaining_bytes(reader)) {
            io_log(DEBUG, "CBOR: truncated string chunk");
            return TERN_IO_ERR_MALFORMED;
        }
        if (chunk_len) {
            uint8_t *dst;
            /* Consecutive arena allocations are contiguous, which is what
             * joins the chunks. */
            result = tern_io_arena_alloc(reader->arena, (size_t) chunk_len,
                                         &dst);
            if (result) {
                return result;
            }
            if (!start) {
                start = dst;
            }
            memcpy(dst, reader->pos, (size_t) chunk_len);
            reader->pos += chunk_len;
            total += (size_t) chunk_len;
        }
    }
    out->data = start ? start : EMPTY;
    out->len = total;
    return TERN_IO_OK;
}

static double decode_half(uint16_t half) {
    int exp = (half >> 10) & 0x1F;
    int mant = half & 0x3FF;
    double value;
    if (exp == 0) {
        value = ldexp(mant, -24);
    } else if (exp == 31) {
        value = mant ? NAN : INFINITY;
    } else {
        value = ldexp(mant + 1024, exp - 25);
    }
    return (half & 0x8000) ? -value : value;
}

static int read_simple(tern_io_cbor_reader_t *reader, uint8_t ai,
                       tern_io_cbor_item_t *out) {
    if (ai < 20) {
        out->kind = TERN_IO_CBOR_SIMPLE;
        out->u = ai;
        return TERN_IO_OK;
    }
    switch (ai) {
        case 20:
        case 21:
            out->kind = TERN_IO_CBOR_BOOL;
            out->b = (ai == 21);
            return TERN_IO_OK;
        case 22:
            out->kind = TERN_IO_CBOR_NULL;
            return TERN_IO_OK;
        case 23:
            out->kind = TERN_IO_CBOR_UNDEFINED;
            return TERN_IO_OK;
        case 24:
            if (remaining_bytes(reader) < 1 || *reader->pos < 32) {
                io_log(DEBUG, "CBOR: bad two-byte simple value");
                return TERN_IO_ERR_MALFORMED;
            }
            out->kind = TERN_IO_CBOR_SIMPLE;
            out->u = *reader->pos++;
            return TERN_IO_OK;
        case 25:
        case 26:
        case 27: {
            uint64_t bits;
            int result = read_argument(reader, ai, &bits);
            if (result) {
                return result;
            }
            out->kind = TERN_IO_CBOR_FLOAT;
            if (ai == 25) {
                out->d = decode_half((uint16_t) bits);
            } else if (ai == 26) {
                uint32_t bits32 = (uint32_t) bits;
                float f;
                memcpy(&f, &bits32, sizeof(f));
                out->d = f;
            } else {
                memcpy(&out->d, &bits, sizeof(out->d));
            }
            return TERN_IO_OK;
        }
        default:
            io_log(DEBUG, "CBOR: unexpected break or reserved simple value");
            return TERN_IO_ERR_MALFORMED;
    }
}

int tern_io_cbor_next(tern_io_cbor_reader_t *reader, tern_io_cbor_item_t *out) {
    if (reader->depth > 0) {
        tern_io_cbor_frame_t *top = &reader->stack[reader->depth - 1];
        if (!top->indefinite && top->remaining == 0) {
            return pop_container(reader, out);
        }
        if (top->indefinite && reader->pos < reader->end &&
            *reader->pos == 0xFF) {
            if (top->odd) {
                io_log(DEBUG, "CBOR: map key without a value");
                return TERN_IO_ERR_MALFORMED;
            }
            ++reader->pos;
            return pop_container(reader, out);
        }
    } else if (reader->top_done) {
        if (reader->pos != reader->end) {
            io_log(DEBUG, "CBOR: %zu trailing bytes", remaining_bytes(reader));
            return TERN_IO_ERR_MALFORMED;
        }
        return TERN_IO_END;
    }
    if (reader->pos >= reader->end) {
        io_log(DEBUG, "CBOR: truncated input");
        return TERN_IO_ERR_MALFORMED;
    }
    memset(out, 0, sizeof(*out));
    uint8_t ib = *reader->pos++;
    uint8_t major = (uint8_t) (ib >> 5);
    uint8_t ai = ib & 0x1F;
    uint64_t arg = 0;
    int result;
    if (major == TERN_IO_CBOR_MAJOR_SIMPLE) {
        result = read_simple(reader, ai, out);
        if (!result) {
            item_start(reader, false);
        }
        return result;
    }
    if (ai == 31) {
        if (major < TERN_IO_CBOR_MAJOR_BYTES ||
            major == TERN_IO_CBOR_MAJOR_TAG) {
            io_log(DEBUG, "CBOR: indefinite length on major type %u",
                   (unsigned) major);
            return TERN_IO_ERR_MALFORMED;
        }
        out->indefinite = true;
    } else if ((result = read_argument(reader, ai, &arg))) {
        return result;
    }
    switch (major) {
        case TERN_IO_CBOR_MAJOR_UINT:
        case TERN_IO_CBOR_MAJOR_NEGINT:
            out->kind = major == TERN_IO_CBOR_MAJOR_UINT ? TERN_IO_CBOR_UINT
                                                         : TERN_IO_CBOR_NEGINT;
            out->u = arg;
            item_start(reader, false);
            return TERN_IO_OK;
        case TERN_IO_CBOR_MAJOR_BYTES:
        case TERN_IO_CBOR_MAJOR_TEXT:
            out->kind = major == TERN_IO_CBOR_MAJOR_BYTES ? TERN_IO_CBOR_BYTES
                                                          : TERN_IO_CBOR_TEXT;
            if (out->indefinite) {
                out->indefinite = false;
                if ((result = read_indefinite_string(reader, major, out))) {
                    return result;
                }
            } else {
                if (arg > remaining_bytes(reader)) {
                    io_log(DEBUG, "CBOR: string longer than the input");
                    return TERN_IO_ERR_MALFORMED;
                }
                out->data = reader->pos;
                out->len = (size_t) arg;
                reader->pos += arg;
            }
            if (out->kind == TERN_IO_CBOR_TEXT &&
                !tern_io_utf8_valid(out->data, out->len)) {
                io_log(DEBUG, "CBOR: text string is not UTF-8");
                return TERN_IO_ERR_MALFORMED;
            }
            item_start(reader, false);
            return TERN_IO_OK;
        case TERN_IO_CBOR_MAJOR_ARRAY:
        case TERN_IO_CBOR_MAJOR_MAP: {
            out->kind = major == TERN_IO_CBOR_MAJOR_ARRAY ? TERN_IO_CBOR_ARRAY
                                                          : TERN_IO_CBOR_MAP;
            out->u = arg;
            uint64_t items = arg;
            if (!out->indefinite) {
                /* Every item takes at least one byte, so a count beyond the
                 * remaining input can be refused at once. */
                if (arg > remaining_bytes(reader) ||
                    (major == TERN_IO_CBOR_MAJOR_MAP &&
                     arg > remaining_bytes(reader) / 2)) {
                    io_log(DEBUG, "CBOR: container count exceeds the input");
                    return TERN_IO_ERR_MALFORMED;
                }
                if (major == TERN_IO_CBOR_MAJOR_MAP) {
                    items = arg * 2;
                }
            }
            if (reader->depth >= TERN_IO_MAX_NESTING) {
                io_log(DEBUG, "CBOR: nesting deeper than %d",
                       TERN_IO_MAX_NESTING);
                return TERN_IO_ERR_LIMIT;
            }
            item_start(reader, true);
            tern_io_cbor_frame_t *frame = &reader->stack[reader->depth++];
            frame->remaining = items;
            frame->indefinite = out->indefinite;
            frame->is_map = major == TERN_IO_CBOR_MAJOR_MAP;
            frame->odd = false;
            return TERN_IO_OK;
        }
        default: /* TERN_IO_CBOR_MAJOR_TAG */
            if (reader->pending_tags >= MAX_PENDING_TAGS) {
                io_log(DEBUG, "CBOR: more than %d nested tags",
                       MAX_PENDING_TAGS);
                return TERN_IO_ERR_LIMIT;
            }
            ++reader->pending_tags;
            out->kind = TERN_IO_CBOR_TAG;
            out->u = arg;
            return TERN_IO_OK;
    }
}

int tern_io_cbor_skip(tern_io_cbor_reader_t *reader,
                      const tern_io_cbor_item_t *first) {
    tern_io_cbor_item_t item = *first;
    int result;
    while (item.kind == TERN_IO_CBOR_TAG) {
        if ((result = tern_io_cbor_next(reader, &item))) {
            return result == TERN_IO_END ? TERN_IO_ERR_MALFORMED : result;
        }
        if (item.kind == TERN_IO_CBOR_END) {
            return TERN_IO_ERR_MALFORMED;
        }
    }
    if (item.kind != TERN_IO_CBOR_ARRAY && item.kind != TERN_IO_CBOR_MAP) {
        return TERN_IO_OK;
    }
    uint8_t target = (uint8_t) (reader->depth - 1);
    while (reader->depth > target) {
        if ((result = tern_io_cbor_next(reader, &item))) {
            return result == TERN_IO_END ? TERN_IO_ERR_MALFORMED : result;
        }
    }
    return TERN_IO_OK;
}
