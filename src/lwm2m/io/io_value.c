/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include "io_value.h"

#include <math.h>
#include <string.h>

#include "io_base64.h"
#include "io_num.h"

tern_io_value_t tern_io_value_null(void) {
    tern_io_value_t v;
    memset(&v, 0, sizeof(v));
    v.type = TERN_IO_TYPE_NULL;
    return v;
}

static tern_io_value_t make_view(tern_io_type_t type, const void *data,
                                 size_t len) {
    tern_io_value_t v = tern_io_value_null();
    v.type = type;
    v.u.view.data = data;
    v.u.view.len = len;
    return v;
}

tern_io_value_t tern_io_value_string(const char *str) {
    return make_view(TERN_IO_TYPE_STRING, str, str ? strlen(str) : 0);
}

tern_io_value_t tern_io_value_string_n(const char *str, size_t len) {
    return make_view(TERN_IO_TYPE_STRING, str, len);
}

tern_io_value_t tern_io_value_bytes(const void *data, size_t len) {
    return make_view(TERN_IO_TYPE_BYTES, data, len);
}

tern_io_value_t tern_io_value_int(int64_t value) {
    tern_io_value_t v = tern_io_value_null();
    v.type = TERN_IO_TYPE_INT;
    v.u.i = value;
    return v;
}

tern_io_value_t tern_io_value_uint(uint64_t value) {
    tern_io_value_t v = tern_io_value_null();
    v.type = TERN_IO_TYPE_UINT;
    v.u.u = value;
    return v;
}

tern_io_value_t tern_io_value_double(double value) {
    tern_io_value_t v = tern_io_value_null();
    v.type = TERN_IO_TYPE_DOUBLE;
    v.u.d = value;
    return v;
}

tern_io_value_t tern_io_value_bool(bool value) {
    tern_io_value_t v = tern_io_value_null();
    v.type = TERN_IO_TYPE_BOOL;
    v.u.b = value;
    return v;
}

tern_io_value_t tern_io_value_objlnk(uint16_t oid, uint16_t iid) {
    tern_io_value_t v = tern_io_value_null();
    v.type = TERN_IO_TYPE_OBJLNK;
    v.u.objlnk.oid = oid;
    v.u.objlnk.iid = iid;
    return v;
}

tern_io_value_t tern_io_value_time(int64_t seconds) {
    tern_io_value_t v = tern_io_value_null();
    v.type = TERN_IO_TYPE_TIME;
    v.u.i = seconds;
    return v;
}

static uint64_t read_be(const uint8_t *p, size_t len) {
    uint64_t v = 0;
    for (size_t i = 0; i < len; ++i) {
        v = (v << 8) | p[i];
    }
    return v;
}

static bool tlv_int_len_ok(size_t len) {
    return len == 1 || len == 2 || len == 4 || len == 8;
}

int tern_io_value_get_int(const tern_io_value_t *value, int64_t *out) {
    switch (value->type) {
        case TERN_IO_TYPE_INT:
        case TERN_IO_TYPE_TIME:
            *out = value->u.i;
            return TERN_IO_OK;
        case TERN_IO_TYPE_UINT:
            if (value->u.u > (uint64_t) INT64_MAX) {
                return TERN_IO_ERR_RANGE;
            }
            *out = (int64_t) value->u.u;
            return TERN_IO_OK;
        case TERN_IO_TYPE_DOUBLE:
            if (isnan(value->u.d) || value->u.d != floor(value->u.d)) {
                return TERN_IO_ERR_TYPE;
            }
            return tern_io_double_to_int(value->u.d, out) ? TERN_IO_OK
                                                          : TERN_IO_ERR_RANGE;
        case TERN_IO_TYPE_RAW_TLV: {
            size_t len = value->u.view.len;
            if (!tlv_int_len_ok(len)) {
                return TERN_IO_ERR_TYPE;
            }
            uint64_t raw = read_be((const uint8_t *) value->u.view.data, len);
            if (len < 8 && (raw & ((uint64_t) 1 << (8 * len - 1)))) {
                raw |= ~(uint64_t) 0 << (8 * len);
            }
            /* Two's complement by hand: converting an out-of-range unsigned
             * value to int64_t would be implementation-defined. */
            *out = raw > (uint64_t) INT64_MAX ? -(int64_t) (~raw) - 1
                                              : (int64_t) raw;
            return TERN_IO_OK;
        }
        case TERN_IO_TYPE_RAW_TEXT: {
            int result = tern_io_num_parse_int(
                    (const char *) value->u.view.data, value->u.view.len, out);
            return result == TERN_IO_ERR_MALFORMED ? TERN_IO_ERR_TYPE : result;
        }
        default:
            return TERN_IO_ERR_TYPE;
    }
}

int tern_io_value_get_uint(const tern_io_value_t *value, uint64_t *out) {
    switch (value->type) {
        case TERN_IO_TYPE_UINT:
            *out = value->u.u;
            return TERN_IO_OK;
        case TERN_IO_TYPE_INT:
        case TERN_IO_TYPE_TIME:
            if (value->u.i < 0) {
                return TERN_IO_ERR_RANGE;
            }
            *out = (uint64_t) value->u.i;
            return TERN_IO_OK;
        case TERN_IO_TYPE_DOUBLE:
            if (isnan(value->u.d) || value->u.d != floor(value->u.d)) {
                return TERN_IO_ERR_TYPE;
            }
            return tern_io_double_to_uint(value->u.d, out) ? TERN_IO_OK
                                                           : TERN_IO_ERR_RANGE;
        case TERN_IO_TYPE_RAW_TLV:
            if (!tlv_int_len_ok(value->u.view.len)) {
                return TERN_IO_ERR_TYPE;
            }
            *out = read_be((const uint8_t *) value->u.view.data,
                           value->u.view.len);
            return TERN_IO_OK;
        case TERN_IO_TYPE_RAW_TEXT: {
            int result = tern_io_num_parse_uint(
                    (const char *) value->u.view.data, value->u.view.len, out);
            if (result == TERN_IO_ERR_MALFORMED) {
                int64_t signed_value;
                /* "-5" is a number, just not an unsigned one. */
                if (!tern_io_num_parse_int((const char *) value->u.view.data,
                                           value->u.view.len, &signed_value)) {
                    return TERN_IO_ERR_RANGE;
                }
                return TERN_IO_ERR_TYPE;
            }
            return result;
        }
        default:
            return TERN_IO_ERR_TYPE;
    }
}

int tern_io_value_get_double(const tern_io_value_t *value, double *out) {
    switch (value->type) {
        case TERN_IO_TYPE_DOUBLE:
            *out = value->u.d;
            return TERN_IO_OK;
        case TERN_IO_TYPE_INT:
        case TERN_IO_TYPE_TIME:
            *out = (double) value->u.i;
            return TERN_IO_OK;
        case TERN_IO_TYPE_UINT:
            *out = (double) value->u.u;
            return TERN_IO_OK;
        case TERN_IO_TYPE_RAW_TLV: {
            const uint8_t *p = (const uint8_t *) value->u.view.data;
            if (value->u.view.len == 4) {
                uint32_t bits = (uint32_t) read_be(p, 4);
                float f;
                memcpy(&f, &bits, sizeof(f));
                *out = f;
                return TERN_IO_OK;
            }
            if (value->u.view.len == 8) {
                uint64_t bits = read_be(p, 8);
                memcpy(out, &bits, sizeof(*out));
                return TERN_IO_OK;
            }
            return TERN_IO_ERR_TYPE;
        }
        case TERN_IO_TYPE_RAW_TEXT: {
            int result = tern_io_num_parse_double(
                    (const char *) value->u.view.data, value->u.view.len, out);
            return result == TERN_IO_ERR_MALFORMED ? TERN_IO_ERR_TYPE : result;
        }
        default:
            return TERN_IO_ERR_TYPE;
    }
}

int tern_io_value_get_bool(const tern_io_value_t *value, bool *out) {
    const uint8_t *p = (const uint8_t *) value->u.view.data;
    switch (value->type) {
        case TERN_IO_TYPE_BOOL:
            *out = value->u.b;
            return TERN_IO_OK;
        case TERN_IO_TYPE_RAW_TLV:
            if (value->u.view.len != 1 || p[0] > 1) {
                return TERN_IO_ERR_TYPE;
            }
            *out = p[0] == 1;
            return TERN_IO_OK;
        case TERN_IO_TYPE_RAW_TEXT:
            if (value->u.view.len != 1 || (p[0] != '0' && p[0] != '1')) {
                return TERN_IO_ERR_TYPE;
            }
            *out = p[0] == '1';
            return TERN_IO_OK;
        default:
            return TERN_IO_ERR_TYPE;
    }
}

int tern_io_value_get_objlnk(const tern_io_value_t *value,
                             tern_io_objlnk_t *out) {
    switch (value->type) {
        case TERN_IO_TYPE_OBJLNK:
            *out = value->u.objlnk;
            return TERN_IO_OK;
        case TERN_IO_TYPE_RAW_TLV: {
            if (value->u.view.len != 4) {
                return TERN_IO_ERR_TYPE;
            }
            const uint8_t *p = (const uint8_t *) value->u.view.data;
            out->oid = (uint16_t) read_be(p, 2);
            out->iid = (uint16_t) read_be(p + 2, 2);
            return TERN_IO_OK;
        }
        case TERN_IO_TYPE_STRING:
        case TERN_IO_TYPE_RAW_TEXT:
            return tern_io_num_parse_objlnk((const char *) value->u.view.data,
                                            value->u.view.len, &out->oid,
                                            &out->iid)
                           ? TERN_IO_ERR_TYPE
                           : TERN_IO_OK;
        default:
            return TERN_IO_ERR_TYPE;
    }
}

int tern_io_value_get_string(const tern_io_value_t *value, const char **out,
                             size_t *out_len) {
    switch (value->type) {
        case TERN_IO_TYPE_STRING:
        case TERN_IO_TYPE_RAW_TEXT:
        case TERN_IO_TYPE_RAW_TLV:
            *out = (const char *) value->u.view.data;
            *out_len = value->u.view.len;
            return TERN_IO_OK;
        default:
            return TERN_IO_ERR_TYPE;
    }
}

int tern_io_value_get_bytes(const tern_io_value_t *value, const void **out,
                            size_t *out_len) {
    switch (value->type) {
        case TERN_IO_TYPE_BYTES:
        case TERN_IO_TYPE_RAW_TLV:
            *out = value->u.view.data;
            *out_len = value->u.view.len;
            return TERN_IO_OK;
        default:
            return TERN_IO_ERR_TYPE;
    }
}

int tern_io_value_read_bytes(const tern_io_value_t *value, size_t *inout_offset,
                             void *buf, size_t size, size_t *out_read,
                             bool *out_finished) {
    size_t total;
    if (value->type == TERN_IO_TYPE_BYTES ||
        value->type == TERN_IO_TYPE_RAW_TLV) {
        total = value->u.view.len;
        if (*inout_offset > total) {
            return TERN_IO_ERR_INVALID_ARG;
        }
        size_t n = total - *inout_offset;
        if (n > size) {
            n = size;
        }
        if (n) {
            memcpy(buf, (const uint8_t *) value->u.view.data + *inout_offset,
                   n);
        }
        *inout_offset += n;
        *out_read = n;
        *out_finished = *inout_offset == total;
        return TERN_IO_OK;
    }
    if (value->type != TERN_IO_TYPE_RAW_TEXT) {
        return TERN_IO_ERR_TYPE;
    }
    const char *text = (const char *) value->u.view.data;
    size_t len = value->u.view.len;
    if (tern_io_base64_validate(text, len, TERN_IO_B64_STD, &total)) {
        return TERN_IO_ERR_TYPE;
    }
    if (*inout_offset > total) {
        return TERN_IO_ERR_INVALID_ARG;
    }
    size_t n = tern_io_base64_decode_range(text, len, *inout_offset,
                                           (uint8_t *) buf, size);
    *inout_offset += n;
    *out_read = n;
    *out_finished = *inout_offset == total;
    return TERN_IO_OK;
}

const char *tern_io_type_name(tern_io_type_t type) {
    switch (type) {
        case TERN_IO_TYPE_NULL:
            return "null";
        case TERN_IO_TYPE_STRING:
            return "string";
        case TERN_IO_TYPE_BYTES:
            return "bytes";
        case TERN_IO_TYPE_INT:
            return "int";
        case TERN_IO_TYPE_UINT:
            return "uint";
        case TERN_IO_TYPE_DOUBLE:
            return "double";
        case TERN_IO_TYPE_BOOL:
            return "bool";
        case TERN_IO_TYPE_OBJLNK:
            return "objlnk";
        case TERN_IO_TYPE_TIME:
            return "time";
        case TERN_IO_TYPE_RAW_TEXT:
            return "raw text";
        case TERN_IO_TYPE_RAW_TLV:
            return "raw TLV";
    }
    return "?";
}
