/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include "io.h"

#include <math.h>
#include <string.h>

#include "io_log.h"

int tern_io_senml_resolve(tern_io_senml_base_t *base,
                          const tern_io_senml_record_t *rec,
                          const tern_io_path_t *req, tern_io_path_t *out_path,
                          tern_io_value_t *out_value, double *out_time) {
    if (rec->has_bn) {
        if (rec->bn_len > sizeof(base->bn)) {
            io_log(DEBUG, "SenML: base name too long for a path");
            return TERN_IO_ERR_MALFORMED;
        }
        memcpy(base->bn, rec->bn, rec->bn_len);
        base->bn_len = rec->bn_len;
    }
    if (rec->has_bt) {
        base->bt = rec->bt;
        base->has_bt = true;
    }
    if (!rec->has_n && !rec->has_value) {
        return TERN_IO_END;
    }
    char name[TERN_IO_SENML_BN_MAX + TERN_IO_PATH_STR_SIZE];
    size_t n_len = rec->has_n ? rec->n_len : 0;
    if (n_len > sizeof(name) - base->bn_len) {
        io_log(DEBUG, "SenML: name too long for a path");
        return TERN_IO_ERR_MALFORMED;
    }
    memcpy(name, base->bn, base->bn_len);
    if (n_len) {
        memcpy(name + base->bn_len, rec->n, n_len);
    }
    tern_io_path_t path;
    if (tern_io_path_parse(&path, name, base->bn_len + n_len)) {
        io_log(DEBUG, "SenML: name is not a path");
        return TERN_IO_ERR_MALFORMED;
    }
    if (rec->has_value && path.len < 3) {
        io_log(DEBUG, "SenML: value on a path above Resource level");
        return TERN_IO_ERR_MALFORMED;
    }
    if (!tern_io_path_is_prefix(req, &path)) {
        io_log(DEBUG, "SenML: entry outside the request path");
        return TERN_IO_ERR_PATH_OUTSIDE_REQUEST;
    }
    double t = rec->has_t ? rec->t : 0.0;
    *out_time = (rec->has_t || base->has_bt) ? base->bt + t : NAN;
    *out_path = path;
    *out_value = rec->has_value ? rec->value : tern_io_value_null();
    return TERN_IO_OK;
}

int tern_io_senml_names(tern_io_senml_enc_t *state, const tern_io_path_t *base,
                        const tern_io_path_t *path, bool first,
                        char path_text[TERN_IO_PATH_STR_SIZE],
                        bool *out_write_bn, const char **out_n,
                        size_t *out_n_len) {
    int len = tern_io_path_format(path, path_text, TERN_IO_PATH_STR_SIZE);
    if (len < 0) {
        return len;
    }
    *out_write_bn = false;
    if (first) {
        state->bn_len = 0;
        if (base->len) {
            int bn_len =
                    tern_io_path_format(base, state->bn, sizeof(state->bn));
            if (bn_len < 0) {
                return bn_len;
            }
            state->bn_len = (size_t) bn_len;
            /* "/3/0/" + "1" reads better than "/3/0" + "/1". */
            if (path->len > base->len) {
                state->bn[state->bn_len++] = '/';
                state->bn[state->bn_len] = '\0';
            }
            *out_write_bn = true;
        }
    } else if (state->bn_len > (size_t) len ||
               memcmp(path_text, state->bn, state->bn_len) != 0) {
        /* Only the base path itself can fail to start with "/base/"; the
         * base path text without the slash is a prefix of every entry. */
        int bn_len = tern_io_path_format(base, state->bn, sizeof(state->bn));
        if (bn_len < 0) {
            return bn_len;
        }
        state->bn_len = (size_t) bn_len;
        *out_write_bn = true;
    }
    *out_n = path_text + state->bn_len;
    *out_n_len = (size_t) len - state->bn_len;
    return TERN_IO_OK;
}
