/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include "io_buf.h"

#include <string.h>

#include <avsystem/commons/avs_memory.h>

#include "io_log.h"

void tern_io_buf_init_fixed(tern_io_buf_t *buf, void *mem, size_t size) {
    buf->data = (uint8_t *) mem;
    buf->len = 0;
    buf->cap = mem ? size : 0;
    buf->max = buf->cap;
    buf->growable = false;
}

void tern_io_buf_init_growable(tern_io_buf_t *buf, size_t max_size) {
    buf->data = NULL;
    buf->len = 0;
    buf->cap = 0;
    buf->max = max_size;
    buf->growable = true;
}

void tern_io_buf_release(tern_io_buf_t *buf) {
    if (buf->growable) {
        avs_free(buf->data);
        buf->data = NULL;
        buf->cap = 0;
    }
    buf->len = 0;
}

int tern_io_buf_reserve(tern_io_buf_t *buf, size_t extra) {
    if (extra <= buf->cap - buf->len) {
        return TERN_IO_OK;
    }
    if (!buf->growable || extra > buf->max - buf->len) {
        return TERN_IO_ERR_BUFFER_TOO_SMALL;
    }
    size_t need = buf->len + extra;
    size_t new_cap = buf->cap ? buf->cap : 64;
    while (new_cap < need) {
        new_cap = new_cap > SIZE_MAX / 2 ? need : new_cap * 2;
    }
    if (new_cap > buf->max) {
        new_cap = buf->max;
    }
    uint8_t *data = (uint8_t *) avs_realloc(buf->data, new_cap);
    if (!data) {
        io_log(WARNING, "out of memory growing an output buffer to %zu B",
               new_cap);
        return TERN_IO_ERR_NO_MEMORY;
    }
    buf->data = data;
    buf->cap = new_cap;
    return TERN_IO_OK;
}

int tern_io_buf_append(tern_io_buf_t *buf, const void *data, size_t len) {
    if (len == 0) {
        return TERN_IO_OK;
    }
    int result = tern_io_buf_reserve(buf, len);
    if (result) {
        return result;
    }
    memcpy(buf->data + buf->len, data, len);
    buf->len += len;
    return TERN_IO_OK;
}

int tern_io_buf_putc(tern_io_buf_t *buf, uint8_t byte) {
    return tern_io_buf_append(buf, &byte, 1);
}

int tern_io_buf_puts(tern_io_buf_t *buf, const char *str) {
    return tern_io_buf_append(buf, str, strlen(str));
}

void tern_io_buf_collapse(tern_io_buf_t *buf, size_t pos, size_t reserved,
                          size_t used) {
    if (used >= reserved) {
        return;
    }
    size_t tail_start = pos + reserved;
    memmove(buf->data + pos + used, buf->data + tail_start,
            buf->len - tail_start);
    buf->len -= reserved - used;
}

void tern_io_arena_init(tern_io_arena_t *arena, size_t limit) {
    arena->data = NULL;
    arena->used = 0;
    arena->limit = limit;
}

int tern_io_arena_alloc(tern_io_arena_t *arena, size_t size, uint8_t **out) {
    if (size > arena->limit - arena->used) {
        return TERN_IO_ERR_LIMIT;
    }
    if (!arena->data) {
        /* One allocation of the whole bound: later pointers never move. */
        arena->data = (uint8_t *) avs_malloc(arena->limit ? arena->limit : 1);
        if (!arena->data) {
            io_log(WARNING, "out of memory allocating %zu B of scratch",
                   arena->limit);
            return TERN_IO_ERR_NO_MEMORY;
        }
    }
    *out = arena->data + arena->used;
    arena->used += size;
    return TERN_IO_OK;
}

void tern_io_arena_reset(tern_io_arena_t *arena) {
    arena->used = 0;
}

void tern_io_arena_free(tern_io_arena_t *arena) {
    avs_free(arena->data);
    arena->data = NULL;
    arena->used = 0;
}
