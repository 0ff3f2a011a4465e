/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include "io.h"

#include <math.h>
#include <string.h>

#include "io_log.h"

bool tern_io_dec_supports(uint16_t format) {
    return tern_io_enc_supports(format);
}

int tern_io_dec_init(tern_io_dec_t *dec, uint16_t format,
                     const tern_io_path_t *req, const void *data, size_t len) {
    memset(dec, 0, sizeof(*dec));
    dec->format = format;
    dec->req = *req;
    dec->data = (const uint8_t *) data;
    dec->len = data ? len : 0;
    dec->time = NAN;
    /* Unescaped JSON strings never outgrow their source and base64 shrinks,
     * so twice the input bounds all scratch one record can need. */
    tern_io_arena_init(&dec->arena, dec->len > (SIZE_MAX - 64) / 2
                                            ? SIZE_MAX
                                            : 2 * dec->len + 64);
    if (!tern_io_path_is_valid(req)) {
        dec->status = TERN_IO_ERR_INVALID_ARG;
        return dec->status;
    }
    switch (format) {
        case TERN_IO_FMT_TEXT:
        case TERN_IO_FMT_OPAQUE:
        case TERN_IO_FMT_CBOR:
            if (req->len < 3) {
                io_log(DEBUG, "format %u holds one Resource value only",
                       (unsigned) format);
                dec->status = TERN_IO_ERR_UNSUPPORTED;
            }
            break;
        case TERN_IO_FMT_TLV:
            dec->status = tern_io_tlv_dec_init(dec);
            break;
        case TERN_IO_FMT_SENML_JSON:
            tern_io_json_reader_init(&dec->u.senml.r.json, dec->data, dec->len,
                                     &dec->arena);
            break;
        case TERN_IO_FMT_SENML_CBOR:
            tern_io_cbor_reader_init(&dec->u.senml.r.cbor, dec->data, dec->len,
                                     &dec->arena);
            break;
        case TERN_IO_FMT_LWM2M_CBOR:
            tern_io_cbor_reader_init(&dec->u.lcbor.cbor, dec->data, dec->len,
                                     &dec->arena);
            dec->u.lcbor.cur = tern_io_path_root();
            break;
        default:
            io_log(DEBUG, "no decoder for content format %u",
                   (unsigned) format);
            dec->status = TERN_IO_ERR_UNSUPPORTED;
            break;
    }
    return dec->status;
}

int tern_io_dec_next(tern_io_dec_t *dec, tern_io_path_t *out_path,
                     tern_io_value_t *out_value) {
    if (dec->status) {
        return dec->status;
    }
    tern_io_arena_reset(&dec->arena);
    dec->time = NAN;
    tern_io_path_t path = tern_io_path_root();
    tern_io_value_t value = tern_io_value_null();
    int result;
    switch (dec->format) {
        case TERN_IO_FMT_TEXT:
            result = tern_io_text_dec_next(dec, &path, &value);
            break;
        case TERN_IO_FMT_OPAQUE:
            result = tern_io_opaque_dec_next(dec, &path, &value);
            break;
        case TERN_IO_FMT_CBOR:
            result = tern_io_cbor_single_dec_next(dec, &path, &value);
            break;
        case TERN_IO_FMT_TLV:
            result = tern_io_tlv_dec_next(dec, &path, &value);
            break;
        case TERN_IO_FMT_SENML_JSON:
            result = tern_io_senml_json_dec_next(dec, &path, &value);
            break;
        case TERN_IO_FMT_SENML_CBOR:
            result = tern_io_senml_cbor_dec_next(dec, &path, &value);
            break;
        case TERN_IO_FMT_LWM2M_CBOR:
            result = tern_io_lwm2m_cbor_dec_next(dec, &path, &value);
            break;
        default:
            result = TERN_IO_ERR_UNSUPPORTED;
            break;
    }
    if (result) {
        dec->status = result;
        return result;
    }
    *out_path = path;
    *out_value = value;
    return TERN_IO_OK;
}

double tern_io_dec_time(const tern_io_dec_t *dec) {
    return dec->time;
}

void tern_io_dec_cleanup(tern_io_dec_t *dec) {
    tern_io_arena_free(&dec->arena);
}
