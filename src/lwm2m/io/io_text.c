/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include "io.h"

#include "io_base64.h"
#include "io_log.h"
#include "io_num.h"

int tern_io_single_check(tern_io_enc_t *enc, const tern_io_path_t *path) {
    if (enc->count) {
        io_log(DEBUG, "format %u carries a single value",
               (unsigned) enc->format);
        return TERN_IO_ERR_UNSUPPORTED;
    }
    if (!tern_io_path_equal(path, &enc->base)) {
        io_log(DEBUG, "format %u cannot carry entries below the base path",
               (unsigned) enc->format);
        return TERN_IO_ERR_UNSUPPORTED;
    }
    return TERN_IO_OK;
}

int tern_io_text_enc_add(tern_io_enc_t *enc, const tern_io_path_t *path,
                         const tern_io_value_t *value) {
    int result = tern_io_single_check(enc, path);
    if (result) {
        return result;
    }
    char text[TERN_IO_NUM_STR_SIZE];
    int len;
    switch (value->type) {
        case TERN_IO_TYPE_STRING:
            return tern_io_buf_append(enc->out, value->u.view.data,
                                      value->u.view.len);
        case TERN_IO_TYPE_BYTES:
            return tern_io_base64_encode(enc->out, value->u.view.data,
                                         value->u.view.len, TERN_IO_B64_STD);
        case TERN_IO_TYPE_INT:
        case TERN_IO_TYPE_TIME:
            len = tern_io_num_format_int(value->u.i, text, sizeof(text));
            break;
        case TERN_IO_TYPE_UINT:
            len = tern_io_num_format_uint(value->u.u, text, sizeof(text));
            break;
        case TERN_IO_TYPE_DOUBLE:
            len = tern_io_num_format_double(value->u.d, text, sizeof(text));
            break;
        case TERN_IO_TYPE_BOOL:
            return tern_io_buf_putc(enc->out, value->u.b ? '1' : '0');
        case TERN_IO_TYPE_OBJLNK:
            len = tern_io_num_format_objlnk(value->u.objlnk.oid,
                                            value->u.objlnk.iid, text,
                                            sizeof(text));
            break;
        default:
            io_log(DEBUG, "text/plain cannot carry a %s value",
                   tern_io_type_name(value->type));
            return TERN_IO_ERR_UNSUPPORTED;
    }
    return tern_io_buf_append(enc->out, text, (size_t) len);
}

int tern_io_text_dec_next(tern_io_dec_t *dec, tern_io_path_t *out_path,
                          tern_io_value_t *out_value) {
    if (dec->u.single_done) {
        return TERN_IO_END;
    }
    dec->u.single_done = true;
    *out_path = dec->req;
    *out_value = tern_io_value_string_n(
            dec->len ? (const char *) dec->data : "", dec->len);
    out_value->type = TERN_IO_TYPE_RAW_TEXT;
    return TERN_IO_OK;
}
