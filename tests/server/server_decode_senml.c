/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server_base64.h"
#include "server_cbor.h"
#include "server_json.h"
#include "server_senml.h"

/* SenML CBOR labels (RFC 8428, section 6). */
enum {
    LABEL_BVER = -1,
    LABEL_BN = -2,
    LABEL_BT = -3,
    LABEL_BU = -4,
    LABEL_BV = -5,
    LABEL_BS = -6,
    LABEL_N = 0,
    LABEL_U = 1,
    LABEL_V = 2,
    LABEL_VS = 3,
    LABEL_VB = 4,
    LABEL_S = 5,
    LABEL_T = 6,
    LABEL_UT = 7,
    LABEL_VD = 8
};

/* Fields of one SenML record before base values are applied. */
typedef struct {
    const char *bn;
    size_t bn_len;
    int has_bt;
    double bt;
    int has_bv;
    double bv;
    const char *n;
    size_t n_len;
    int has_t;
    double t;
    srv_record_t value;
    int has_value;
} fields_t;

/* What carries over from one record to the next. */
typedef struct {
    srv_buf_t bn;
    double bt;
    int has_bt;
    double bv;
    int has_bv;
} base_t;

/* Clears the value slot: a record may carry more than one value field, and
 * the last one wins. */
static srv_record_t *fresh_value(fields_t *f) {
    free(f->value.bytes);
    memset(&f->value, 0, sizeof(f->value));
    f->has_value = 1;
    return &f->value;
}

static void set_objlnk_or_string(srv_record_t *v, const char *s, size_t len) {
    unsigned oid, iid;
    char tail;
    char copy[32];
    if (len < sizeof(copy)) {
        memcpy(copy, s, len);
        copy[len] = '\0';
        if (sscanf(copy, "%u:%u%c", &oid, &iid, &tail) == 2 && oid <= 0xffff &&
            iid <= 0xffff) {
            v->type = SRV_V_OBJLNK;
            v->oid = (uint16_t) oid;
            v->iid = (uint16_t) iid;
            return;
        }
    }
    srv_record_set_bytes(v, SRV_V_STRING, s, len);
}

/* Applies the base fields and appends the record. */
static void emit(base_t *base, fields_t *f, srv_records_t *out) {
    if (f->bn) {
        srv_buf_reset(&base->bn);
        srv_buf_append(&base->bn, f->bn, f->bn_len);
    }
    if (f->has_bt) {
        base->bt = f->bt;
        base->has_bt = 1;
    }
    if (f->has_bv) {
        base->bv = f->bv;
        base->has_bv = 1;
    }
    srv_buf_t name;
    srv_buf_init(&name);
    srv_buf_append(&name, base->bn.data, base->bn.len);
    srv_buf_append(&name, f->n, f->n_len);
    srv_record_t *rec = srv_records_add(out, srv_buf_cstr(&name));
    srv_buf_free(&name);
    char *path = rec->path;
    *rec = f->value;
    rec->path = path;
    f->value.bytes = NULL;
    if (!f->has_value) {
        rec->type = SRV_V_NONE;
    }
    if (base->has_bv && rec->type == SRV_V_INT) {
        rec->type = SRV_V_FLOAT;
        rec->f = (double) rec->i + base->bv;
    } else if (base->has_bv && rec->type == SRV_V_FLOAT) {
        rec->f += base->bv;
    }
    if (f->has_t || base->has_bt) {
        rec->has_time = 1;
        rec->time = (f->has_t ? f->t : 0) + (base->has_bt ? base->bt : 0);
    }
}

static void set_number_json(srv_record_t *v, const srv_json_t *j) {
    if (j->is_int) {
        v->type = SRV_V_INT;
        v->i = j->i;
    } else {
        v->type = SRV_V_FLOAT;
        v->f = j->num;
    }
}

int srv_senml_json_decode(const uint8_t *data, size_t len, srv_records_t *out,
                          char *err, size_t err_size) {
    srv_json_t *root = srv_json_parse((const char *) data, len, err, err_size);
    if (!root) {
        return -1;
    }
    int result = 0;
    base_t base;
    memset(&base, 0, sizeof(base));
    srv_buf_init(&base.bn);
    if (root->kind != SRV_JSON_ARRAY) {
        snprintf(err, err_size, "SenML JSON must be an array");
        result = -1;
    }
    for (const srv_json_t *r = root->child; r && !result; r = r->next) {
        fields_t f;
        memset(&f, 0, sizeof(f));
        if (r->kind != SRV_JSON_OBJECT) {
            snprintf(err, err_size, "SenML record is not an object");
            result = -1;
            break;
        }
        for (const srv_json_t *m = r->child; m && !result; m = m->next) {
            const char *k = m->key;
            int is_str = m->kind == SRV_JSON_STRING;
            int is_num = m->kind == SRV_JSON_NUMBER;
            if (strcmp(k, "bn") == 0 && is_str) {
                f.bn = m->str;
                f.bn_len = m->str_len;
            } else if (strcmp(k, "n") == 0 && is_str) {
                f.n = m->str;
                f.n_len = m->str_len;
            } else if (strcmp(k, "bt") == 0 && is_num) {
                f.has_bt = 1;
                f.bt = m->num;
            } else if (strcmp(k, "t") == 0 && is_num) {
                f.has_t = 1;
                f.t = m->num;
            } else if (strcmp(k, "bv") == 0 && is_num) {
                f.has_bv = 1;
                f.bv = m->num;
            } else if (strcmp(k, "v") == 0 && is_num) {
                set_number_json(fresh_value(&f), m);
            } else if (strcmp(k, "vs") == 0 && is_str) {
                srv_record_set_bytes(fresh_value(&f), SRV_V_STRING, m->str,
                                     m->str_len);
            } else if (strcmp(k, "vb") == 0 && m->kind == SRV_JSON_BOOL) {
                srv_record_t *v = fresh_value(&f);
                v->type = SRV_V_BOOL;
                v->b = m->b;
            } else if (strcmp(k, "vd") == 0 && is_str) {
                srv_buf_t bytes;
                srv_buf_init(&bytes);
                if (srv_base64_decode(m->str, m->str_len, &bytes)) {
                    snprintf(err, err_size, "bad base64 in \"vd\"");
                    result = -1;
                } else {
                    srv_record_set_bytes(fresh_value(&f), SRV_V_OPAQUE,
                                         bytes.data, bytes.len);
                }
                srv_buf_free(&bytes);
            } else if (strcmp(k, "vlo") == 0 && is_str) {
                set_objlnk_or_string(fresh_value(&f), m->str, m->str_len);
            } else if (strcmp(k, "bn") == 0 || strcmp(k, "n") == 0 ||
                       strcmp(k, "v") == 0 || strcmp(k, "vs") == 0 ||
                       strcmp(k, "vb") == 0 || strcmp(k, "vd") == 0 ||
                       strcmp(k, "vlo") == 0 || strcmp(k, "t") == 0 ||
                       strcmp(k, "bt") == 0) {
                snprintf(err, err_size, "SenML field \"%s\" has a wrong type",
                         k);
                result = -1;
            }
        }
        if (!result) {
            emit(&base, &f, out);
        }
        free(f.value.bytes);
    }
    srv_buf_free(&base.bn);
    srv_json_free(root);
    return result;
}

static int cbor_number(const srv_cbor_item_t *item, srv_record_t *v) {
    int64_t i;
    if (item->kind == SRV_CBOR_FLOAT) {
        v->type = SRV_V_FLOAT;
        v->f = item->f;
        return 0;
    }
    if (item->kind == SRV_CBOR_UINT && item->u > (uint64_t) INT64_MAX) {
        v->type = SRV_V_UINT;
        v->u = item->u;
        return 0;
    }
    if (srv_cbor_to_int64(item, &i) == 0) {
        v->type = SRV_V_INT;
        v->i = i;
        return 0;
    }
    return -1;
}

static double as_double(const srv_record_t *v) {
    return v->type == SRV_V_FLOAT  ? v->f
           : v->type == SRV_V_UINT ? (double) v->u
                                   : (double) v->i;
}

/* Reads the count of an array or map, or -1 for indefinite length. */
static int64_t container_count(const srv_cbor_item_t *item) {
    return item->indefinite ? -1 : (int64_t) item->u;
}

/* True when the next item of an indefinite container is its break. */
static int at_break(srv_cbor_reader_t *r) {
    srv_cbor_reader_t peek = *r;
    srv_cbor_item_t item;
    if (srv_cbor_read(&peek, &item) == 0 && item.kind == SRV_CBOR_BREAK) {
        *r = peek;
        return 1;
    }
    return 0;
}

static int cbor_record(srv_cbor_reader_t *r, fields_t *f, char *err,
                       size_t err_size) {
    srv_cbor_item_t map;
    if (srv_cbor_read(r, &map) || map.kind != SRV_CBOR_MAP) {
        snprintf(err, err_size, "SenML CBOR record is not a map");
        return -1;
    }
    int64_t left = container_count(&map);
    while (left != 0) {
        if (left < 0 && at_break(r)) {
            break;
        }
        srv_cbor_item_t key, val;
        if (srv_cbor_read(r, &key)) {
            goto bad;
        }
        int64_t label;
        int is_vlo = key.kind == SRV_CBOR_TEXT && key.len == 3 &&
                     memcmp(key.data, "vlo", 3) == 0;
        if (!is_vlo && srv_cbor_to_int64(&key, &label)) {
            /* Unknown text keys are extensions: skip their values. */
            if (key.kind != SRV_CBOR_TEXT || srv_cbor_skip(r)) {
                goto bad;
            }
            if (left > 0) {
                --left;
            }
            continue;
        }
        srv_cbor_reader_t before = *r;
        if (srv_cbor_read(r, &val)) {
            goto bad;
        }
        if (is_vlo) {
            if (val.kind != SRV_CBOR_TEXT) {
                goto bad;
            }
            set_objlnk_or_string(fresh_value(f), (const char *) val.data,
                                 val.len);
        } else if (label == LABEL_BN || label == LABEL_N) {
            if (val.kind != SRV_CBOR_TEXT) {
                goto bad;
            }
            if (label == LABEL_BN) {
                f->bn = (const char *) val.data;
                f->bn_len = val.len;
            } else {
                f->n = (const char *) val.data;
                f->n_len = val.len;
            }
        } else if (label == LABEL_BT || label == LABEL_T || label == LABEL_BV ||
                   label == LABEL_V) {
            srv_record_t num;
            memset(&num, 0, sizeof(num));
            if (val.kind == SRV_CBOR_TAG) {
                /* A tagged time (tag 1) still reads as its number. */
                if (srv_cbor_read(r, &val)) {
                    goto bad;
                }
            }
            if (cbor_number(&val, &num)) {
                goto bad;
            }
            if (label == LABEL_V) {
                *fresh_value(f) = num;
            } else if (label == LABEL_BT) {
                f->has_bt = 1;
                f->bt = as_double(&num);
            } else if (label == LABEL_T) {
                f->has_t = 1;
                f->t = as_double(&num);
            } else {
                f->has_bv = 1;
                f->bv = as_double(&num);
            }
        } else if (label == LABEL_VS) {
            if (val.kind != SRV_CBOR_TEXT) {
                goto bad;
            }
            srv_record_set_bytes(fresh_value(f), SRV_V_STRING, val.data,
                                 val.len);
        } else if (label == LABEL_VB) {
            if (val.kind != SRV_CBOR_TRUE && val.kind != SRV_CBOR_FALSE) {
                goto bad;
            }
            srv_record_t *v = fresh_value(f);
            v->type = SRV_V_BOOL;
            v->b = val.kind == SRV_CBOR_TRUE;
        } else if (label == LABEL_VD) {
            if (val.kind != SRV_CBOR_BYTES) {
                goto bad;
            }
            srv_record_set_bytes(fresh_value(f), SRV_V_OPAQUE, val.data,
                                 val.len);
        } else {
            /* bver, units, sum, update time: nothing to show. */
            *r = before;
            if (srv_cbor_skip(r)) {
                goto bad;
            }
        }
        if (left > 0) {
            --left;
        }
    }
    return 0;
bad:
    snprintf(err, err_size, "malformed SenML CBOR record");
    return -1;
}

int srv_senml_cbor_decode(const uint8_t *data, size_t len, srv_records_t *out,
                          char *err, size_t err_size) {
    srv_cbor_reader_t r;
    srv_cbor_reader_init(&r, data, len);
    srv_cbor_item_t arr;
    if (srv_cbor_read(&r, &arr) || arr.kind != SRV_CBOR_ARRAY) {
        snprintf(err, err_size, "SenML CBOR must be an array");
        return -1;
    }
    base_t base;
    memset(&base, 0, sizeof(base));
    srv_buf_init(&base.bn);
    int result = 0;
    int64_t left = container_count(&arr);
    while (left != 0 && !result) {
        if (left < 0 && at_break(&r)) {
            break;
        }
        fields_t f;
        memset(&f, 0, sizeof(f));
        result = cbor_record(&r, &f, err, err_size);
        if (!result) {
            emit(&base, &f, out);
        }
        free(f.value.bytes);
        if (left > 0) {
            --left;
        }
    }
    if (!result && r.p != r.end) {
        snprintf(err, err_size, "trailing data after SenML CBOR");
        result = -1;
    }
    srv_buf_free(&base.bn);
    return result;
}

int srv_lwm2m_json_decode(const uint8_t *data, size_t len, srv_records_t *out,
                          char *err, size_t err_size) {
    srv_json_t *root = srv_json_parse((const char *) data, len, err, err_size);
    if (!root) {
        return -1;
    }
    int result = 0;
    const srv_json_t *bn = srv_json_member(root, "bn");
    const srv_json_t *bt = srv_json_member(root, "bt");
    const srv_json_t *e = srv_json_member(root, "e");
    if (!e || e->kind != SRV_JSON_ARRAY ||
        (bn && bn->kind != SRV_JSON_STRING) ||
        (bt && bt->kind != SRV_JSON_NUMBER)) {
        snprintf(err, err_size, "LwM2M JSON needs an \"e\" array");
        result = -1;
    }
    for (const srv_json_t *r = e ? e->child : NULL; r && !result; r = r->next) {
        const srv_json_t *n = srv_json_member(r, "n");
        const srv_json_t *t = srv_json_member(r, "t");
        const srv_json_t *v = srv_json_member(r, "v");
        const srv_json_t *sv = srv_json_member(r, "sv");
        const srv_json_t *bv = srv_json_member(r, "bv");
        const srv_json_t *ov = srv_json_member(r, "ov");
        srv_buf_t name;
        srv_buf_init(&name);
        if (bn) {
            srv_buf_append(&name, bn->str, bn->str_len);
        }
        if (n && n->kind == SRV_JSON_STRING) {
            srv_buf_append(&name, n->str, n->str_len);
        }
        srv_record_t *rec = srv_records_add(out, srv_buf_cstr(&name));
        srv_buf_free(&name);
        if (v && v->kind == SRV_JSON_NUMBER) {
            set_number_json(rec, v);
        } else if (sv && sv->kind == SRV_JSON_STRING) {
            srv_record_set_bytes(rec, SRV_V_STRING, sv->str, sv->str_len);
        } else if (bv && bv->kind == SRV_JSON_BOOL) {
            rec->type = SRV_V_BOOL;
            rec->b = bv->b;
        } else if (ov && ov->kind == SRV_JSON_STRING) {
            set_objlnk_or_string(rec, ov->str, ov->str_len);
        }
        if ((t && t->kind == SRV_JSON_NUMBER) || bt) {
            rec->has_time = 1;
            rec->time = (t && t->kind == SRV_JSON_NUMBER ? t->num : 0) +
                        (bt ? bt->num : 0);
        }
    }
    srv_json_free(root);
    return result;
}
