/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server_model.h"
#include "server_tlv.h"

enum {
    TLV_OBJECT_INSTANCE = 0,
    TLV_RESOURCE_INSTANCE = 1,
    TLV_MULTIPLE_RESOURCE = 2,
    TLV_RESOURCE = 3
};

typedef struct {
    const srv_record_t *rec;
    srv_path_t path;
} item_t;

static void put_entry(srv_buf_t *out, int kind, uint16_t id, const void *value,
                      size_t len) {
    uint8_t head[6];
    size_t n = 1;
    head[0] = (uint8_t) (kind << 6);
    if (id > 0xff) {
        head[0] |= 0x20;
        head[n++] = (uint8_t) (id >> 8);
    }
    head[n++] = (uint8_t) id;
    if (len < 8) {
        head[0] |= (uint8_t) len;
    } else if (len <= 0xff) {
        head[0] |= 0x08;
        head[n++] = (uint8_t) len;
    } else if (len <= 0xffff) {
        head[0] |= 0x10;
        head[n++] = (uint8_t) (len >> 8);
        head[n++] = (uint8_t) len;
    } else {
        head[0] |= 0x18;
        head[n++] = (uint8_t) (len >> 16);
        head[n++] = (uint8_t) (len >> 8);
        head[n++] = (uint8_t) len;
    }
    srv_buf_append(out, head, n);
    srv_buf_append(out, value, len);
}

static void put_be(srv_buf_t *out, uint64_t v, size_t len) {
    for (size_t i = 0; i < len; ++i) {
        srv_buf_append_byte(out, (uint8_t) (v >> (8 * (len - 1 - i))));
    }
}

static void put_int(srv_buf_t *out, int64_t v) {
    size_t len = 8;
    if (v >= INT8_MIN && v <= INT8_MAX) {
        len = 1;
    } else if (v >= INT16_MIN && v <= INT16_MAX) {
        len = 2;
    } else if (v >= INT32_MIN && v <= INT32_MAX) {
        len = 4;
    }
    put_be(out, (uint64_t) v, len);
}

static void put_uint(srv_buf_t *out, uint64_t v) {
    size_t len = v <= 0xff ? 1 : v <= 0xffff ? 2 : v <= 0xffffffffu ? 4 : 8;
    put_be(out, v, len);
}

/* Reads any numeric record as a double, for conversions. */
static int numeric(const srv_record_t *rec, double *out) {
    switch (rec->type) {
        case SRV_V_INT:
        case SRV_V_TIME:
            *out = (double) rec->i;
            return 1;
        case SRV_V_UINT:
            *out = (double) rec->u;
            return 1;
        case SRV_V_FLOAT:
            *out = rec->f;
            return 1;
        default:
            return 0;
    }
}

/* Encodes one value the way its resource is declared when the table knows
 * it, so that "v":21 for a float resource goes out as a float. */
static int encode_value(const srv_record_t *rec, const srv_path_t *path,
                        srv_buf_t *out) {
    srv_vtype_t want = srv_model_type(path->ids[0], path->ids[2]);
    if (want == SRV_V_NONE) {
        want = rec->type;
    }
    double num = 0;
    int is_num = numeric(rec, &num);
    switch (want) {
        case SRV_V_INT:
        case SRV_V_TIME:
            if (rec->type == SRV_V_INT || rec->type == SRV_V_TIME) {
                put_int(out, rec->i);
            } else if (is_num && num == floor(num) && fabs(num) < 9.2e18) {
                put_int(out, (int64_t) num);
            } else if (rec->type == SRV_V_BOOL) {
                put_int(out, rec->b);
            } else {
                return -1;
            }
            return 0;
        case SRV_V_UINT:
            if (rec->type == SRV_V_UINT) {
                put_uint(out, rec->u);
            } else if (is_num && num >= 0 && num == floor(num) &&
                       num < 1.8e19) {
                put_uint(out, rec->type == SRV_V_INT ? (uint64_t) rec->i
                                                     : (uint64_t) num);
            } else {
                return -1;
            }
            return 0;
        case SRV_V_FLOAT: {
            if (!is_num) {
                return -1;
            }
            uint64_t bits;
            memcpy(&bits, &num, sizeof(bits));
            put_be(out, bits, 8);
            return 0;
        }
        case SRV_V_BOOL:
            if (rec->type == SRV_V_BOOL) {
                srv_buf_append_byte(out, (uint8_t) (rec->b != 0));
            } else if (is_num && (num == 0 || num == 1)) {
                srv_buf_append_byte(out, (uint8_t) num);
            } else {
                return -1;
            }
            return 0;
        case SRV_V_STRING:
        case SRV_V_OPAQUE:
            if (rec->type == SRV_V_STRING || rec->type == SRV_V_OPAQUE) {
                srv_buf_append(out, rec->bytes, rec->len);
            } else if (is_num) {
                /* A number typed into a string resource: send its text. */
                srv_buf_t text;
                srv_buf_init(&text);
                srv_value_render(rec, &text);
                srv_buf_append(out, text.data, text.len);
                srv_buf_free(&text);
            } else {
                return -1;
            }
            return 0;
        case SRV_V_OBJLNK: {
            unsigned oid, iid;
            if (rec->type == SRV_V_OBJLNK) {
                oid = rec->oid;
                iid = rec->iid;
            } else if (rec->type != SRV_V_STRING ||
                       sscanf((const char *) rec->bytes, "%u:%u", &oid, &iid) !=
                               2 ||
                       oid > 0xffff || iid > 0xffff) {
                return -1;
            }
            put_be(out, oid, 2);
            put_be(out, iid, 2);
            return 0;
        }
        case SRV_V_NONE:
            break;
    }
    return -1;
}

static int put_value_entry(srv_buf_t *out, int kind, uint16_t id,
                           const item_t *item, char *err, size_t err_size) {
    srv_buf_t value;
    srv_buf_init(&value);
    if (encode_value(item->rec, &item->path, &value)) {
        snprintf(err, err_size, "cannot encode the value of %s",
                 item->rec->path);
        srv_buf_free(&value);
        return -1;
    }
    put_entry(out, kind, id, value.data, value.len);
    srv_buf_free(&value);
    return 0;
}

/* Writes the resource ids[2] of instance ids[1]: a plain resource, or a
 * multiple resource when the records name its instances. */
static int put_resource(const item_t *items, size_t count,
                        const srv_path_t *res, srv_buf_t *out, char *err,
                        size_t err_size) {
    srv_buf_t inner;
    srv_buf_init(&inner);
    const item_t *single = NULL;
    int multiple = 0;
    for (size_t i = 0; i < count; ++i) {
        const srv_path_t *p = &items[i].path;
        if (memcmp(p->ids, res->ids, 3 * sizeof(uint16_t)) != 0) {
            continue;
        }
        if (p->depth == 4) {
            multiple = 1;
            if (put_value_entry(&inner, TLV_RESOURCE_INSTANCE, p->ids[3],
                                &items[i], err, err_size)) {
                srv_buf_free(&inner);
                return -1;
            }
        } else {
            single = &items[i];
        }
    }
    int result = 0;
    if (multiple && single) {
        snprintf(err, err_size,
                 "resource /%u/%u/%u given both as single "
                 "and multiple",
                 (unsigned) res->ids[0], (unsigned) res->ids[1],
                 (unsigned) res->ids[2]);
        result = -1;
    } else if (multiple) {
        put_entry(out, TLV_MULTIPLE_RESOURCE, res->ids[2], inner.data,
                  inner.len);
    } else {
        result = put_value_entry(out, TLV_RESOURCE, res->ids[2], single, err,
                                 err_size);
    }
    srv_buf_free(&inner);
    return result;
}

/* True if an earlier item already started the same path prefix. */
static int seen_before(const item_t *items, size_t index, int depth) {
    for (size_t i = 0; i < index; ++i) {
        if (memcmp(items[i].path.ids, items[index].path.ids,
                   (size_t) depth * sizeof(uint16_t)) == 0) {
            return 1;
        }
    }
    return 0;
}

static int put_instance_body(const item_t *items, size_t count, uint16_t iid,
                             srv_buf_t *out, char *err, size_t err_size) {
    for (size_t i = 0; i < count; ++i) {
        if (items[i].path.ids[1] != iid || seen_before(items, i, 3)) {
            continue;
        }
        if (put_resource(items, count, &items[i].path, out, err, err_size)) {
            return -1;
        }
    }
    return 0;
}

int srv_tlv_encode(const srv_records_t *recs, const srv_path_t *target,
                   srv_buf_t *out, char *err, size_t err_size) {
    if (target->depth < 1) {
        snprintf(err, err_size,
                 "TLV needs an object, instance or resource "
                 "path");
        return -1;
    }
    if (recs->count == 0) {
        snprintf(err, err_size, "nothing to encode");
        return -1;
    }
    item_t *items = (item_t *) srv_xmalloc(recs->count * sizeof(*items));
    int result = 0;
    for (size_t i = 0; i < recs->count && !result; ++i) {
        items[i].rec = &recs->items[i];
        if (srv_path_parse(recs->items[i].path, &items[i].path) ||
            items[i].path.depth < 3 || items[i].path.depth < target->depth ||
            memcmp(items[i].path.ids, target->ids,
                   (size_t) target->depth * sizeof(uint16_t)) != 0) {
            snprintf(err, err_size,
                     "record %s is not a resource under the "
                     "target path",
                     recs->items[i].path);
            result = -1;
        }
    }
    if (!result) {
        switch (target->depth) {
            case 1:
                for (size_t i = 0; i < recs->count && !result; ++i) {
                    if (seen_before(items, i, 2)) {
                        continue;
                    }
                    srv_buf_t body;
                    srv_buf_init(&body);
                    result = put_instance_body(items, recs->count,
                                               items[i].path.ids[1], &body, err,
                                               err_size);
                    if (!result) {
                        put_entry(out, TLV_OBJECT_INSTANCE,
                                  items[i].path.ids[1], body.data, body.len);
                    }
                    srv_buf_free(&body);
                }
                break;
            case 2:
                result = put_instance_body(items, recs->count, target->ids[1],
                                           out, err, err_size);
                break;
            case 3:
                result = put_resource(items, recs->count, target, out, err,
                                      err_size);
                break;
            default:
                if (recs->count != 1) {
                    snprintf(err, err_size,
                             "a resource instance takes one value");
                    result = -1;
                } else {
                    result = put_value_entry(out, TLV_RESOURCE_INSTANCE,
                                             target->ids[3], &items[0], err,
                                             err_size);
                }
                break;
        }
    }
    free(items);
    return result;
}
