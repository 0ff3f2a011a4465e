/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include <string.h>

#include <avsystem/commons/avs_memory.h>

#include "dm_log.h"
#include "dm_output.h"

/* Chunked values are collected whole because every encoder needs the
 * complete value; this bounds what one handler may announce. */
#define TERN_DM_MAX_CHUNKED_VALUE (1024 * 1024)

void tern_dm_output_init(anjay_output_ctx_t *ctx, tern_dm_output_sink_t *sink) {
    memset(ctx, 0, sizeof(*ctx));
    ctx->sink = sink;
}

int tern_dm_output_finish(anjay_output_ctx_t *ctx, int handler_result) {
    int result = handler_result;
    if (!result) {
        result = ctx->error;
    }
    if (!result && !ctx->returned) {
        dm_log(ERROR, "resource_read handler returned no value");
        result = ANJAY_ERR_INTERNAL;
    }
    if (!result && ctx->bytes.active) {
        dm_log(ERROR, "resource_read handler returned %zu of %zu bytes",
               ctx->bytes.received, ctx->bytes.expected);
        result = ANJAY_ERR_INTERNAL;
    }
    avs_free(ctx->bytes.data);
    ctx->bytes.data = NULL;
    ctx->bytes.active = false;
    return result;
}

static int emit(anjay_output_ctx_t *ctx, const tern_io_value_t *value) {
    if (!ctx) {
        return -1;
    }
    if (ctx->error) {
        return ctx->error;
    }
    if (ctx->returned) {
        dm_log(ERROR, "resource_read handler returned more than one value");
        return ctx->error = ANJAY_ERR_INTERNAL;
    }
    ctx->returned = true;
    int result = ctx->sink(ctx, value);
    if (result) {
        ctx->error = result;
    }
    return result;
}

anjay_ret_bytes_ctx_t *anjay_ret_bytes_begin(anjay_output_ctx_t *ctx,
                                             size_t length) {
    if (!ctx || ctx->error) {
        return NULL;
    }
    if (ctx->returned) {
        dm_log(ERROR, "resource_read handler returned more than one value");
        ctx->error = ANJAY_ERR_INTERNAL;
        return NULL;
    }
    if (length == 0) {
        tern_io_value_t value = tern_io_value_bytes("", 0);
        if (emit(ctx, &value)) {
            return NULL;
        }
        /* Zero-length appends to the returned context stay harmless. */
        return &ctx->bytes;
    }
    if (length > TERN_DM_MAX_CHUNKED_VALUE ||
        !(ctx->bytes.data = (uint8_t *) avs_malloc(length))) {
        dm_log(ERROR, "cannot hold an opaque value of %zu bytes", length);
        ctx->error = ANJAY_ERR_INTERNAL;
        return NULL;
    }
    ctx->returned = true;
    ctx->bytes.expected = length;
    ctx->bytes.received = 0;
    ctx->bytes.active = true;
    return &ctx->bytes;
}

int anjay_ret_bytes_append(anjay_ret_bytes_ctx_t *bytes_ctx, const void *data,
                           size_t length) {
    if (!bytes_ctx) {
        return -1;
    }
    if (!length) {
        return 0;
    }
    anjay_output_ctx_t *ctx =
            AVS_CONTAINER_OF(bytes_ctx, anjay_output_ctx_t, bytes);
    if (ctx->error) {
        return ctx->error;
    }
    if (!bytes_ctx->active ||
        length > bytes_ctx->expected - bytes_ctx->received) {
        dm_log(ERROR, "anjay_ret_bytes_append past the announced length");
        return ctx->error = ANJAY_ERR_INTERNAL;
    }
    memcpy(bytes_ctx->data + bytes_ctx->received, data, length);
    bytes_ctx->received += length;
    if (bytes_ctx->received < bytes_ctx->expected) {
        return 0;
    }
    bytes_ctx->active = false;
    tern_io_value_t value =
            tern_io_value_bytes(bytes_ctx->data, bytes_ctx->expected);
    int result = ctx->sink(ctx, &value);
    if (result) {
        ctx->error = result;
    }
    return result;
}

int anjay_ret_bytes(anjay_output_ctx_t *ctx, const void *data, size_t length) {
    tern_io_value_t value = tern_io_value_bytes(length ? data : "", length);
    return emit(ctx, &value);
}

int anjay_ret_string(anjay_output_ctx_t *ctx, const char *value) {
    if (!value) {
        dm_log(ERROR, "anjay_ret_string called with NULL");
        if (ctx && !ctx->error) {
            ctx->error = ANJAY_ERR_INTERNAL;
        }
        return ANJAY_ERR_INTERNAL;
    }
    tern_io_value_t v = tern_io_value_string(value);
    return emit(ctx, &v);
}

int anjay_ret_i64(anjay_output_ctx_t *ctx, int64_t value) {
    tern_io_value_t v = tern_io_value_int(value);
    return emit(ctx, &v);
}

int anjay_ret_u64(anjay_output_ctx_t *ctx, uint64_t value) {
    tern_io_value_t v = tern_io_value_uint(value);
    return emit(ctx, &v);
}

int anjay_ret_double(anjay_output_ctx_t *ctx, double value) {
    tern_io_value_t v = tern_io_value_double(value);
    return emit(ctx, &v);
}

int anjay_ret_bool(anjay_output_ctx_t *ctx, bool value) {
    tern_io_value_t v = tern_io_value_bool(value);
    return emit(ctx, &v);
}

int anjay_ret_objlnk(anjay_output_ctx_t *ctx, anjay_oid_t oid,
                     anjay_iid_t iid) {
    tern_io_value_t v = tern_io_value_objlnk(oid, iid);
    return emit(ctx, &v);
}
