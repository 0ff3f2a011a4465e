/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include <string.h>

#include "../io/io_defs.h"
#include "dm_input.h"
#include "dm_log.h"

void tern_dm_input_init(anjay_input_ctx_t *ctx, const tern_io_value_t *value) {
    memset(ctx, 0, sizeof(*ctx));
    ctx->value = value;
}

/* A value of the wrong type or range is the server's mistake: 4.00. */
static int conversion_error(const anjay_input_ctx_t *ctx, const char *wanted,
                            int status) {
    dm_log(DEBUG, "cannot read a %s value as %s: %s",
           tern_io_type_name(ctx->value->type), wanted,
           tern_io_strerror(status));
    return status == TERN_IO_ERR_NO_MEMORY ? ANJAY_ERR_INTERNAL
                                           : ANJAY_ERR_BAD_REQUEST;
}

int anjay_get_bytes(anjay_input_ctx_t *ctx, size_t *out_bytes_read,
                    bool *out_message_finished, void *out_buf,
                    size_t buf_size) {
    if (!ctx || !out_bytes_read || !out_message_finished ||
        (!out_buf && buf_size)) {
        return -1;
    }
    if (ctx->finished) {
        *out_bytes_read = 0;
        *out_message_finished = true;
        return 0;
    }
    int status = tern_io_value_read_bytes(ctx->value, &ctx->offset, out_buf,
                                          buf_size, out_bytes_read,
                                          out_message_finished);
    if (status) {
        return conversion_error(ctx, "opaque", status);
    }
    ctx->finished = *out_message_finished;
    return 0;
}

int anjay_get_string(anjay_input_ctx_t *ctx, char *out_buf, size_t buf_size) {
    if (!ctx || !out_buf || buf_size < 1) {
        return -1;
    }
    const char *text;
    size_t len;
    int status = tern_io_value_get_string(ctx->value, &text, &len);
    if (status) {
        return conversion_error(ctx, "string", status);
    }
    size_t left = len - ctx->offset;
    size_t chunk = AVS_MIN(left, buf_size - 1);
    memcpy(out_buf, text + ctx->offset, chunk);
    out_buf[chunk] = '\0';
    ctx->offset += chunk;
    if (ctx->offset < len) {
        return ANJAY_BUFFER_TOO_SHORT;
    }
    ctx->finished = true;
    return 0;
}

int anjay_get_i64(anjay_input_ctx_t *ctx, int64_t *out) {
    if (!ctx || !out) {
        return -1;
    }
    int64_t value;
    int status = tern_io_value_get_int(ctx->value, &value);
    if (status) {
        return conversion_error(ctx, "integer", status);
    }
    *out = value;
    return 0;
}

int anjay_get_i32(anjay_input_ctx_t *ctx, int32_t *out) {
    int64_t value;
    int result = anjay_get_i64(ctx, &value);
    if (result) {
        return result;
    }
    if (value < INT32_MIN || value > INT32_MAX) {
        return conversion_error(ctx, "32-bit integer", TERN_IO_ERR_RANGE);
    }
    *out = (int32_t) value;
    return 0;
}

int anjay_get_u64(anjay_input_ctx_t *ctx, uint64_t *out) {
    if (!ctx || !out) {
        return -1;
    }
    uint64_t value;
    int status = tern_io_value_get_uint(ctx->value, &value);
    if (status) {
        return conversion_error(ctx, "unsigned integer", status);
    }
    *out = value;
    return 0;
}

int anjay_get_u32(anjay_input_ctx_t *ctx, uint32_t *out) {
    uint64_t value;
    int result = anjay_get_u64(ctx, &value);
    if (result) {
        return result;
    }
    if (value > UINT32_MAX) {
        return conversion_error(ctx, "32-bit unsigned integer",
                                TERN_IO_ERR_RANGE);
    }
    *out = (uint32_t) value;
    return 0;
}

int anjay_get_double(anjay_input_ctx_t *ctx, double *out) {
    if (!ctx || !out) {
        return -1;
    }
    double value;
    int status = tern_io_value_get_double(ctx->value, &value);
    if (status) {
        return conversion_error(ctx, "float", status);
    }
    *out = value;
    return 0;
}

int anjay_get_float(anjay_input_ctx_t *ctx, float *out) {
    double value;
    int result = anjay_get_double(ctx, &value);
    if (!result) {
        *out = (float) value;
    }
    return result;
}

int anjay_get_bool(anjay_input_ctx_t *ctx, bool *out) {
    if (!ctx || !out) {
        return -1;
    }
    bool value;
    int status = tern_io_value_get_bool(ctx->value, &value);
    if (status) {
        return conversion_error(ctx, "boolean", status);
    }
    *out = value;
    return 0;
}

int anjay_get_objlnk(anjay_input_ctx_t *ctx, anjay_oid_t *out_oid,
                     anjay_iid_t *out_iid) {
    if (!ctx || !out_oid || !out_iid) {
        return -1;
    }
    tern_io_objlnk_t value;
    int status = tern_io_value_get_objlnk(ctx->value, &value);
    if (status) {
        return conversion_error(ctx, "object link", status);
    }
    *out_oid = value.oid;
    *out_iid = value.iid;
    return 0;
}
