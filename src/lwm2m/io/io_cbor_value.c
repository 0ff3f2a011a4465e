/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include "io_cbor.h"

#include "io_log.h"
#include "io_num.h"
#include "io_utf8.h"

int tern_io_cbor_put_value(tern_io_buf_t *buf, const tern_io_value_t *value) {
    switch (value->type) {
        case TERN_IO_TYPE_STRING:
            if (!tern_io_utf8_valid(value->u.view.data, value->u.view.len)) {
                io_log(DEBUG, "string value is not UTF-8; CBOR text needs it");
                return TERN_IO_ERR_UNSUPPORTED;
            }
            return tern_io_cbor_put_text(buf, value->u.view.data,
                                         value->u.view.len);
        case TERN_IO_TYPE_BYTES:
            return tern_io_cbor_put_bytes(buf, value->u.view.data,
                                          value->u.view.len);
        case TERN_IO_TYPE_INT:
        case TERN_IO_TYPE_TIME:
            return tern_io_cbor_put_int(buf, value->u.i);
        case TERN_IO_TYPE_UINT:
            return tern_io_cbor_put_uint(buf, value->u.u);
        case TERN_IO_TYPE_DOUBLE:
            return tern_io_cbor_put_double(buf, value->u.d);
        case TERN_IO_TYPE_BOOL:
            return tern_io_cbor_put_bool(buf, value->u.b);
        case TERN_IO_TYPE_OBJLNK: {
            char text[TERN_IO_NUM_STR_SIZE];
            int len = tern_io_num_format_objlnk(value->u.objlnk.oid,
                                                value->u.objlnk.iid, text,
                                                sizeof(text));
            return tern_io_cbor_put_text(buf, text, (size_t) len);
        }
        case TERN_IO_TYPE_NULL:
            return TERN_IO_ERR_UNSUPPORTED;
        default:
            return TERN_IO_ERR_INVALID_ARG;
    }
}

int tern_io_cbor_read_value(tern_io_cbor_reader_t *reader,
                            const tern_io_cbor_item_t *first,
                            tern_io_value_t *out) {
    tern_io_cbor_item_t item = *first;
    bool epoch_time = false;
    int result;
    while (item.kind == TERN_IO_CBOR_TAG) {
        if (item.u == TERN_IO_CBOR_TAG_EPOCH_TIME) {
            epoch_time = true;
        } else if (item.u != TERN_IO_CBOR_TAG_SELF_DESCRIBED) {
            io_log(DEBUG, "CBOR: tag %llu not supported",
                   (unsigned long long) item.u);
            return TERN_IO_ERR_UNSUPPORTED;
        }
        if ((result = tern_io_cbor_next(reader, &item))) {
            return result == TERN_IO_END ? TERN_IO_ERR_MALFORMED : result;
        }
    }
    switch (item.kind) {
        case TERN_IO_CBOR_UINT:
            if (item.u <= (uint64_t) INT64_MAX) {
                *out = tern_io_value_int((int64_t) item.u);
            } else {
                *out = tern_io_value_uint(item.u);
            }
            break;
        case TERN_IO_CBOR_NEGINT:
            if (item.u <= (uint64_t) INT64_MAX) {
                *out = tern_io_value_int(-(int64_t) item.u - 1);
            } else {
                *out = tern_io_value_double(-1.0 - (double) item.u);
            }
            break;
        case TERN_IO_CBOR_FLOAT:
            *out = tern_io_value_double(item.d);
            break;
        case TERN_IO_CBOR_BOOL:
            *out = tern_io_value_bool(item.b);
            break;
        case TERN_IO_CBOR_TEXT:
            *out = tern_io_value_string_n((const char *) item.data, item.len);
            break;
        case TERN_IO_CBOR_BYTES:
            *out = tern_io_value_bytes(item.data, item.len);
            break;
        case TERN_IO_CBOR_NULL:
            *out = tern_io_value_null();
            break;
        case TERN_IO_CBOR_END:
            io_log(DEBUG, "CBOR: container ended where a value was due");
            return TERN_IO_ERR_MALFORMED;
        default:
            io_log(DEBUG, "CBOR: item kind %d is not an LwM2M value",
                   (int) item.kind);
            return TERN_IO_ERR_UNSUPPORTED;
    }
    if (epoch_time && out->type == TERN_IO_TYPE_INT) {
        out->type = TERN_IO_TYPE_TIME;
    }
    return TERN_IO_OK;
}
