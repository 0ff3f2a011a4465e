/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include "io.h"

#include "io_log.h"

int tern_io_cbor_single_enc_add(tern_io_enc_t *enc, const tern_io_path_t *path,
                                const tern_io_value_t *value) {
    int result = tern_io_single_check(enc, path);
    if (result) {
        return result;
    }
    size_t mark = enc->out->len;
    if ((result = tern_io_cbor_put_value(enc->out, value))) {
        enc->out->len = mark;
    }
    return result;
}

int tern_io_cbor_single_dec_next(tern_io_dec_t *dec, tern_io_path_t *out_path,
                                 tern_io_value_t *out_value) {
    if (dec->u.single_done) {
        return TERN_IO_END;
    }
    dec->u.single_done = true;
    tern_io_cbor_reader_t reader;
    tern_io_cbor_reader_init(&reader, dec->data, dec->len, &dec->arena);
    tern_io_cbor_item_t item;
    int result = tern_io_cbor_next(&reader, &item);
    if (result) {
        return result == TERN_IO_END ? TERN_IO_ERR_MALFORMED : result;
    }
    if ((result = tern_io_cbor_read_value(&reader, &item, out_value))) {
        return result;
    }
    if (out_value->type == TERN_IO_TYPE_NULL) {
        io_log(DEBUG, "CBOR: null is not a Resource value");
        return TERN_IO_ERR_UNSUPPORTED;
    }
    if ((result = tern_io_cbor_next(&reader, &item)) != TERN_IO_END) {
        return result ? result : TERN_IO_ERR_MALFORMED;
    }
    *out_path = dec->req;
    return TERN_IO_OK;
}
