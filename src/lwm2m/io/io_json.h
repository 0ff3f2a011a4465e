/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * @file
 * A strict pull tokenizer for JSON (RFC 8259), as much as SenML JSON needs:
 * UTF-8 only, no comments, no trailing commas, no leading zeros, nesting
 * limited to @ref TERN_IO_MAX_NESTING, exactly one top-level value.
 */
#ifndef TERN_LWM2M_IO_JSON_H
#define TERN_LWM2M_IO_JSON_H

#include "io_buf.h"
#include "io_value.h"

/** Token kinds. */
typedef enum {
    TERN_IO_JSON_BEGIN_ARRAY,
    TERN_IO_JSON_END_ARRAY,
    TERN_IO_JSON_BEGIN_OBJECT,
    TERN_IO_JSON_END_OBJECT,
    TERN_IO_JSON_KEY,    /**< an object member name; its ':' is consumed */
    TERN_IO_JSON_STRING, /**< a string value */
    TERN_IO_JSON_NUMBER, /**< raw number text in @c data / @c len */
    TERN_IO_JSON_BOOL,   /**< @c b */
    TERN_IO_JSON_NULL
} tern_io_json_kind_t;

/**
 * One token. Strings are unescaped: a view of the input when they have no
 * escapes, otherwise a copy in the reader's arena.
 */
typedef struct {
    tern_io_json_kind_t kind;
    const char *data;
    size_t len;
    bool b;
    /** NUMBER: no fraction and no exponent. */
    bool integer;
} tern_io_json_token_t;

/** Tokenizer state; treat as opaque. */
typedef struct {
    const char *pos;
    const char *end;
    tern_io_arena_t *arena;
    uint32_t object_bits;
    uint8_t depth;
    uint8_t state;
} tern_io_json_reader_t;

/** Starts tokenizing @p len bytes; unescaped strings go to @p arena. */
void tern_io_json_reader_init(tern_io_json_reader_t *reader, const void *data,
                              size_t len, tern_io_arena_t *arena);

/**
 * Next token.
 * @returns TERN_IO_OK, TERN_IO_END after the complete top-level value (only
 *          whitespace may follow it), TERN_IO_ERR_MALFORMED,
 *          TERN_IO_ERR_LIMIT (nesting) or TERN_IO_ERR_NO_MEMORY.
 */
int tern_io_json_next(tern_io_json_reader_t *reader, tern_io_json_token_t *out);

/**
 * Skips the rest of a value whose first token was @p first: the whole array
 * or object for BEGIN_*, nothing for a scalar.
 */
int tern_io_json_skip(tern_io_json_reader_t *reader,
                      const tern_io_json_token_t *first);

/**
 * Converts a NUMBER token: INT when it is an integer that fits int64, UINT
 * when it only fits uint64, DOUBLE otherwise. TERN_IO_ERR_RANGE when the
 * magnitude exceeds what a double holds.
 */
int tern_io_json_number(const tern_io_json_token_t *token,
                        tern_io_value_t *out);

#endif /* TERN_LWM2M_IO_JSON_H */
