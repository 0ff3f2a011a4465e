/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include <string.h>

#include "../anjay_core.h"
#include "dm_errors.h"
#include "dm_log.h"
#include "dm_ops.h"

#define DEFAULT_MAX_PAYLOAD (64 * 1024)

int tern_dm_decode_error(int io_status) {
    if (io_status == TERN_IO_ERR_NO_MEMORY) {
        dm_log(ERROR, "out of memory decoding the request payload");
        return ANJAY_ERR_INTERNAL;
    }
    dm_log(DEBUG, "malformed request payload: %s", tern_io_strerror(io_status));
    return ANJAY_ERR_BAD_REQUEST;
}

int tern_dm_open_decoder(const tern_dm_request_t *req, tern_io_dec_t *dec) {
    if (req->content_format == TERN_DM_FORMAT_NONE) {
        dm_log(DEBUG, "request payload has no Content-Format");
        return ANJAY_ERR_BAD_REQUEST;
    }
    if (!tern_io_dec_supports(req->content_format)) {
        dm_log(DEBUG, "unsupported Content-Format %u",
               (unsigned) req->content_format);
        return ANJAY_ERR_UNSUPPORTED_CONTENT_FORMAT;
    }
    int status = tern_io_dec_init(dec, req->content_format, &req->path,
                                  req->payload ? req->payload : "",
                                  req->payload_size);
    if (status) {
        tern_io_dec_cleanup(dec);
        dm_log(DEBUG, "Content-Format %u cannot address a %u-level path",
               (unsigned) req->content_format, (unsigned) req->path.len);
        return ANJAY_ERR_BAD_REQUEST;
    }
    return 0;
}

int tern_dm_op_from_coap(uint8_t method, const tern_io_path_t *path,
                         uint16_t accept, bool has_content_format,
                         tern_dm_op_t *out_op) {
    switch (method) {
        case ANJAY_COAP_STATUS(0, 1):
            *out_op = accept == TERN_IO_FMT_LINK_FORMAT ? TERN_DM_OP_DISCOVER
                                                        : TERN_DM_OP_READ;
            return 0;
        case ANJAY_COAP_STATUS(0, 2):
            switch (path->len) {
                case 2:
                    *out_op = TERN_DM_OP_WRITE_UPDATE;
                    break;
                case 3:
                    *out_op = TERN_DM_OP_EXECUTE;
                    break;
                case 4:
                    *out_op = TERN_DM_OP_WRITE_REPLACE;
                    break;
                default:
                    *out_op = TERN_DM_OP_CREATE;
                    break;
            }
            return 0;
        case ANJAY_COAP_STATUS(0, 3):
            *out_op = has_content_format ? TERN_DM_OP_WRITE_REPLACE
                                         : TERN_DM_OP_WRITE_ATTRIBUTES;
            return 0;
        case ANJAY_COAP_STATUS(0, 4):
            *out_op = TERN_DM_OP_DELETE;
            return 0;
        case ANJAY_COAP_STATUS(0, 5):
            *out_op = TERN_DM_OP_READ_COMPOSITE;
            return 0;
        case ANJAY_COAP_STATUS(0, 7):
            *out_op = TERN_DM_OP_WRITE_COMPOSITE;
            return 0;
        default:
            dm_log(DEBUG, "CoAP method %u.%02u is no data model operation",
                   (unsigned) (method >> 5), (unsigned) (method & 0x1F));
            return ANJAY_ERR_METHOD_NOT_ALLOWED;
    }
}

static int dispatch_bootstrap(tern_dm_op_ctx_t *ctx, uint8_t *out_code) {
    switch (ctx->req->op) {
        case TERN_DM_OP_READ:
            *out_code = ANJAY_COAP_STATUS(2, 5);
            return tern_dm_op_read(ctx);
        case TERN_DM_OP_DISCOVER:
            *out_code = ANJAY_COAP_STATUS(2, 5);
            return tern_dm_op_bootstrap_discover(ctx);
        case TERN_DM_OP_WRITE_REPLACE:
            *out_code = ANJAY_COAP_STATUS(2, 4);
            return tern_dm_op_bootstrap_write(ctx);
        case TERN_DM_OP_DELETE:
            *out_code = ANJAY_COAP_STATUS(2, 2);
            return tern_dm_op_bootstrap_delete(ctx);
        default:
            dm_log(DEBUG, "operation %d is not part of the Bootstrap Interface",
                   (int) ctx->req->op);
            return ANJAY_ERR_METHOD_NOT_ALLOWED;
    }
}

static int dispatch(tern_dm_op_ctx_t *ctx, uint8_t *out_code) {
    if (ctx->req->ssid == ANJAY_SSID_BOOTSTRAP) {
        return dispatch_bootstrap(ctx, out_code);
    }
    switch (ctx->req->op) {
        case TERN_DM_OP_READ:
            *out_code = ANJAY_COAP_STATUS(2, 5);
            return tern_dm_op_read(ctx);
        case TERN_DM_OP_DISCOVER:
            *out_code = ANJAY_COAP_STATUS(2, 5);
            return tern_dm_op_discover(ctx);
        case TERN_DM_OP_WRITE_REPLACE:
        case TERN_DM_OP_WRITE_UPDATE:
            *out_code = ANJAY_COAP_STATUS(2, 4);
            return tern_dm_op_write(ctx);
        case TERN_DM_OP_WRITE_ATTRIBUTES:
            *out_code = ANJAY_COAP_STATUS(2, 4);
            return tern_dm_op_write_attributes(ctx);
        case TERN_DM_OP_EXECUTE:
            *out_code = ANJAY_COAP_STATUS(2, 4);
            return tern_dm_op_execute(ctx);
        case TERN_DM_OP_CREATE:
            *out_code = ANJAY_COAP_STATUS(2, 1);
            return tern_dm_op_create(ctx);
        case TERN_DM_OP_DELETE:
            *out_code = ANJAY_COAP_STATUS(2, 2);
            return tern_dm_op_delete(ctx);
        case TERN_DM_OP_READ_COMPOSITE:
            *out_code = ANJAY_COAP_STATUS(2, 5);
            return tern_dm_op_read_composite(ctx);
        case TERN_DM_OP_WRITE_COMPOSITE:
            *out_code = ANJAY_COAP_STATUS(2, 4);
            return tern_dm_op_write_composite(ctx);
    }
    dm_log(DEBUG, "unknown operation %d", (int) ctx->req->op);
    return ANJAY_ERR_METHOD_NOT_ALLOWED;
}

int tern_dm_handle(anjay_t *anjay, const tern_dm_request_t *request,
                   void *out_buf, size_t out_buf_size,
                   tern_dm_response_t *response) {
    memset(response, 0, sizeof(*response));
    response->content_format = TERN_DM_FORMAT_NONE;
    response->location = tern_io_path_root();

    tern_io_buf_t payload;
    tern_io_buf_init_growable(&payload, request->max_payload_size
                                                ? request->max_payload_size
                                                : DEFAULT_MAX_PAYLOAD);
    tern_dm_op_ctx_t ctx;
    memset(&ctx, 0, sizeof(ctx));
    ctx.anjay = anjay;
    ctx.req = request;
    ctx.out = &payload;
    ctx.out_format = TERN_DM_FORMAT_NONE;
    ctx.location = tern_io_path_root();

    uint8_t success_code = ANJAY_COAP_STATUS(2, 4);
    int result = dispatch(&ctx, &success_code);
    if (result) {
        response->code = tern_dm_error_to_coap(result);
        tern_io_buf_release(&payload);
        return -(int) response->code;
    }
    response->code = success_code;
    response->location = ctx.location;
    if (ctx.out_format != TERN_DM_FORMAT_NONE) {
        response->content_format = ctx.out_format;
        response->payload_total_size = payload.len;
        if (request->payload_offset < payload.len) {
            size_t window = AVS_MIN(payload.len - request->payload_offset,
                                    out_buf_size);
            if (window) {
                memcpy(out_buf, payload.data + request->payload_offset, window);
            }
            response->payload_size = window;
        }
    }
    tern_io_buf_release(&payload);
    return 0;
}
