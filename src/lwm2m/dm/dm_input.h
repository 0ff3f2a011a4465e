/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * @file
 * The input context behind anjay_get_*: hands one decoded value to a
 * resource_write handler, converting it to the type the handler asks for.
 */
#ifndef TERN_LWM2M_DM_INPUT_H
#define TERN_LWM2M_DM_INPUT_H

#include <anjay/io.h>

#include "../io/io_value.h"

/** The input context of one resource_write call. */
struct anjay_input_ctx_struct {
    /** The value; its views must stay valid during the call. */
    const tern_io_value_t *value;
    /** Characters or bytes already handed out by chunked reads. */
    size_t offset;
    /** A chunked read delivered the end of the value. */
    bool finished;
};

/**
 * Prepares a context for one resource_write call.
 *
 * @param ctx   The context.
 * @param value The value to hand out.
 */
void tern_dm_input_init(anjay_input_ctx_t *ctx, const tern_io_value_t *value);

#endif /* TERN_LWM2M_DM_INPUT_H */
