/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * @file
 * The output buffer every encoder writes into, and the bounded scratch
 * arena decoders use when a value cannot be a view of the input (JSON
 * escapes, base64, CBOR indefinite-length strings).
 */
#ifndef TERN_LWM2M_IO_BUF_H
#define TERN_LWM2M_IO_BUF_H

#include "io_defs.h"

/**
 * Output bytes. Either fixed (caller memory, never reallocated) or growable
 * (owned, grown with avs_realloc() up to @c max bytes). @c data may move
 * while a growable buffer grows: keep offsets, not pointers, across writes.
 */
typedef struct {
    uint8_t *data;
    size_t len;
    size_t cap;
    size_t max;
    bool growable;
} tern_io_buf_t;

/** Wraps caller memory; nothing is allocated. */
void tern_io_buf_init_fixed(tern_io_buf_t *buf, void *mem, size_t size);

/**
 * An empty growable buffer that will never hold more than @p max_size
 * bytes; memory is allocated on first write. Free it with
 * @ref tern_io_buf_release.
 */
void tern_io_buf_init_growable(tern_io_buf_t *buf, size_t max_size);

/** Frees a growable buffer's memory (no-op for fixed ones); len becomes 0. */
void tern_io_buf_release(tern_io_buf_t *buf);

/** Makes room for @p extra more bytes after @c len without writing. */
int tern_io_buf_reserve(tern_io_buf_t *buf, size_t extra);

/** Appends bytes; TERN_IO_ERR_BUFFER_TOO_SMALL leaves the buffer as it was. */
int tern_io_buf_append(tern_io_buf_t *buf, const void *data, size_t len);

/** Appends one byte. */
int tern_io_buf_putc(tern_io_buf_t *buf, uint8_t byte);

/** Appends a NUL-terminated string without its terminator. */
int tern_io_buf_puts(tern_io_buf_t *buf, const char *str);

/**
 * Closes a gap: @p reserved bytes were set aside at @p pos for a header of
 * unknown size, and only the first @p used of them were filled; the bytes
 * after the gap move down to follow them.
 */
void tern_io_buf_collapse(tern_io_buf_t *buf, size_t pos, size_t reserved,
                          size_t used);

/**
 * A bump allocator for decoded strings. Its single block is allocated on
 * first use with the size given at init (callers pass a bound derived from
 * the input length, so a hostile payload cannot make it larger than a small
 * multiple of itself) and is never reallocated, which keeps every pointer
 * it handed out valid until @ref tern_io_arena_reset.
 */
typedef struct {
    uint8_t *data;
    size_t used;
    size_t limit;
} tern_io_arena_t;

/** Prepares an arena of at most @p limit bytes; nothing is allocated yet. */
void tern_io_arena_init(tern_io_arena_t *arena, size_t limit);

/**
 * Hands out @p size bytes.
 * @returns TERN_IO_OK, TERN_IO_ERR_LIMIT past the limit, or
 *          TERN_IO_ERR_NO_MEMORY.
 */
int tern_io_arena_alloc(tern_io_arena_t *arena, size_t size, uint8_t **out);

/** Forgets all allocations (keeps the block). */
void tern_io_arena_reset(tern_io_arena_t *arena);

/** Frees the block. */
void tern_io_arena_free(tern_io_arena_t *arena);

#endif /* TERN_LWM2M_IO_BUF_H */
