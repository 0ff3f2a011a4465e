/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * @file
 * Reading values out of the data model, for the Read operations and for
 * internal users: observations (values to compare against attributes),
 * LwM2M Send (anjay_send_batch_data_add_current), the Security and Server
 * accessors.
 */
#ifndef TERN_LWM2M_DM_READ_H
#define TERN_LWM2M_DM_READ_H

#include <anjay/core.h>

#include "../io/io_path.h"
#include "../io/io_value.h"
#include "dm_handlers.h"

/**
 * Receives one value. @p value and its views are only valid during the
 * call. A NULL-typed value marks an Instance without readable Resources or
 * a Multiple-Instance Resource without Instances (only when asked for).
 *
 * @returns 0 to go on, or a negative value to stop the walk with that
 *          result.
 */
typedef int tern_dm_value_cb_t(anjay_t *anjay, const tern_io_path_t *path,
                               const tern_io_value_t *value, void *arg);

/** Who reads, which decides what is visible. */
typedef enum {
    /** The library itself: everything readable, Security Object
     * included, no access rules. */
    TERN_DM_READER_INTERNAL,
    /** A management server: no Security Object, no Bootstrap-only or
     * write-only Resources. */
    TERN_DM_READER_SERVER,
    /** The Bootstrap Server: Bootstrap-only Resources are readable too. */
    TERN_DM_READER_BOOTSTRAP
} tern_dm_reader_t;

/**
 * Reads every present readable value at or below @p path, in ascending
 * path order.
 *
 * @param anjay        Client object.
 * @param path         An Object, Instance, Resource or Resource Instance.
 * @param reader       Whose view of the data model to use.
 * @param report_empty Whether to report empty Instances and empty
 *                     Multiple-Instance Resources (with NULL values).
 * @param cb           Receives the values.
 * @param arg          Passed to @p cb.
 * @returns 0, ANJAY_ERR_NOT_FOUND / ANJAY_ERR_METHOD_NOT_ALLOWED /
 *          ANJAY_ERR_UNAUTHORIZED when the target does not exist or may not
 *          be read, the callback's result, or a handler's error.
 */
int tern_dm_read_values(anjay_t *anjay, const tern_io_path_t *path,
                        tern_dm_reader_t reader, bool report_empty,
                        tern_dm_value_cb_t *cb, void *arg);

/**
 * Reads a single value (a Single-Instance Resource or a Resource
 * Instance) as a double, for attribute evaluation.
 *
 * @param anjay Client object.
 * @param path  A Resource or Resource Instance.
 * @param out   Receives the value.
 * @returns 0; ANJAY_ERR_BAD_REQUEST if the value is not numeric (or is a
 *          Multiple-Instance Resource); or the read error.
 */
int tern_dm_read_double(anjay_t *anjay, const tern_io_path_t *path,
                        double *out);

/**
 * Reads a single integer value (e.g. /1/x/0 Short Server ID).
 *
 * @param anjay Client object.
 * @param path  A Resource or Resource Instance.
 * @param out   Receives the value.
 * @returns 0, ANJAY_ERR_BAD_REQUEST if it is no integer, or the read error.
 */
int tern_dm_read_int(anjay_t *anjay, const tern_io_path_t *path, int64_t *out);

/**
 * Reads a single boolean value.
 *
 * @param anjay Client object.
 * @param path  A Resource or Resource Instance.
 * @param out   Receives the value.
 * @returns 0, ANJAY_ERR_BAD_REQUEST if it is no boolean, or the read error.
 */
int tern_dm_read_bool(anjay_t *anjay, const tern_io_path_t *path, bool *out);

/**
 * Reads a single string or opaque value into a new buffer.
 *
 * @param anjay    Client object.
 * @param path     A Resource or Resource Instance.
 * @param out      Receives an avs_malloc()ed copy, NUL-terminated (the NUL
 *                 is not counted in @p out_size); free it with avs_free().
 * @param out_size Receives the length; may be NULL.
 * @returns 0, ANJAY_ERR_BAD_REQUEST for other types, or the read error.
 */
int tern_dm_read_bytes_alloc(anjay_t *anjay, const tern_io_path_t *path,
                             uint8_t **out, size_t *out_size);

#endif /* TERN_LWM2M_DM_READ_H */
