/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include "io.h"

#include <math.h>
#include <string.h>

#include "io_log.h"

bool tern_io_enc_supports(uint16_t format) {
    switch (format) {
        case TERN_IO_FMT_TEXT:
        case TERN_IO_FMT_OPAQUE:
        case TERN_IO_FMT_CBOR:
        case TERN_IO_FMT_TLV:
        case TERN_IO_FMT_SENML_JSON:
        case TERN_IO_FMT_SENML_CBOR:
        case TERN_IO_FMT_LWM2M_CBOR:
            return true;
        default:
            return false;
    }
}

bool tern_io_enc_has_containers(uint16_t format) {
    return format == TERN_IO_FMT_TLV || format == TERN_IO_FMT_LWM2M_CBOR;
}

static bool is_single_value(uint16_t format) {
    return format == TERN_IO_FMT_TEXT || format == TERN_IO_FMT_OPAQUE ||
           format == TERN_IO_FMT_CBOR;
}

int tern_io_enc_init(tern_io_enc_t *enc, uint16_t format,
                     const tern_io_path_t *base, tern_io_buf_t *out) {
    memset(enc, 0, sizeof(*enc));
    enc->format = format;
    enc->out = out;
    enc->start = out->len;
    enc->base = *base;
    if (!tern_io_path_is_valid(base)) {
        return TERN_IO_ERR_INVALID_ARG;
    }
    if (is_single_value(format)) {
        if (base->len < 3) {
            io_log(DEBUG, "format %u holds one Resource value only",
                   (unsigned) format);
            return TERN_IO_ERR_UNSUPPORTED;
        }
        return TERN_IO_OK;
    }
    switch (format) {
        case TERN_IO_FMT_TLV:
            return tern_io_tlv_enc_init(enc);
        case TERN_IO_FMT_SENML_JSON:
            return tern_io_senml_json_enc_init(enc);
        case TERN_IO_FMT_SENML_CBOR:
            return tern_io_senml_cbor_enc_init(enc);
        case TERN_IO_FMT_LWM2M_CBOR:
            return tern_io_lwm2m_cbor_enc_init(enc);
        default:
            io_log(DEBUG, "no encoder for content format %u",
                   (unsigned) format);
            return TERN_IO_ERR_UNSUPPORTED;
    }
}

int tern_io_enc_add_timed(tern_io_enc_t *enc, const tern_io_path_t *path,
                          const tern_io_value_t *value, double time_s) {
    if (enc->finished) {
        return TERN_IO_ERR_STATE;
    }
    if (!tern_io_path_is_valid(path)) {
        return TERN_IO_ERR_INVALID_ARG;
    }
    if (value->type == TERN_IO_TYPE_RAW_TEXT ||
        value->type == TERN_IO_TYPE_RAW_TLV ||
        (unsigned) value->type > TERN_IO_TYPE_RAW_TLV) {
        return TERN_IO_ERR_INVALID_ARG;
    }
    if (!tern_io_path_is_prefix(&enc->base, path)) {
        return TERN_IO_ERR_PATH_OUTSIDE_REQUEST;
    }
    int result;
    switch (enc->format) {
        case TERN_IO_FMT_TEXT:
            result = tern_io_text_enc_add(enc, path, value);
            break;
        case TERN_IO_FMT_OPAQUE:
            result = tern_io_opaque_enc_add(enc, path, value);
            break;
        case TERN_IO_FMT_CBOR:
            result = tern_io_cbor_single_enc_add(enc, path, value);
            break;
        case TERN_IO_FMT_TLV:
            result = tern_io_tlv_enc_add(enc, path, value);
            break;
        case TERN_IO_FMT_SENML_JSON:
            result = tern_io_senml_json_enc_add(enc, path, value, time_s);
            break;
        case TERN_IO_FMT_SENML_CBOR:
            result = tern_io_senml_cbor_enc_add(enc, path, value, time_s);
            break;
        case TERN_IO_FMT_LWM2M_CBOR:
            result = tern_io_lwm2m_cbor_enc_add(enc, path, value);
            break;
        default:
            return TERN_IO_ERR_UNSUPPORTED;
    }
    if (!result) {
        ++enc->count;
    }
    return result;
}

int tern_io_enc_add(tern_io_enc_t *enc, const tern_io_path_t *path,
                    const tern_io_value_t *value) {
    return tern_io_enc_add_timed(enc, path, value, NAN);
}

int tern_io_enc_finish(tern_io_enc_t *enc, size_t *out_len) {
    if (enc->finished) {
        return TERN_IO_ERR_STATE;
    }
    int result = TERN_IO_OK;
    switch (enc->format) {
        case TERN_IO_FMT_TEXT:
        case TERN_IO_FMT_OPAQUE:
        case TERN_IO_FMT_CBOR:
            if (enc->count != 1) {
                io_log(DEBUG, "format %u needs exactly one value",
                       (unsigned) enc->format);
                return TERN_IO_ERR_UNSUPPORTED;
            }
            break;
        case TERN_IO_FMT_TLV:
            result = tern_io_tlv_enc_finish(enc);
            break;
        case TERN_IO_FMT_SENML_JSON:
            result = tern_io_senml_json_enc_finish(enc);
            break;
        case TERN_IO_FMT_SENML_CBOR:
            result = tern_io_senml_cbor_enc_finish(enc);
            break;
        case TERN_IO_FMT_LWM2M_CBOR:
            result = tern_io_lwm2m_cbor_enc_finish(enc);
            break;
        default:
            return TERN_IO_ERR_UNSUPPORTED;
    }
    if (result) {
        return result;
    }
    enc->finished = true;
    if (out_len) {
        *out_len = enc->out->len - enc->start;
    }
    return TERN_IO_OK;
}

const char *tern_io_strerror(int status) {
    switch (status) {
        case TERN_IO_OK:
            return "ok";
        case TERN_IO_END:
            return "end";
        case TERN_IO_ERR_MALFORMED:
            return "malformed input";
        case TERN_IO_ERR_UNSUPPORTED:
            return "not supported by the format";
        case TERN_IO_ERR_PATH_OUTSIDE_REQUEST:
            return "path outside the request";
        case TERN_IO_ERR_BUFFER_TOO_SMALL:
            return "buffer too small";
        case TERN_IO_ERR_TYPE:
            return "wrong value type";
        case TERN_IO_ERR_RANGE:
            return "number out of range";
        case TERN_IO_ERR_NO_MEMORY:
            return "out of memory";
        case TERN_IO_ERR_LIMIT:
            return "safety limit exceeded";
        case TERN_IO_ERR_STATE:
            return "call out of order";
        case TERN_IO_ERR_INVALID_ARG:
            return "invalid argument";
        default:
            return "unknown status";
    }
}
