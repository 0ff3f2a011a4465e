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

enum {
    F_BN = 1 << 0,
    F_BT = 1 << 1,
    F_N = 1 << 2,
    F_T = 1 << 3,
    F_VALUE = 1 << 4
};

static int malformed(const char *why) {
    io_log(DEBUG, "SenML JSON: %s", why);
    return TERN_IO_ERR_MALFORMED;
}

static bool key_is(const tern_io_json_token_t *key, const char *name) {
    size_t len = strlen(name);
    return key->len == len && memcmp(key->data, name, len) == 0;
}

static int want(const tern_io_json_token_t *token, tern_io_json_kind_t kind) {
    return token->kind == kind ? TERN_IO_OK
                               : malformed("field of the wrong JSON type");
}

static int take_number(const tern_io_json_token_t *token, double *out) {
    int result = want(token, TERN_IO_JSON_NUMBER);
    if (!result) {
        result = tern_io_num_strtod(token->data, token->len, out);
    }
    return result;
}

static int decode_vd(tern_io_dec_t *dec, const tern_io_json_token_t *token,
                     tern_io_value_t *out) {
    size_t len;
    if (tern_io_base64_validate(
                token->data, token->len,
                TERN_IO_B64_STD | TERN_IO_B64_URL | TERN_IO_B64_NO_PAD, &len)) {
        return malformed("\"vd\" is not base64");
    }
    uint8_t *dst;
    int result = tern_io_arena_alloc(&dec->arena, len ? len : 1, &dst);
    if (result) {
        return result;
    }
    tern_io_base64_decode_range(token->data, token->len, 0, dst, len);
    *out = tern_io_value_bytes(dst, len);
    return TERN_IO_OK;
}

/* Reads the members of one record up to and including its '}'. */
static int read_record(tern_io_dec_t *dec, tern_io_senml_record_t *rec) {
    tern_io_json_reader_t *json = &dec->u.senml.r.json;
    unsigned seen = 0;
    for (;;) {
        tern_io_json_token_t key, val;
        int result = tern_io_json_next(json, &key);
        if (result) {
            return result == TERN_IO_END ? TERN_IO_ERR_MALFORMED : result;
        }
        if (key.kind == TERN_IO_JSON_END_OBJECT) {
            return TERN_IO_OK;
        }
        if ((result = tern_io_json_next(json, &val))) {
            return result == TERN_IO_END ? TERN_IO_ERR_MALFORMED : result;
        }
        unsigned field = 0;
        if (key_is(&key, "bn")) {
            field = F_BN;
            if (!(result = want(&val, TERN_IO_JSON_STRING))) {
                rec->bn = val.data;
                rec->bn_len = val.len;
                rec->has_bn = true;
            }
        } else if (key_is(&key, "bt")) {
            field = F_BT;
            rec->has_bt = true;
            result = take_number(&val, &rec->bt);
        } else if (key_is(&key, "n")) {
            field = F_N;
            if (!(result = want(&val, TERN_IO_JSON_STRING))) {
                rec->n = val.data;
                rec->n_len = val.len;
                rec->has_n = true;
            }
        } else if (key_is(&key, "t")) {
            field = F_T;
            rec->has_t = true;
            result = take_number(&val, &rec->t);
        } else if (key_is(&key, "v")) {
            field = F_VALUE;
            if (!(result = want(&val, TERN_IO_JSON_NUMBER))) {
                result = tern_io_json_number(&val, &rec->value);
            }
        } else if (key_is(&key, "vs")) {
            field = F_VALUE;
            if (!(result = want(&val, TERN_IO_JSON_STRING))) {
                rec->value = tern_io_value_string_n(val.data, val.len);
            }
        } else if (key_is(&key, "vb")) {
            field = F_VALUE;
            if (!(result = want(&val, TERN_IO_JSON_BOOL))) {
                rec->value = tern_io_value_bool(val.b);
            }
        } else if (key_is(&key, "vd")) {
            field = F_VALUE;
            if (!(result = want(&val, TERN_IO_JSON_STRING))) {
                result = decode_vd(dec, &val, &rec->value);
            }
        } else if (key_is(&key, "vlo")) {
            field = F_VALUE;
            uint16_t oid, iid;
            if (!(result = want(&val, TERN_IO_JSON_STRING))) {
                if (tern_io_num_parse_objlnk(val.data, val.len, &oid, &iid)) {
                    result = malformed("\"vlo\" is not oid:iid");
                } else {
                    rec->value = tern_io_value_objlnk(oid, iid);
                }
            }
        } else if (key_is(&key, "bv") || key_is(&key, "bs") ||
                   key_is(&key, "s") ||
                   (key.len && key.data[key.len - 1] == '_')) {
            io_log(DEBUG, "SenML JSON: field not supported");
            return TERN_IO_ERR_UNSUPPORTED;
        } else {
            result = tern_io_json_skip(json, &val);
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

int tern_io_senml_json_dec_next(tern_io_dec_t *dec, tern_io_path_t *out_path,
                                tern_io_value_t *out_value) {
    tern_io_senml_dec_t *senml = &dec->u.senml;
    tern_io_json_token_t token;
    int result;
    if (!senml->started) {
        senml->started = true;
        if ((result = tern_io_json_next(&senml->r.json, &token))) {
            return result == TERN_IO_END ? TERN_IO_ERR_MALFORMED : result;
        }
        if (token.kind != TERN_IO_JSON_BEGIN_ARRAY) {
            return malformed("payload is not an array");
        }
    }
    for (;;) {
        if ((result = tern_io_json_next(&senml->r.json, &token))) {
            return result;
        }
        if (token.kind == TERN_IO_JSON_END_ARRAY) {
            result = tern_io_json_next(&senml->r.json, &token);
            return result == TERN_IO_END ? TERN_IO_END
                                         : malformed("data after the array");
        }
        if (token.kind != TERN_IO_JSON_BEGIN_OBJECT) {
            return malformed("record is not an object");
        }
        tern_io_senml_record_t rec;
        memset(&rec, 0, sizeof(rec));
        if ((result = read_record(dec, &rec))) {
            return result;
        }
        result = tern_io_senml_resolve(&senml->base, &rec, &dec->req, out_path,
                                       out_value, &dec->time);
        if (result != TERN_IO_END) {
            return result;
        }
    }
}
