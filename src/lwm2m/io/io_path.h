/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * @file
 * LwM2M data-model paths: /oid/iid/rid/riid with zero to four ids.
 */
#ifndef TERN_LWM2M_IO_PATH_H
#define TERN_LWM2M_IO_PATH_H

#include "io_defs.h"

/** The id value that never names anything (ANJAY_ID_INVALID). */
#define TERN_IO_ID_INVALID UINT16_MAX
/** Largest number of ids in a path. */
#define TERN_IO_PATH_MAX_LEN 4
/** Buffer size that holds any formatted valid path plus its NUL:
 *  "/65534/65534/65534/65534". */
#define TERN_IO_PATH_STR_SIZE 25

/** Index of each id inside @ref tern_io_path_t::ids. */
enum { TERN_IO_OID = 0, TERN_IO_IID = 1, TERN_IO_RID = 2, TERN_IO_RIID = 3 };

/**
 * A path. Only the first @c len ids are meaningful; the rest are kept at
 * @ref TERN_IO_ID_INVALID by every function here so that structs compare
 * equal with memcmp() too. The root path has @c len 0.
 */
typedef struct {
    uint16_t ids[TERN_IO_PATH_MAX_LEN];
    uint8_t len;
} tern_io_path_t;

/** A borrowed, not necessarily NUL-terminated piece of text. */
typedef struct {
    const char *data;
    size_t len;
} tern_io_str_t;

/** The root path "/". */
tern_io_path_t tern_io_path_root(void);
/** Path "/oid". */
tern_io_path_t tern_io_path_object(uint16_t oid);
/** Path "/oid/iid". */
tern_io_path_t tern_io_path_instance(uint16_t oid, uint16_t iid);
/** Path "/oid/iid/rid". */
tern_io_path_t tern_io_path_resource(uint16_t oid, uint16_t iid, uint16_t rid);
/** Path "/oid/iid/rid/riid". */
tern_io_path_t tern_io_path_resource_instance(uint16_t oid, uint16_t iid,
                                              uint16_t rid, uint16_t riid);

/**
 * True if @p path has at most four ids and none of them is
 * @ref TERN_IO_ID_INVALID.
 */
bool tern_io_path_is_valid(const tern_io_path_t *path);

/**
 * Appends one Uri-Path segment: decimal digits without sign or leading zeros
 * (except "0" itself), value 0..65534.
 *
 * @returns TERN_IO_OK, TERN_IO_ERR_MALFORMED for a bad segment, or
 *          TERN_IO_ERR_LIMIT if the path already has four ids.
 *          @p path is unchanged on error.
 */
int tern_io_path_append(tern_io_path_t *path, const char *segment, size_t len);

/**
 * Builds a path from CoAP Uri-Path option values. Zero segments give the
 * root path. Any other segment that is not a valid id is rejected, so a
 * caller routing "rd" or "bs" must do so before calling this.
 */
int tern_io_path_from_segments(tern_io_path_t *out,
                               const tern_io_str_t *segments, size_t count);

/**
 * Parses the text form: "/" for the root, otherwise "/" id repeated one to
 * four times ("/3/0/1"). No trailing slash, no empty segments.
 */
int tern_io_path_parse(tern_io_path_t *out, const char *text, size_t len);

/**
 * Writes the text form with a NUL terminator ("/" for the root).
 *
 * @returns the string length, or TERN_IO_ERR_BUFFER_TOO_SMALL (the buffer is
 *          then left holding an empty string if @p size is non-zero).
 */
int tern_io_path_format(const tern_io_path_t *path, char *buf, size_t size);

/** True if both paths have the same length and ids. */
bool tern_io_path_equal(const tern_io_path_t *a, const tern_io_path_t *b);

/**
 * True if @p prefix is @p path or one of its ancestors (the root is a prefix
 * of everything).
 */
bool tern_io_path_is_prefix(const tern_io_path_t *prefix,
                            const tern_io_path_t *path);

/**
 * Total order used for data-model traversal: id by id, and an ancestor
 * sorts before its descendants. Returns <0, 0 or >0 like strcmp().
 */
int tern_io_path_compare(const tern_io_path_t *a, const tern_io_path_t *b);

/** Shortens @p path to its first @p len ids (no-op if already shorter). */
void tern_io_path_truncate(tern_io_path_t *path, uint8_t len);

/**
 * Ascending-order bookkeeping for the hierarchical encoders, which can only
 * group entries of one container while they arrive together.
 */
typedef struct {
    tern_io_path_t last;
    bool has_last;
    /** @c last is a failed entry: it may come again, and so may anything
     *  after it, but nothing before it (its containers may be closed). */
    bool floor;
} tern_io_path_order_t;

/**
 * TERN_IO_OK if @p path may follow: strictly after the last entry and not
 * below it (an entry below a value or an empty container would need that
 * container reopened), or at or after the floor.
 */
int tern_io_path_order_check(const tern_io_path_order_t *order,
                             const tern_io_path_t *path);

/** Records the outcome of adding @p path (checked before). */
void tern_io_path_order_update(tern_io_path_order_t *order,
                               const tern_io_path_t *path, bool added);

#endif /* TERN_LWM2M_IO_PATH_H */
