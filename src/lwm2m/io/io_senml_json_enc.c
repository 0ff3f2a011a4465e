/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include "io.h"

#include <math.h>
#include <string.h>

#include "io_base64.h"
#include "io_log.h"
#include "io_num.h"
#include "io_utf8.h"

static size_t escaped_len(const uint8_t *s, size_t len) {
    size_t out = 0;
    for (size_t i = 0; i < len; ++i) {
        if (s[i] == '"' || s[i] == '\\' || s[i] == '\b' || s[i] == '\f' ||
            s[i] == '\n' || s[i] == '\r' || s[i] == '\t') {
            out += 2;
        } else if (s[i] < 0x20) {
            out += 6;
        } else {
            out += 1;
        }
    }
    return out;
}

/* Writes a quoted JSON string; the caller has checked it is UTF-8. */
static int put_string(tern_io_buf_t *buf, const void *data, size_t len) {
    static const char HEX[] = "0123456789abcdef";
    const uint8_t *s = (const uint8_t *) data;
    size_t need = escaped_len(s, len) + 2;
    int result = tern_io_buf_reserve(buf, need);
    if (result) {
        return result;
    }
    uint8_t *w = buf->data + buf->len;
    *w++ = '"';
    for (size_t i = 0; i < len; ++i) {
        uint8_t c = s[i];
        const char *short_form = NULL;
        switch (c) {
            case '"':
                short_form = "\\\"";
                break;
            case '\\':
                short_form = "\\\\";
                break;
            case '\b':
                short_form = "\\b";
                break;
            case '\f':
                short_form = "\\f";
                break;
            case '\n':
                short_form = "\\n";
                break;
            case '\r':
                short_form = "\\r";
                break;
            case '\t':
                short_form = "\\t";
                break;
            default:
                break;
        }
        if (short_form) {
            *w++ = (uint8_t) short_form[0];
            *w++ = (uint8_t) short_form[1];
        } else if (c < 0x20) {
            memcpy(w, "\\u00", 4);
            w[4] = (uint8_t) HEX[c >> 4];
            w[5] = (uint8_t) HEX[c & 0xF];
            w += 6;
        } else {
            *w++ = c;
        }
    }
    *w++ = '"';
    buf->len += need;
    return TERN_IO_OK;
}

static int put_member(tern_io_buf_t *buf, bool *need_comma, const char *key) {
    int result = TERN_IO_OK;
    if (*need_comma) {
        result = tern_io_buf_putc(buf, ',');
    }
    *need_comma = true;
    if (!result) {
        result = put_string(buf, key, strlen(key));
    }
    if (!result) {
        result = tern_io_buf_putc(buf, ':');
    }
    return result;
}

static int put_number_text(tern_io_buf_t *buf, int len, const char *text) {
    return len < 0 ? len : tern_io_buf_append(buf, text, (size_t) len);
}

static int put_value(tern_io_buf_t *buf, bool *need_comma,
                     const tern_io_value_t *value) {
    char text[TERN_IO_NUM_STR_SIZE];
    int result;
    switch (value->type) {
        case TERN_IO_TYPE_NULL:
            return TERN_IO_OK;
        case TERN_IO_TYPE_INT:
        case TERN_IO_TYPE_TIME:
            if ((result = put_member(buf, need_comma, "v"))) {
                return result;
            }
            return put_number_text(
                    buf, tern_io_num_format_int(value->u.i, text, sizeof(text)),
                    text);
        case TERN_IO_TYPE_UINT:
            if ((result = put_member(buf, need_comma, "v"))) {
                return result;
            }
            return put_number_text(
                    buf,
                    tern_io_num_format_uint(value->u.u, text, sizeof(text)),
                    text);
        case TERN_IO_TYPE_DOUBLE:
            if (!isfinite(value->u.d)) {
                io_log(DEBUG, "SenML JSON has no spelling for NaN or infinity");
                return TERN_IO_ERR_UNSUPPORTED;
            }
            if ((result = put_member(buf, need_comma, "v"))) {
                return result;
            }
            return put_number_text(
                    buf,
                    tern_io_num_format_double(value->u.d, text, sizeof(text)),
                    text);
        case TERN_IO_TYPE_BOOL:
            if ((result = put_member(buf, need_comma, "vb"))) {
                return result;
            }
            return tern_io_buf_puts(buf, value->u.b ? "true" : "false");
        case TERN_IO_TYPE_STRING:
            if (!tern_io_utf8_valid(value->u.view.data, value->u.view.len)) {
                io_log(DEBUG, "string value is not UTF-8; JSON needs it");
                return TERN_IO_ERR_UNSUPPORTED;
            }
            if ((result = put_member(buf, need_comma, "vs"))) {
                return result;
            }
            return put_string(buf, value->u.view.data, value->u.view.len);
        case TERN_IO_TYPE_BYTES:
            if ((result = put_member(buf, need_comma, "vd")) ||
                (result = tern_io_buf_putc(buf, '"')) ||
                (result = tern_io_base64_encode(
                         buf, value->u.view.data, value->u.view.len,
                         TERN_IO_B64_URL | TERN_IO_B64_NO_PAD))) {
                return result;
            }
            return tern_io_buf_putc(buf, '"');
        case TERN_IO_TYPE_OBJLNK: {
            int len = tern_io_num_format_objlnk(value->u.objlnk.oid,
                                                value->u.objlnk.iid, text,
                                                sizeof(text));
            if ((result = put_member(buf, need_comma, "vlo"))) {
                return result;
            }
            return put_string(buf, text, (size_t) len);
        }
        default:
            return TERN_IO_ERR_INVALID_ARG;
    }
}

int tern_io_senml_json_enc_init(tern_io_enc_t *enc) {
    memset(&enc->u.senml, 0, sizeof(enc->u.senml));
    size_t mark = enc->out->len;
    /* Room for the closing bracket is claimed up front so that finish()
     * can never fail. */
    int result = tern_io_buf_reserve(enc->out, 2);
    if (!result) {
        result = tern_io_buf_putc(enc->out, '[');
    }
    if (result) {
        enc->out->len = mark;
    }
    return result;
}

int tern_io_senml_json_enc_add(tern_io_enc_t *enc, const tern_io_path_t *path,
                               const tern_io_value_t *value, double time) {
    tern_io_buf_t *buf = enc->out;
    tern_io_senml_enc_t saved = enc->u.senml;
    size_t mark = buf->len;
    char path_text[TERN_IO_PATH_STR_SIZE];
    char text[TERN_IO_NUM_STR_SIZE];
    bool write_bn;
    const char *n;
    size_t n_len;
    bool need_comma = false;
    int result;
    if (!isnan(time) && !isfinite(time)) {
        return TERN_IO_ERR_INVALID_ARG;
    }
    if ((result = tern_io_senml_names(&enc->u.senml, &enc->base, path,
                                      enc->count == 0, path_text, &write_bn, &n,
                                      &n_len))) {
        return result;
    }
    if (enc->count && (result = tern_io_buf_putc(buf, ','))) {
        goto fail;
    }
    if ((result = tern_io_buf_putc(buf, '{'))) {
        goto fail;
    }
    if (write_bn &&
        ((result = put_member(buf, &need_comma, "bn")) ||
         (result = put_string(buf, enc->u.senml.bn, enc->u.senml.bn_len)))) {
        goto fail;
    }
    if (n_len && ((result = put_member(buf, &need_comma, "n")) ||
                  (result = put_string(buf, n, n_len)))) {
        goto fail;
    }
    if ((result = put_value(buf, &need_comma, value))) {
        goto fail;
    }
    if (!isnan(time) &&
        ((result = put_member(buf, &need_comma, "t")) ||
         (result = put_number_text(
                  buf, tern_io_num_format_double(time, text, sizeof(text)),
                  text)))) {
        goto fail;
    }
    if ((result = tern_io_buf_putc(buf, '}')) ||
        (result = tern_io_buf_reserve(buf, 1))) {
        goto fail;
    }
    return TERN_IO_OK;

fail:
    enc->u.senml = saved;
    buf->len = mark;
    return result;
}

int tern_io_senml_json_enc_finish(tern_io_enc_t *enc) {
    return tern_io_buf_putc(enc->out, ']');
}
