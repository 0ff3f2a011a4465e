/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include "io.h"

#include <string.h>

#include "io_log.h"
#include "io_num.h"

/* RFC 8428 section 6 labels. */
enum {
    LABEL_BS = -6,
    LABEL_BV = -5,
    LABEL_BN = -2,
    LABEL_BT = -3,
    LABEL_N = 0,
    LABEL_V = 2,
    LABEL_VS = 3,
    LABEL_VB = 4,
    LABEL_S = 5,
    LABEL_T = 6,
    LABEL_VD = 8
};

enum {
    F_BN = 1 << 0,
    F_BT = 1 << 1,
    F_N = 1 << 2,
    F_T = 1 << 3,
    F_VALUE = 1 << 4
};

static int malformed(const char *why) {
    io_log(DEBUG, "SenML CBOR: %s", why);
    return TERN_IO_ERR_MALFORMED;
}

static int next_item(tern_io_cbor_reader_t *reader, tern_io_cbor_item_t *out) {
    int result = tern_io_cbor_next(reader, out);
    return result == TERN_IO_END ? TERN_IO_ERR_MALFORMED : result;
}

static int take_number(tern_io_cbor_reader_t *reader,
                       const tern_io_cbor_item_t *item, double *out) {
    tern_io_value_t value;
    int result = tern_io_cbor_read_value(reader, item, &value);
    if (result) {
        return result;
    }
    if (value.type != TERN_IO_TYPE_INT && value.type != TERN_IO_TYPE_UINT &&
        value.type != TERN_IO_TYPE_DOUBLE && value.type != TERN_IO_TYPE_TIME) {
        return malformed("time is not a number");
    }
    return tern_io_value_get_double(&value, out);
}

static int take_value(tern_io_cbor_reader_t *reader,
                      const tern_io_cbor_item_t *item, tern_io_type_t a,
                      tern_io_type_t b, tern_io_value_t *out) {
    int result = tern_io_cbor_read_value(reader, item, out);
    if (result) {
        return result;
    }
    if (out->type != a && out->type != b) {
        return malformed("value of the wrong CBOR type");
    }
    return TERN_IO_OK;
}

static int handle_int_label(tern_io_cbor_reader_t *reader, int64_t label,
                            const tern_io_cbor_item_t *val,
                            tern_io_senml_record_t *rec, unsigned *field) {
    int result;
    tern_io_value_t tmp;
    switch (label) {
        case LABEL_BN:
        case LABEL_N:
            if ((result = take_value(reader, val, TERN_IO_TYPE_STRING,
                                     TERN_IO_TYPE_STRING, &tmp))) {
                return result;
            }
            if (label == LABEL_BN) {
                *field = F_BN;
                rec->bn = (const char *) tmp.u.view.data;
                rec->bn_len = tmp.u.view.len;
                rec->has_bn = true;
            } else {
                *field = F_N;
                rec->n = (const char *) tmp.u.view.data;
                rec->n_len = tmp.u.view.len;
                rec->has_n = true;
            }
            return TERN_IO_OK;
        case LABEL_BT:
            *field = F_BT;
            rec->has_bt = true;
            return take_number(reader, val, &rec->bt);
        case LABEL_T:
            *field = F_T;
            rec->has_t = true;
            return take_number(reader, val, &rec->t);
        case LABEL_V:
            *field = F_VALUE;
            if ((result = tern_io_cbor_read_value(reader, val, &rec->value))) {
                return result;
            }
            if (rec->value.type != TERN_IO_TYPE_INT &&
                rec->value.type != TERN_IO_TYPE_UINT &&
                rec->value.type != TERN_IO_TYPE_DOUBLE &&
                rec->value.type != TERN_IO_TYPE_TIME) {
                return malformed("\"v\" is not a number");
            }
            return TERN_IO_OK;
        case LABEL_VS:
            *field = F_VALUE;
            return take_value(reader, val, TERN_IO_TYPE_STRING,
                              TERN_IO_TYPE_STRING, &rec->value);
        case LABEL_VB:
            *field = F_VALUE;
            return take_value(reader, val, TERN_IO_TYPE_BOOL, TERN_IO_TYPE_BOOL,
                              &rec->value);
        case LABEL_VD:
            *field = F_VALUE;
            return take_value(reader, val, TERN_IO_TYPE_BYTES,
                              TERN_IO_TYPE_BYTES, &rec->value);
        case LABEL_BV:
        case LABEL_BS:
        case LABEL_S:
            io_log(DEBUG, "SenML CBOR: label %d not supported", (int) label);
            return TERN_IO_ERR_UNSUPPORTED;
        default:
            *field = 0;
            return tern_io_cbor_skip(reader, val);
    }
}

static int read_record(tern_io_cbor_reader_t *reader,
                       tern_io_senml_record_t *rec) {
    unsigned seen = 0;
    for (;;) {
        tern_io_cbor_item_t key, val;
        int result = next_item(reader, &key);
        if (result) {
            return result;
        }
        if (key.kind == TERN_IO_CBOR_END) {
            return TERN_IO_OK;
        }
        if ((result = next_item(reader, &val))) {
            return result;
        }
        unsigned field = 0;
        if (key.kind == TERN_IO_CBOR_UINT || key.kind == TERN_IO_CBOR_NEGINT) {
            if (key.u > 1000) {
                result = tern_io_cbor_skip(reader, &val); /* not a SenML one */
            } else {
                int64_t label = key.kind == TERN_IO_CBOR_UINT
                                        ? (int64_t) key.u
                                        : -(int64_t) key.u - 1;
                result = handle_int_label(reader, label, &val, rec, &field);
            }
        } else if (key.kind == TERN_IO_CBOR_TEXT) {
            if (key.len == 3 && memcmp(key.data, "vlo", 3) == 0) {
                field = F_VALUE;
                tern_io_value_t text;
                uint16_t oid, iid;
                result = take_value(reader, &val, TERN_IO_TYPE_STRING,
                                    TERN_IO_TYPE_STRING, &text);
                if (!result) {
                    if (tern_io_num_parse_objlnk(
                                (const char *) text.u.view.data,
                                text.u.view.len, &oid, &iid)) {
                        result = malformed("\"vlo\" is not oid:iid");
                    } else {
                        rec->value = tern_io_value_objlnk(oid, iid);
                    }
                }
            } else if (key.len && key.data[key.len - 1] == '_') {
                io_log(DEBUG, "SenML CBOR: mandatory field not supported");
                return TERN_IO_ERR_UNSUPPORTED;
            } else {
                result = tern_io_cbor_skip(reader, &val);
            }
        } else {
            return malformed("record key is neither a label nor text");
        }
        if (result) {
            return result;
        }
        if (field & seen) {
            return malformed("field repeated in a record");
        }
        seen |= field;
        if (field == F_VALUE) {
            rec->has_value = true;
        }
    }
}

int tern_io_senml_cbor_dec_next(tern_io_dec_t *dec, tern_io_path_t *out_path,
                                tern_io_value_t *out_value) {
    tern_io_senml_dec_t *senml = &dec->u.senml;
    tern_io_cbor_reader_t *reader = &senml->r.cbor;
    tern_io_cbor_item_t item;
    int result;
    if (!senml->started) {
        senml->started = true;
        if ((result = next_item(reader, &item))) {
            return result;
        }
        if (item.kind != TERN_IO_CBOR_ARRAY) {
            return malformed("payload is not an array");
        }
    }
    for (;;) {
        if ((result = tern_io_cbor_next(reader, &item))) {
            return result;
        }
        if (item.kind == TERN_IO_CBOR_END) {
            result = tern_io_cbor_next(reader, &item);
            return result == TERN_IO_END
                           ? TERN_IO_END
                           : (result ? result : TERN_IO_ERR_MALFORMED);
        }
        if (item.kind != TERN_IO_CBOR_MAP) {
            return malformed("record is not a map");
        }
        tern_io_senml_record_t rec;
        memset(&rec, 0, sizeof(rec));
        if ((result = read_record(reader, &rec))) {
            return result;
        }
        result = tern_io_senml_resolve(&senml->base, &rec, &dec->req, out_path,
                                       out_value, &dec->time);
        if (result != TERN_IO_END) {
            return result;
        }
    }
}
