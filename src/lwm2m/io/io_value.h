/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * @file
 * The typed value that encoders take and decoders produce.
 *
 * Strings and byte strings are views: an encoder copies them out before
 * add() returns, and a decoder's views stay valid until the next call to
 * its next() function or until it is cleaned up, whichever comes first.
 * Views are not NUL-terminated.
 *
 * text/plain and TLV do not say which type a value has. Their decoders
 * return @ref TERN_IO_TYPE_RAW_TEXT / @ref TERN_IO_TYPE_RAW_TLV, and the
 * tern_io_value_get_*() accessors interpret the raw form by the LwM2M rules
 * of the type the caller asks for; the same accessors convert between
 * compatible typed values (an integral double to an integer and so on).
 */
#ifndef TERN_LWM2M_IO_VALUE_H
#define TERN_LWM2M_IO_VALUE_H

#include "io_defs.h"

/** What @ref tern_io_value_t holds. */
typedef enum {
    /** No value: a path-only SenML record, or an empty Object Instance /
     *  Multiple Resource in the hierarchical formats. */
    TERN_IO_TYPE_NULL = 0,
    TERN_IO_TYPE_STRING,   /**< UTF-8 text, @c u.view */
    TERN_IO_TYPE_BYTES,    /**< Opaque, @c u.view */
    TERN_IO_TYPE_INT,      /**< @c u.i */
    TERN_IO_TYPE_UINT,     /**< @c u.u */
    TERN_IO_TYPE_DOUBLE,   /**< @c u.d */
    TERN_IO_TYPE_BOOL,     /**< @c u.b */
    TERN_IO_TYPE_OBJLNK,   /**< @c u.objlnk */
    TERN_IO_TYPE_TIME,     /**< Seconds since the Unix epoch, @c u.i */
    TERN_IO_TYPE_RAW_TEXT, /**< Uninterpreted text/plain payload, @c u.view */
    TERN_IO_TYPE_RAW_TLV   /**< Uninterpreted TLV value bytes, @c u.view */
} tern_io_type_t;

/** An Object Link: "oid:iid"; 65535:65535 is the null link. */
typedef struct {
    uint16_t oid;
    uint16_t iid;
} tern_io_objlnk_t;

/** A value; see the file comment for the lifetime of views. */
typedef struct {
    tern_io_type_t type;
    union {
        struct {
            const void *data;
            size_t len;
        } view;
        int64_t i;
        uint64_t u;
        double d;
        bool b;
        tern_io_objlnk_t objlnk;
    } u;
} tern_io_value_t;

/** A value of type NULL. */
tern_io_value_t tern_io_value_null(void);
/** A STRING view of a NUL-terminated string. */
tern_io_value_t tern_io_value_string(const char *str);
/** A STRING view of @p len bytes. */
tern_io_value_t tern_io_value_string_n(const char *str, size_t len);
/** A BYTES view. */
tern_io_value_t tern_io_value_bytes(const void *data, size_t len);
/** An INT value. */
tern_io_value_t tern_io_value_int(int64_t value);
/** A UINT value. */
tern_io_value_t tern_io_value_uint(uint64_t value);
/** A DOUBLE value. */
tern_io_value_t tern_io_value_double(double value);
/** A BOOL value. */
tern_io_value_t tern_io_value_bool(bool value);
/** An OBJLNK value. */
tern_io_value_t tern_io_value_objlnk(uint16_t oid, uint16_t iid);
/** A TIME value. */
tern_io_value_t tern_io_value_time(int64_t seconds);

/**
 * Signed integer: from INT, TIME, UINT up to INT64_MAX, an integral DOUBLE
 * in range, RAW_TLV of 1, 2, 4 or 8 bytes (two's complement, big endian)
 * and RAW_TEXT in decimal with an optional sign.
 *
 * @returns TERN_IO_OK, TERN_IO_ERR_TYPE or TERN_IO_ERR_RANGE.
 */
int tern_io_value_get_int(const tern_io_value_t *value, int64_t *out);

/**
 * Unsigned integer: from UINT, non-negative INT/TIME, an integral DOUBLE in
 * range, RAW_TLV of 1, 2, 4 or 8 bytes (unsigned, big endian) and RAW_TEXT
 * in decimal.
 */
int tern_io_value_get_uint(const tern_io_value_t *value, uint64_t *out);

/**
 * Floating point: from DOUBLE, INT, UINT, TIME (possibly rounded), RAW_TLV
 * of 4 or 8 bytes (IEEE 754 big endian) and RAW_TEXT in decimal or
 * exponent notation ("nan" and "inf" are accepted too).
 */
int tern_io_value_get_double(const tern_io_value_t *value, double *out);

/** Boolean: from BOOL, a one-byte RAW_TLV 0 or 1, RAW_TEXT "0" or "1". */
int tern_io_value_get_bool(const tern_io_value_t *value, bool *out);

/**
 * Object Link: from OBJLNK, RAW_TLV of 4 bytes (oid, iid big endian), and
 * STRING or RAW_TEXT "oid:iid" (each 0..65535).
 */
int tern_io_value_get_objlnk(const tern_io_value_t *value,
                             tern_io_objlnk_t *out);

/**
 * Text as a view (zero copy): from STRING, RAW_TEXT and RAW_TLV. The text
 * is not checked to be UTF-8 nor free of NUL bytes.
 */
int tern_io_value_get_string(const tern_io_value_t *value, const char **out,
                             size_t *out_len);

/**
 * Opaque data as a view (zero copy): from BYTES and RAW_TLV. RAW_TEXT holds
 * base64 and needs @ref tern_io_value_read_bytes instead (TERN_IO_ERR_TYPE
 * here).
 */
int tern_io_value_get_bytes(const tern_io_value_t *value, const void **out,
                            size_t *out_len);

/**
 * Copies opaque data in chunks, as anjay_get_bytes() hands it out: from
 * BYTES, RAW_TLV, and RAW_TEXT (standard base64, decoded on the fly; the
 * whole text is validated when @p *inout_offset is 0).
 *
 * @param inout_offset   decoded bytes already delivered; advanced by the
 *                       number copied.
 * @param out_read       bytes copied into @p buf.
 * @param out_finished   true once the last byte has been delivered.
 */
int tern_io_value_read_bytes(const tern_io_value_t *value, size_t *inout_offset,
                             void *buf, size_t size, size_t *out_read,
                             bool *out_finished);

/** Name of a type, for log lines. */
const char *tern_io_type_name(tern_io_type_t type);

#endif /* TERN_LWM2M_IO_VALUE_H */
