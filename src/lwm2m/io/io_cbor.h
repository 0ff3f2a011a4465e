/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * @file
 * Generic CBOR (RFC 8949) primitives: a writer into @ref tern_io_buf_t and a
 * pull reader over a complete buffer. SenML CBOR, LwM2M CBOR and the
 * single-value application/cbor codecs are built on these.
 */
#ifndef TERN_LWM2M_IO_CBOR_H
#define TERN_LWM2M_IO_CBOR_H

#include "io_buf.h"
#include "io_value.h"

/** Major types. */
enum {
    TERN_IO_CBOR_MAJOR_UINT = 0,
    TERN_IO_CBOR_MAJOR_NEGINT = 1,
    TERN_IO_CBOR_MAJOR_BYTES = 2,
    TERN_IO_CBOR_MAJOR_TEXT = 3,
    TERN_IO_CBOR_MAJOR_ARRAY = 4,
    TERN_IO_CBOR_MAJOR_MAP = 5,
    TERN_IO_CBOR_MAJOR_TAG = 6,
    TERN_IO_CBOR_MAJOR_SIMPLE = 7
};

/** Tag 1: epoch-based date/time. */
#define TERN_IO_CBOR_TAG_EPOCH_TIME 1
/** Tag 55799: "self-described CBOR", carries no meaning and is skipped. */
#define TERN_IO_CBOR_TAG_SELF_DESCRIBED 55799

/* ---- writer ------------------------------------------------------------ */

/** Initial byte plus argument in the shortest form. */
int tern_io_cbor_put_head(tern_io_buf_t *buf, uint8_t major, uint64_t arg);
/** Unsigned integer. */
int tern_io_cbor_put_uint(tern_io_buf_t *buf, uint64_t value);
/** Signed integer (major 0 or 1). */
int tern_io_cbor_put_int(tern_io_buf_t *buf, int64_t value);
/** Definite-length byte string. */
int tern_io_cbor_put_bytes(tern_io_buf_t *buf, const void *data, size_t len);
/** Definite-length text string (the caller vouches for UTF-8). */
int tern_io_cbor_put_text(tern_io_buf_t *buf, const void *data, size_t len);
/** Head of a definite-length array of @p count items. */
int tern_io_cbor_put_array(tern_io_buf_t *buf, uint64_t count);
/** Head of a definite-length map of @p pairs pairs. */
int tern_io_cbor_put_map(tern_io_buf_t *buf, uint64_t pairs);
/** A tag number; the tagged item follows. */
int tern_io_cbor_put_tag(tern_io_buf_t *buf, uint64_t tag);
/** true / false. */
int tern_io_cbor_put_bool(tern_io_buf_t *buf, bool value);
/** null. */
int tern_io_cbor_put_null(tern_io_buf_t *buf);
/**
 * The shortest of half, single and double precision that holds @p value
 * exactly (NaN becomes the canonical half-precision quiet NaN).
 */
int tern_io_cbor_put_double(tern_io_buf_t *buf, double value);

/**
 * Sets aside room for the head of a container whose item count is not yet
 * known but will not exceed @p max_count; returns the offset in
 * @p out_pos for @ref tern_io_cbor_end_reserved.
 */
int tern_io_cbor_begin_reserved(tern_io_buf_t *buf, uint64_t max_count,
                                size_t *out_pos);

/**
 * Writes the real head at @p pos and closes the unused part of the
 * reservation. Never fails.
 */
void tern_io_cbor_end_reserved(tern_io_buf_t *buf, size_t pos,
                               uint64_t max_count, uint8_t major,
                               uint64_t count);

/* ---- reader ------------------------------------------------------------ */

/** What @ref tern_io_cbor_next found. */
typedef enum {
    TERN_IO_CBOR_UINT,   /**< @c u */
    TERN_IO_CBOR_NEGINT, /**< the value is -1 - @c u */
    TERN_IO_CBOR_BYTES,  /**< @c data / @c len, chunks already joined */
    TERN_IO_CBOR_TEXT,   /**< @c data / @c len, checked to be UTF-8 */
    TERN_IO_CBOR_ARRAY,  /**< @c u items follow, or @c indefinite */
    TERN_IO_CBOR_MAP,    /**< @c u pairs follow, or @c indefinite */
    TERN_IO_CBOR_TAG,    /**< tag number @c u; the tagged item follows */
    TERN_IO_CBOR_BOOL,   /**< @c b */
    TERN_IO_CBOR_NULL,
    TERN_IO_CBOR_UNDEFINED,
    TERN_IO_CBOR_SIMPLE, /**< other simple value @c u */
    TERN_IO_CBOR_FLOAT,  /**< @c d (from half, single or double) */
    /** The innermost open array or map has ended (definite or not). */
    TERN_IO_CBOR_END
} tern_io_cbor_kind_t;

/** One data item as returned by @ref tern_io_cbor_next. */
typedef struct {
    tern_io_cbor_kind_t kind;
    bool indefinite;
    bool b;
    uint64_t u;
    double d;
    const uint8_t *data;
    size_t len;
} tern_io_cbor_item_t;

/** One open array or map. */
typedef struct {
    uint64_t remaining; /**< items left (2 per pair) when definite */
    bool indefinite;
    bool is_map;
    bool odd; /**< indefinite map: a key is waiting for a value */
} tern_io_cbor_frame_t;

/**
 * A pull reader over one complete CBOR data item. Nesting is limited to
 * @ref TERN_IO_MAX_NESTING containers; nothing beyond that item may follow
 * it. Joined indefinite-length strings are placed in the arena given at init,
 * so their views live until the owner resets that arena.
 */
typedef struct {
    const uint8_t *pos;
    const uint8_t *end;
    tern_io_arena_t *arena;
    tern_io_cbor_frame_t stack[TERN_IO_MAX_NESTING];
    uint8_t depth;
    uint8_t pending_tags;
    bool top_done;
} tern_io_cbor_reader_t;

/** Starts reading @p data; @p arena may be NULL if indefinite-length strings
 *  are to be rejected. */
void tern_io_cbor_reader_init(tern_io_cbor_reader_t *reader, const void *data,
                              size_t len, tern_io_arena_t *arena);

/**
 * Reads the next item.
 *
 * @returns TERN_IO_OK with @p out filled; TERN_IO_END once the top-level
 *          item is complete and the input is exhausted; TERN_IO_ERR_MALFORMED
 *          for bad or truncated input, trailing bytes, or a break / end of
 *          container where an item is required; TERN_IO_ERR_LIMIT for too
 *          deep nesting or too many nested tags; TERN_IO_ERR_UNSUPPORTED for
 *          reserved encodings; TERN_IO_ERR_NO_MEMORY.
 */
int tern_io_cbor_next(tern_io_cbor_reader_t *reader, tern_io_cbor_item_t *out);

/**
 * Skips the rest of the data item whose first item was @p first (already
 * returned by @ref tern_io_cbor_next): for an array, map or tag, everything
 * up to its end; for anything else, nothing.
 */
int tern_io_cbor_skip(tern_io_cbor_reader_t *reader,
                      const tern_io_cbor_item_t *first);

/** Current container depth (0 at top level). */
static inline uint8_t tern_io_cbor_depth(const tern_io_cbor_reader_t *reader) {
    return reader->depth;
}

/* ---- LwM2M values ------------------------------------------------------ */

/**
 * Writes the value part of an entry as LwM2M's CBOR formats do: integers
 * and times as integers, doubles via @ref tern_io_cbor_put_double, Object
 * Links as text "oid:iid". NULL, RAW_* and non-UTF-8 strings are
 * TERN_IO_ERR_UNSUPPORTED / TERN_IO_ERR_INVALID_ARG.
 */
int tern_io_cbor_put_value(tern_io_buf_t *buf, const tern_io_value_t *value);

/**
 * Reads one value whose first item @p first has just been returned by the
 * reader. Tag 1 (epoch time) turns an integer into TIME and is otherwise
 * dropped, tag 55799 is skipped, any other tag is TERN_IO_ERR_UNSUPPORTED.
 * Unsigned integers become INT when they fit (UINT otherwise), negative ones
 * INT (DOUBLE below INT64_MIN); text becomes STRING, null NULL. Arrays,
 * maps, undefined and other simple values are TERN_IO_ERR_UNSUPPORTED.
 */
int tern_io_cbor_read_value(tern_io_cbor_reader_t *reader,
                            const tern_io_cbor_item_t *first,
                            tern_io_value_t *out);

#endif /* TERN_LWM2M_IO_CBOR_H */
