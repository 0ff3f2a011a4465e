/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/* Every value type, with its edge values, through every format that can
 * carry it and back. */

#include <float.h>

#include "io_test_util.h"

static uint8_t ALL_BYTES[256];

static size_t build_values(tern_io_value_t *v, bool finite_only) {
    size_t n = 0;
    for (int i = 0; i < 256; ++i) {
        ALL_BYTES[i] = (uint8_t) i;
    }
    v[n++] = tern_io_value_int(0);
    v[n++] = tern_io_value_int(-1);
    v[n++] = tern_io_value_int(INT64_MIN);
    v[n++] = tern_io_value_int(INT64_MAX);
    v[n++] = tern_io_value_uint(0);
    v[n++] = tern_io_value_uint(UINT64_MAX);
    v[n++] = tern_io_value_uint((uint64_t) INT64_MAX + 1);
    v[n++] = tern_io_value_double(0.1);
    v[n++] = tern_io_value_double(-0.0);
    v[n++] = tern_io_value_double(1e300);
    v[n++] = tern_io_value_double(-DBL_MAX);
    v[n++] = tern_io_value_double(DBL_MIN);
    v[n++] = tern_io_value_double(4.9406564584124654e-324);
    v[n++] = tern_io_value_double(65504.0);
    v[n++] = tern_io_value_double(1.0f / 3.0f);
    if (!finite_only) {
        v[n++] = tern_io_value_double(NAN);
        v[n++] = tern_io_value_double(INFINITY);
        v[n++] = tern_io_value_double(-INFINITY);
    }
    v[n++] = tern_io_value_bool(true);
    v[n++] = tern_io_value_bool(false);
    v[n++] = tern_io_value_string("");
    v[n++] = tern_io_value_string("hello");
    v[n++] = tern_io_value_string("za\xc5\xbc\xc3\xb3\xc5\x82\xc4\x87 "
                                  "\"q\" \\ \n\t\x01 \xf0\x9f\x98\x80");
    v[n++] = tern_io_value_bytes("", 0);
    v[n++] = tern_io_value_bytes(ALL_BYTES, sizeof(ALL_BYTES));
    v[n++] = tern_io_value_objlnk(0, 0);
    v[n++] = tern_io_value_objlnk(65535, 65535);
    v[n++] = tern_io_value_time(1700000000);
    v[n++] = tern_io_value_time(-1);
    return n;
}

/* Reads @p got back as the type of @p want and compares. */
static void check_same(const tern_io_value_t *want, const tern_io_value_t *got,
                       size_t index) {
    int64_t i;
    uint64_t u;
    double d;
    bool b;
    const char *s;
    size_t len;
    tern_io_objlnk_t o;
    switch (want->type) {
        case TERN_IO_TYPE_INT:
        case TERN_IO_TYPE_TIME:
            TT_EQ(tern_io_value_get_int(got, &i), TERN_IO_OK);
            if (i != want->u.i) {
                TT_FAIL_AT__("entry %zu: int differs", index);
            }
            break;
        case TERN_IO_TYPE_UINT:
            TT_EQ(tern_io_value_get_uint(got, &u), TERN_IO_OK);
            if (u != want->u.u) {
                TT_FAIL_AT__("entry %zu: uint differs", index);
            }
            break;
        case TERN_IO_TYPE_DOUBLE:
            TT_EQ(tern_io_value_get_double(got, &d), TERN_IO_OK);
            if (isnan(want->u.d) ? !isnan(d)
                                 : (d != want->u.d ||
                                    signbit(d) != signbit(want->u.d))) {
                TT_FAIL_AT__("entry %zu: double %.17g read back as %.17g",
                             index, want->u.d, d);
            }
            break;
        case TERN_IO_TYPE_BOOL:
            TT_EQ(tern_io_value_get_bool(got, &b), TERN_IO_OK);
            TT_EQ(b, want->u.b);
            break;
        case TERN_IO_TYPE_STRING:
            TT_EQ(tern_io_value_get_string(got, &s, &len), TERN_IO_OK);
            TT_BYTES(s, len, want->u.view.data, want->u.view.len);
            break;
        case TERN_IO_TYPE_BYTES: {
            uint8_t buf[300];
            size_t offset = 0, n;
            bool finished;
            TT_EQ(tern_io_value_read_bytes(got, &offset, buf, sizeof(buf), &n,
                                           &finished),
                  TERN_IO_OK);
            TT_CHECK(finished);
            TT_BYTES(buf, n, want->u.view.data, want->u.view.len);
            break;
        }
        case TERN_IO_TYPE_OBJLNK:
            TT_EQ(tern_io_value_get_objlnk(got, &o), TERN_IO_OK);
            TT_EQ(o.oid, want->u.objlnk.oid);
            TT_EQ(o.iid, want->u.objlnk.iid);
            break;
        default:
            TT_FAIL_AT__("unexpected type");
    }
}

static void roundtrip_hierarchical(uint16_t format, bool finite_only) {
    tern_io_value_t values[40];
    size_t count = build_values(values, finite_only);
    entry_t in[48];
    size_t n = 0;
    /* Half as Resources of /3/0, half as instances of Multiple Resource 100
     * of /3/1, so both nesting shapes are exercised. */
    for (size_t i = 0; i < count; ++i) {
        in[n].path =
                i % 2 ? tern_io_path_resource_instance(3, 1, 100, (uint16_t) i)
                      : tern_io_path_resource(3, 0, (uint16_t) (i + 300));
        in[n].value = values[i];
        ++n;
    }
    /* Ascending order: all of /3/0 first. */
    entry_t sorted[48];
    size_t k = 0;
    for (size_t i = 0; i < n; ++i) {
        if (in[i].path.ids[1] == 0) {
            sorted[k++] = in[i];
        }
    }
    for (size_t i = 0; i < n; ++i) {
        if (in[i].path.ids[1] == 1) {
            sorted[k++] = in[i];
        }
    }
    tern_io_buf_t buf;
    tern_io_buf_init_growable(&buf, 1 << 16);
    tern_io_path_t base = tern_io_path_object(3);
    size_t len;
    TT_EQ(encode_all(format, &base, sorted, n, &buf, &len), TERN_IO_OK);
    entry_t out[48];
    size_t got;
    TT_EQ(decode_all(format, &base, buf.data, len, out, 48, &got), TERN_IO_END);
    TT_EQ(got, n);
    for (size_t i = 0; i < n; ++i) {
        TT_CHECK(tern_io_path_equal(&out[i].path, &sorted[i].path));
        check_same(&sorted[i].value, &out[i].value, i);
        if (tt_current_failed__) {
            break;
        }
    }
    tern_io_buf_release(&buf);
}

static void test_tlv(void) {
    roundtrip_hierarchical(TERN_IO_FMT_TLV, false);
}

static void test_senml_json(void) {
    roundtrip_hierarchical(TERN_IO_FMT_SENML_JSON, true);
}

static void test_senml_cbor(void) {
    roundtrip_hierarchical(TERN_IO_FMT_SENML_CBOR, false);
}

static void test_lwm2m_cbor(void) {
    roundtrip_hierarchical(TERN_IO_FMT_LWM2M_CBOR, false);
}

static void roundtrip_single(uint16_t format) {
    tern_io_value_t values[40];
    size_t count = build_values(values, false);
    tern_io_path_t path = tern_io_path_resource(3, 0, 1);
    for (size_t i = 0; i < count; ++i) {
        if (format == TERN_IO_FMT_OPAQUE &&
            values[i].type != TERN_IO_TYPE_BYTES) {
            continue;
        }
        tern_io_buf_t buf;
        tern_io_buf_init_growable(&buf, 4096);
        entry_t e = {path, values[i]};
        size_t len;
        TT_EQ(encode_all(format, &path, &e, 1, &buf, &len), TERN_IO_OK);
        entry_t out[2];
        size_t got;
        int r = decode_all(format, &path, buf.data, len, out, 2, &got);
        tern_io_buf_release(&buf);
        TT_EQ(r, TERN_IO_END);
        TT_EQ(got, 1);
        check_same(&values[i], &out[0].value, i);
    }
}

static void test_text(void) {
    roundtrip_single(TERN_IO_FMT_TEXT);
}

static void test_cbor(void) {
    roundtrip_single(TERN_IO_FMT_CBOR);
}

static void test_opaque(void) {
    roundtrip_single(TERN_IO_FMT_OPAQUE);
}

int main(void) {
    TT_RUN(test_tlv);
    TT_RUN(test_senml_json);
    TT_RUN(test_senml_cbor);
    TT_RUN(test_lwm2m_cbor);
    TT_RUN(test_text);
    TT_RUN(test_cbor);
    TT_RUN(test_opaque);
    return TT_SUMMARY();
}
