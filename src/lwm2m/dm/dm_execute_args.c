/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include <string.h>

#include "dm_execute.h"
#include "dm_log.h"

void tern_dm_execute_init(anjay_execute_ctx_t *ctx, const void *data,
                          size_t size) {
    memset(ctx, 0, sizeof(*ctx));
    tern_io_exec_args_init(&ctx->args, data, data ? size : 0);
    ctx->value = "";
}

int anjay_execute_get_next_arg(anjay_execute_ctx_t *ctx, int *out_arg,
                               bool *out_has_value) {
    if (!ctx || !out_arg || !out_has_value) {
        return -1;
    }
    *out_arg = -1;
    *out_has_value = false;
    if (ctx->failed) {
        return ANJAY_ERR_BAD_REQUEST;
    }
    if (ctx->ended) {
        return ANJAY_EXECUTE_GET_ARG_END;
    }
    int arg;
    bool has_value;
    const char *value;
    size_t value_len;
    int status = tern_io_exec_args_next(&ctx->args, &arg, &has_value, &value,
                                        &value_len);
    ctx->value = "";
    ctx->value_len = 0;
    ctx->value_offset = 0;
    if (status == TERN_IO_END) {
        ctx->ended = true;
        return ANJAY_EXECUTE_GET_ARG_END;
    }
    if (status) {
        dm_log(DEBUG, "malformed Execute arguments");
        ctx->failed = true;
        return ANJAY_ERR_BAD_REQUEST;
    }
    ctx->value = value;
    ctx->value_len = value_len;
    *out_arg = arg;
    *out_has_value = has_value;
    return 0;
}

int anjay_execute_get_arg_value(anjay_execute_ctx_t *ctx,
                                size_t *out_bytes_read, char *out_buf,
                                size_t buf_size) {
    if (!ctx || !out_buf || buf_size < 2) {
        dm_log(ERROR, "anjay_execute_get_arg_value needs a buffer of at "
                      "least 2 bytes");
        return -1;
    }
    if (ctx->failed) {
        out_buf[0] = '\0';
        return ANJAY_ERR_BAD_REQUEST;
    }
    size_t left = ctx->value_len - ctx->value_offset;
    size_t chunk = AVS_MIN(left, buf_size - 1);
    memcpy(out_buf, ctx->value + ctx->value_offset, chunk);
    out_buf[chunk] = '\0';
    ctx->value_offset += chunk;
    if (out_bytes_read) {
        *out_bytes_read = chunk;
    }
    return ctx->value_offset < ctx->value_len ? ANJAY_BUFFER_TOO_SHORT : 0;
}
