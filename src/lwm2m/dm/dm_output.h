/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * @file
 * The output context behind anjay_ret_*: turns what a resource_read
 * handler returns into one typed value and hands it to a sink (an encoder,
 * or a capture for internal reads).
 */
#ifndef TERN_LWM2M_DM_OUTPUT_H
#define TERN_LWM2M_DM_OUTPUT_H

#include <anjay/io.h>

#include "../io/io_value.h"

/**
 * Receives the value a handler returned. The value (and its views) is only
 * valid during the call.
 *
 * @returns 0 or a negative error code, which the anjay_ret_* call returns
 *          to the handler and the operation reports.
 */
typedef int tern_dm_output_sink_t(anjay_output_ctx_t *ctx,
                                  const tern_io_value_t *value);

/** State of anjay_ret_bytes_begin() / anjay_ret_bytes_append(). */
struct anjay_ret_bytes_ctx_struct {
    /** Collected bytes. */
    uint8_t *data;
    /** Announced length. */
    size_t expected;
    /** Bytes collected so far. */
    size_t received;
    /** A chunked value is being collected. */
    bool active;
};

/** The output context; embed it and recover the outer struct in the sink. */
struct anjay_output_ctx_struct {
    /** Where the value goes. */
    tern_dm_output_sink_t *sink;
    /** A value has been returned (or is being collected in chunks). */
    bool returned;
    /** First error met; later anjay_ret_* calls return it. */
    int error;
    /** Chunked opaque value. */
    anjay_ret_bytes_ctx_t bytes;
};

/**
 * Prepares a context for one resource_read call.
 *
 * @param ctx  The context.
 * @param sink Receives the value.
 */
void tern_dm_output_init(anjay_output_ctx_t *ctx, tern_dm_output_sink_t *sink);

/**
 * Checks what the handler did once it returned, and frees chunk memory.
 *
 * @param ctx            The context.
 * @param handler_result What resource_read returned.
 * @returns @p handler_result if non-zero; otherwise the context's error, or
 *          ANJAY_ERR_INTERNAL if no value (or an incomplete chunked value)
 *          was returned.
 */
int tern_dm_output_finish(anjay_output_ctx_t *ctx, int handler_result);

#endif /* TERN_LWM2M_DM_OUTPUT_H */
