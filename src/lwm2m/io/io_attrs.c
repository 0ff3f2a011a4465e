/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include "io_attrs.h"

#include <math.h>
#include <string.h>

#include "io_log.h"
#include "io_num.h"

static const char *const NAMES[TERN_IO_ATTR_COUNT] = {
        "pmin", "pmax", "gt", "lt", "st", "epmin", "epmax", "con"};

void tern_io_attrs_init(tern_io_attrs_t *attrs) {
    memset(attrs, 0, sizeof(*attrs));
}

const char *tern_io_attr_name(tern_io_attr_t attr) {
    return (unsigned) attr < TERN_IO_ATTR_COUNT ? NAMES[attr] : "?";
}

static int32_t *int_slot(tern_io_attrs_t *attrs, tern_io_attr_t attr) {
    switch (attr) {
        case TERN_IO_ATTR_PMIN:
            return &attrs->pmin;
        case TERN_IO_ATTR_PMAX:
            return &attrs->pmax;
        case TERN_IO_ATTR_EPMIN:
            return &attrs->epmin;
        case TERN_IO_ATTR_EPMAX:
            return &attrs->epmax;
        default:
            return NULL;
    }
}

static double *double_slot(tern_io_attrs_t *attrs, tern_io_attr_t attr) {
    switch (attr) {
        case TERN_IO_ATTR_GT:
            return &attrs->gt;
        case TERN_IO_ATTR_LT:
            return &attrs->lt;
        case TERN_IO_ATTR_ST:
            return &attrs->st;
        default:
            return NULL;
    }
}

static int bad_value(const char *name) {
    io_log(DEBUG, "attribute %s: bad value", name);
    return TERN_IO_ERR_MALFORMED;
}

int tern_io_attrs_parse_option(tern_io_attrs_t *attrs, const char *option,
                               size_t len) {
    const char *eq = (const char *) memchr(option, '=', len);
    size_t name_len = eq ? (size_t) (eq - option) : len;
    int attr = -1;
    for (int i = 0; i < TERN_IO_ATTR_COUNT; ++i) {
        if (strlen(NAMES[i]) == name_len &&
            memcmp(NAMES[i], option, name_len) == 0) {
            attr = i;
            break;
        }
    }
    if (attr < 0) {
        io_log(DEBUG, "unknown attribute name (%zu B)", name_len);
        return TERN_IO_ERR_UNSUPPORTED;
    }
    uint16_t bit = (uint16_t) (1u << attr);
    if ((attrs->set | attrs->unset) & bit) {
        io_log(DEBUG, "attribute %s given twice", NAMES[attr]);
        return TERN_IO_ERR_MALFORMED;
    }
    if (!eq) {
        attrs->unset |= bit;
        return TERN_IO_OK;
    }
    const char *value = eq + 1;
    size_t value_len = len - name_len - 1;
    if (value_len == 0) {
        return bad_value(NAMES[attr]);
    }
    int32_t *int_dst = int_slot(attrs, (tern_io_attr_t) attr);
    double *double_dst = double_slot(attrs, (tern_io_attr_t) attr);
    if (int_dst) {
        int64_t v;
        if (tern_io_num_parse_int(value, value_len, &v) || v < 0 ||
            v > INT32_MAX) {
            return bad_value(NAMES[attr]);
        }
        *int_dst = (int32_t) v;
    } else if (double_dst) {
        double v;
        if (tern_io_num_parse_double(value, value_len, &v) || !isfinite(v) ||
            (attr == TERN_IO_ATTR_ST && v < 0.0)) {
            return bad_value(NAMES[attr]);
        }
        *double_dst = v;
    } else { /* con */
        if (value_len != 1 || (value[0] != '0' && value[0] != '1')) {
            return bad_value(NAMES[attr]);
        }
        attrs->con = value[0] == '1';
    }
    attrs->set |= bit;
    return TERN_IO_OK;
}

int tern_io_attrs_parse_query(tern_io_attrs_t *attrs, const char *query,
                              size_t len) {
    tern_io_attrs_t tmp = *attrs;
    size_t pos = 0;
    if (len == 0) {
        return TERN_IO_OK;
    }
    while (pos <= len) {
        const char *amp = (const char *) memchr(query + pos, '&', len - pos);
        size_t end = amp ? (size_t) (amp - query) : len;
        int result = tern_io_attrs_parse_option(&tmp, query + pos, end - pos);
        if (result) {
            return result;
        }
        pos = end + 1;
    }
    *attrs = tmp;
    return TERN_IO_OK;
}

int tern_io_attrs_format(const tern_io_attrs_t *attrs, char separator,
                         bool with_unset, tern_io_buf_t *out) {
    size_t mark = out->len;
    int result = TERN_IO_OK;
    for (int i = 0; i < TERN_IO_ATTR_COUNT && !result; ++i) {
        uint16_t bit = (uint16_t) (1u << i);
        bool is_set = attrs->set & bit;
        if (!is_set && !(with_unset && (attrs->unset & bit))) {
            continue;
        }
        char text[TERN_IO_NUM_STR_SIZE + 8];
        size_t len = 0;
        text[len++] = separator;
        size_t name_len = strlen(NAMES[i]);
        memcpy(text + len, NAMES[i], name_len);
        len += name_len;
        if (is_set) {
            text[len++] = '=';
            /* int_slot() and double_slot() take a mutable set; a copy keeps
             * them so. */
            tern_io_attrs_t copy = *attrs;
            int32_t *iv = int_slot(&copy, (tern_io_attr_t) i);
            double *dv = double_slot(&copy, (tern_io_attr_t) i);
            int n;
            if (iv) {
                n = tern_io_num_format_int(*iv, text + len, sizeof(text) - len);
            } else if (dv) {
                n = tern_io_num_format_double(*dv, text + len,
                                              sizeof(text) - len);
            } else {
                text[len] = attrs->con ? '1' : '0';
                n = 1;
            }
            len += (size_t) n;
        }
        result = tern_io_buf_append(out, text, len);
    }
    if (result) {
        out->len = mark;
    }
    return result;
}
