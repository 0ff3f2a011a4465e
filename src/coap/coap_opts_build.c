/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include <string.h>

#include "coap_opt.h"

void tern_coap_opts_init(tern_coap_opts_t *opts, void *buf, size_t capacity) {
    opts->buf = (uint8_t *) buf;
    opts->size = 0;
    opts->capacity = buf ? capacity : 0;
}

/* Where an option lives inside the encoded list. */
typedef struct {
    size_t offset;
    size_t header_size;
    size_t value_size;
    uint32_t number;
    uint32_t previous_number;
} opt_pos_t;

/* Finds the first option whose number is above @p number (or, with
 * @p equal, equal to it). Returns false if there is none; out->offset is
 * then the end of the list and out->previous_number the last number. */
static bool find_position(const tern_coap_opts_t *opts, uint32_t number,
                          bool equal, opt_pos_t *out) {
    const uint8_t *end = opts->buf + opts->size;
    size_t offset = 0;
    uint32_t current = 0;
    while (offset < opts->size) {
        uint32_t delta;
        size_t value_size;
        size_t header_size;
        if (coap_opt_header_read(opts->buf + offset, end, &delta, &value_size,
                                 &header_size)) {
            /* Only reachable if the caller scribbled over the buffer; treat
             * the list as ending here so nothing is corrupted further. */
            break;
        }
        uint32_t this_number = current + delta;
        if (equal ? this_number == number : this_number > number) {
            out->offset = offset;
            out->header_size = header_size;
            out->value_size = value_size;
            out->number = this_number;
            out->previous_number = current;
            return true;
        }
        if (equal && this_number > number) {
            break;
        }
        current = this_number;
        offset += header_size + value_size;
    }
    out->offset = offset;
    out->previous_number = current;
    return false;
}

int tern_coap_opts_add_opaque(tern_coap_opts_t *opts, uint16_t number,
                              const void *value, size_t size) {
    if (size > COAP_OPT_FIELD_MAX || (size && !value)) {
        return TERN_COAP_ERR_INVALID;
    }
    opt_pos_t next;
    bool has_next = find_position(opts, number, false, &next);
    uint32_t delta = number - next.previous_number;
    size_t header_size = coap_opt_header_size(delta, size);
    size_t new_next_header = 0;
    size_t tail_offset = opts->size;
    if (has_next) {
        new_next_header =
                coap_opt_header_size(next.number - number, next.value_size);
        tail_offset = next.offset + next.header_size;
    }
    size_t tail_size = opts->size - tail_offset;
    size_t new_size =
            next.offset + header_size + size + new_next_header + tail_size;
    if (new_size > opts->capacity) {
        return TERN_COAP_ERR_NO_SPACE;
    }
    uint8_t *at = opts->buf + next.offset;
    if (tail_size) {
        memmove(at + header_size + size + new_next_header,
                opts->buf + tail_offset, tail_size);
    }
    at += coap_opt_header_write(at, delta, size);
    if (size) {
        memcpy(at, value, size);
        at += size;
    }
    if (has_next) {
        coap_opt_header_write(at, next.number - number, next.value_size);
    }
    opts->size = new_size;
    return 0;
}

int tern_coap_opts_add_string(tern_coap_opts_t *opts, uint16_t number,
                              const char *value) {
    if (!value) {
        return TERN_COAP_ERR_INVALID;
    }
    return tern_coap_opts_add_opaque(opts, number, value, strlen(value));
}

int tern_coap_opts_add_empty(tern_coap_opts_t *opts, uint16_t number) {
    return tern_coap_opts_add_opaque(opts, number, NULL, 0);
}

int tern_coap_opts_add_uint(tern_coap_opts_t *opts, uint16_t number,
                            uint32_t value) {
    uint8_t bytes[4];
    size_t size = coap_uint_encode(bytes, value);
    return tern_coap_opts_add_opaque(opts, number, bytes, size);
}

int tern_coap_opts_add_block(tern_coap_opts_t *opts, uint16_t number,
                             const tern_coap_block_t *block) {
    if (block->num > TERN_COAP_BLOCK_MAX_NUM ||
        block->szx > TERN_COAP_BLOCK_SZX_BERT) {
        return TERN_COAP_ERR_INVALID;
    }
    return tern_coap_opts_add_uint(opts, number, tern_coap_block_encode(block));
}

int tern_coap_opts_add_path(tern_coap_opts_t *opts, const char *path) {
    if (!path) {
        return TERN_COAP_ERR_INVALID;
    }
    if (*path == '/') {
        ++path;
    }
    if (!*path) {
        return 0;
    }
    for (;;) {
        const char *slash = strchr(path, '/');
        size_t size = slash ? (size_t) (slash - path) : strlen(path);
        int result = tern_coap_opts_add_opaque(opts, TERN_COAP_OPT_URI_PATH,
                                               path, size);
        if (result || !slash) {
            return result;
        }
        path = slash + 1;
    }
}

int tern_coap_opts_copy(tern_coap_opts_t *opts, const tern_coap_msg_t *msg,
                        const uint16_t *skip, size_t skip_count) {
    tern_coap_opt_iter_t it = tern_coap_opt_iter(msg);
    while (tern_coap_opt_next(&it)) {
        bool skipped = false;
        for (size_t i = 0; i < skip_count && !skipped; ++i) {
            skipped = (skip[i] == it.number);
        }
        if (!skipped) {
            int result = tern_coap_opts_add_opaque(opts, it.number, it.value,
                                                   it.size);
            if (result) {
                return result;
            }
        }
    }
    return 0;
}

void tern_coap_opts_remove(tern_coap_opts_t *opts, uint16_t number) {
    opt_pos_t victim;
    while (find_position(opts, number, true, &victim)) {
        opt_pos_t next;
        bool has_next = find_position(opts, number, false, &next);
        if (!has_next) {
            opts->size = victim.offset;
            continue;
        }
        /* Every occurrence goes at once: the bytes up to the next higher
         * option disappear and its delta grows by theirs. Its new header
         * never needs more room than the removed options freed. */
        uint32_t new_delta = next.number - victim.previous_number;
        size_t new_header = coap_opt_header_size(new_delta, next.value_size);
        size_t tail_offset = next.offset + next.header_size;
        size_t tail_size = opts->size - tail_offset;
        memmove(opts->buf + victim.offset + new_header, opts->buf + tail_offset,
                tail_size);
        coap_opt_header_write(opts->buf + victim.offset, new_delta,
                              next.value_size);
        opts->size = victim.offset + new_header + tail_size;
    }
}
