/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include "io.h"

#include "io_log.h"

int tern_io_opaque_enc_add(tern_io_enc_t *enc, const tern_io_path_t *path,
                           const tern_io_value_t *value) {
    int result = tern_io_single_check(enc, path);
    if (result) {
        return result;
    }
    if (value->type != TERN_IO_TYPE_BYTES) {
        io_log(DEBUG, "opaque format cannot carry a %s value",
               tern_io_type_name(value->type));
        return TERN_IO_ERR_UNSUPPORTED;
    }
    return tern_io_buf_append(enc->out, value->u.view.data, value->u.view.len);
}

int tern_io_opaque_dec_next(tern_io_dec_t *dec, tern_io_path_t *out_path,
                            tern_io_value_t *out_value) {
    static const uint8_t EMPTY[1] = {0};
    if (dec->u.single_done) {
        return TERN_IO_END;
    }
    dec->u.single_done = true;
    *out_path = dec->req;
    *out_value = tern_io_value_bytes(dec->len ? dec->data : EMPTY, dec->len);
    return TERN_IO_OK;
}
