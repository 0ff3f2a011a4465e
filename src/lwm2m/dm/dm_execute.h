/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * @file
 * The execute context behind anjay_execute_get_next_arg() and
 * anjay_execute_get_arg_value(): the argument parser of io/io_exec_args.h,
 * plus the position inside the current value for reads in pieces.
 */
#ifndef TERN_LWM2M_DM_EXECUTE_H
#define TERN_LWM2M_DM_EXECUTE_H

#include <anjay/io.h>

#include "../io/io_exec_args.h"

/** The execute context of one resource_execute call. */
struct anjay_execute_ctx_struct {
    /** Argument iterator over the request payload. */
    tern_io_exec_args_t args;
    /** Value of the current argument (empty without one). */
    const char *value;
    /** Its length. */
    size_t value_len;
    /** Characters of the value already handed out. */
    size_t value_offset;
    /** The argument list is malformed. */
    bool failed;
    /** The end of the list was reached. */
    bool ended;
};

/**
 * Prepares a context over an argument list.
 *
 * @param ctx  The context.
 * @param data The payload (may be NULL if @p size is 0).
 * @param size Its length.
 */
void tern_dm_execute_init(anjay_execute_ctx_t *ctx, const void *data,
                          size_t size);

#endif /* TERN_LWM2M_DM_EXECUTE_H */
