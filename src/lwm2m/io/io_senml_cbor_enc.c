/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include "io.h"

#include <math.h>
#include <string.h>

#include "io_log.h"
#include "io_num.h"

/* RFC 8428 section 6 labels. */
#define LABEL_BN (-2)
#define LABEL_N 0
#define LABEL_V 2
#define LABEL_VS 3
#define LABEL_VB 4
#define LABEL_T 6
#define LABEL_VD 8

int tern_io_senml_cbor_enc_init(tern_io_enc_t *enc) {
    memset(&enc->u.senml, 0, sizeof(enc->u.senml));
    return tern_io_cbor_begin_reserved(enc->out, UINT32_MAX,
                                       &enc->u.senml.array_pos);
}

static int put_value(tern_io_buf_t *buf, const tern_io_value_t *value) {
    int result;
    switch (value->type) {
        case TERN_IO_TYPE_INT:
        case TERN_IO_TYPE_UINT:
        case TERN_IO_TYPE_DOUBLE:
        case TERN_IO_TYPE_TIME:
            result = tern_io_cbor_put_int(buf, LABEL_V);
            break;
        case TERN_IO_TYPE_STRING:
            result = tern_io_cbor_put_int(buf, LABEL_VS);
            break;
        case TERN_IO_TYPE_BOOL:
            result = tern_io_cbor_put_int(buf, LABEL_VB);
            break;
        case TERN_IO_TYPE_BYTES:
            result = tern_io_cbor_put_int(buf, LABEL_VD);
            break;
        case TERN_IO_TYPE_OBJLNK:
            result = tern_io_cbor_put_text(buf, "vlo", 3);
            break;
        default:
            return TERN_IO_ERR_INVALID_ARG;
    }
    return result ? result : tern_io_cbor_put_value(buf, value);
}

/* Whole seconds, the usual case, are shorter as integers. */
static int put_time(tern_io_buf_t *buf, double time) {
    int64_t whole;
    int result = tern_io_cbor_put_int(buf, LABEL_T);
    if (result) {
        return result;
    }
    return tern_io_double_to_int(time, &whole)
                   ? tern_io_cbor_put_int(buf, whole)
                   : tern_io_cbor_put_double(buf, time);
}

int tern_io_senml_cbor_enc_add(tern_io_enc_t *enc, const tern_io_path_t *path,
                               const tern_io_value_t *value, double time) {
    tern_io_buf_t *buf = enc->out;
    tern_io_senml_enc_t saved = enc->u.senml;
    size_t mark = buf->len;
    char path_text[TERN_IO_PATH_STR_SIZE];
    bool write_bn;
    const char *n;
    size_t n_len;
    int result;
    if (!isnan(time) && !isfinite(time)) {
        return TERN_IO_ERR_INVALID_ARG;
    }
    if (enc->count >= UINT32_MAX) {
        return TERN_IO_ERR_LIMIT;
    }
    if ((result = tern_io_senml_names(&enc->u.senml, &enc->base, path,
                                      enc->count == 0, path_text, &write_bn, &n,
                                      &n_len))) {
        return result;
    }
    bool has_value = value->type != TERN_IO_TYPE_NULL;
    uint64_t pairs =
            (uint64_t) write_bn + (n_len > 0) + has_value + !isnan(time);
    if ((result = tern_io_cbor_put_map(buf, pairs))) {
        goto fail;
    }
    if (write_bn && ((result = tern_io_cbor_put_int(buf, LABEL_BN)) ||
                     (result = tern_io_cbor_put_text(buf, enc->u.senml.bn,
                                                     enc->u.senml.bn_len)))) {
        goto fail;
    }
    if (n_len && ((result = tern_io_cbor_put_int(buf, LABEL_N)) ||
                  (result = tern_io_cbor_put_text(buf, n, n_len)))) {
        goto fail;
    }
    if (has_value && (result = put_value(buf, value))) {
        goto fail;
    }
    if (!isnan(time) && (result = put_time(buf, time))) {
        goto fail;
    }
    return TERN_IO_OK;

fail:
    enc->u.senml = saved;
    buf->len = mark;
    return result;
}

int tern_io_senml_cbor_enc_finish(tern_io_enc_t *enc) {
    tern_io_cbor_end_reserved(enc->out, enc->u.senml.array_pos, UINT32_MAX,
                              TERN_IO_CBOR_MAJOR_ARRAY, enc->count);
    return TERN_IO_OK;
}
