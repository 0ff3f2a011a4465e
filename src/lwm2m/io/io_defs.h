/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * @file
 * Status codes and content-format numbers shared by every LwM2M codec in
 * src/lwm2m/io/. Nothing here allocates or logs.
 */
#ifndef TERN_LWM2M_IO_DEFS_H
#define TERN_LWM2M_IO_DEFS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/**
 * Result of every codec function. Zero is success; @ref TERN_IO_END is the
 * only other non-negative value and is returned solely by iterators that
 * have nothing more to give. Every failure is negative.
 */
typedef enum {
    TERN_IO_OK = 0,
    /** An iterator (decoder, link parser, argument parser) is exhausted. */
    TERN_IO_END = 1,
    /** The input breaks the grammar of its format. */
    TERN_IO_ERR_MALFORMED = -1,
    /** Well-formed, but uses a feature or value this codec cannot express
     *  (e.g. two values for text/plain, NaN in JSON, an unknown tag). */
    TERN_IO_ERR_UNSUPPORTED = -2,
    /** A decoded or added path is not inside the request / base path. */
    TERN_IO_ERR_PATH_OUTSIDE_REQUEST = -3,
    /** The output buffer (fixed, or growable up to its limit) is full. */
    TERN_IO_ERR_BUFFER_TOO_SMALL = -4,
    /** A value cannot be converted to the requested type. */
    TERN_IO_ERR_TYPE = -5,
    /** A number does not fit the requested type. */
    TERN_IO_ERR_RANGE = -6,
    /** avs_malloc() failed. */
    TERN_IO_ERR_NO_MEMORY = -7,
    /** A safety bound (nesting depth, length) was hit. */
    TERN_IO_ERR_LIMIT = -8,
    /** Call out of order (add after finish, paths not ascending, ...). */
    TERN_IO_ERR_STATE = -9,
    /** A caller passed an argument that can never be valid. */
    TERN_IO_ERR_INVALID_ARG = -10
} tern_io_status_t;

/** Short English name of a @ref tern_io_status_t value, for log lines. */
const char *tern_io_strerror(int status);

/** CoAP Content-Format numbers the LwM2M codecs know. */
#define TERN_IO_FMT_TEXT 0
#define TERN_IO_FMT_LINK_FORMAT 40
#define TERN_IO_FMT_OPAQUE 42
#define TERN_IO_FMT_CBOR 60
#define TERN_IO_FMT_SENML_JSON 110
#define TERN_IO_FMT_SENML_CBOR 112
#define TERN_IO_FMT_TLV 11542
#define TERN_IO_FMT_LWM2M_JSON 11543
#define TERN_IO_FMT_LWM2M_CBOR 11544

/** Deepest container nesting any decoder follows before giving up. */
#define TERN_IO_MAX_NESTING 16

#endif /* TERN_LWM2M_IO_DEFS_H */
