/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/* Known byte vectors through the test server's own payload codecs. */
#include "tern_test.h"

#include "server_base64.h"
#include "server_buf.h"
#include "server_decode.h"
#include "server_format.h"
#include "server_json.h"
#include "server_link.h"
#include "server_path.h"
#include "server_payload.h"
#include "server_senml.h"
#include "server_tlv.h"

/* Renders a payload the way a RESPONSE line shows it. */
static char *render(int ct, const void *data, size_t len, const char *path) {
    static srv_buf_t out;
    srv_buf_reset(&out);
    srv_decode_render(ct, (const uint8_t *) data, len, path, &out);
    return (char *) srv_buf_cstr(&out);
}

#define RENDER(ct, bytes, path) render((ct), (bytes), sizeof(bytes), (path))

static void tlv_device_instance(void) {
    static const uint8_t tlv[] = {
            0xc4, 0x00, 'T',  'e',  'r',  'n',              /* /3/0/0 "Tern" */
            0xc1, 0x09, 0x64,                               /* /3/0/9 100 */
            0x86, 0x06, 0x41, 0x00, 0x01, 0x41, 0x01, 0x05, /* /3/0/6 {1, 5} */
            0xc4, 0x0d, 0x65, 0x00, 0x00, 0x00              /* /3/0/13 time */
    };
    TT_STREQ(RENDER(11542, tlv, "/3/0"),
             "/3/0/0=Tern;/3/0/9=100;/3/0/6/0=1;/3/0/6/1=5;"
             "/3/0/13=1694498816");
}

static void tlv_object_wrapper_and_single_resource(void) {
    static const uint8_t object[] = {0x08, 0x00, 0x06, 0xc4, 0x00,
                                     'T',  'e',  'r',  'n'};
    TT_STREQ(RENDER(11542, object, "/3"), "/3/0/0=Tern");
    static const uint8_t single[] = {0xc4, 0x00, 'T', 'e', 'r', 'n'};
    TT_STREQ(RENDER(11542, single, "/3/0/0"), "/3/0/0=Tern");
    static const uint8_t instance[] = {0x41, 0x01, 0x05};
    TT_STREQ(RENDER(11542, instance, "/3/0/6/1"), "/3/0/6/1=5");
}

static void tlv_value_types(void) {
    static const uint8_t dbl[] = {0xc8, 0x00, 0x08, 0x40, 0x4a, 0x40,
                                  0x00, 0x00, 0x00, 0x00, 0x00};
    TT_STREQ(RENDER(11542, dbl, "/6/0"), "/6/0/0=52.5");
    /* 16-bit resource id 5700, 4-byte float */
    static const uint8_t flt[] = {0xe4, 0x16, 0x44, 0x41, 0xac, 0x00, 0x00};
    TT_STREQ(RENDER(11542, flt, "/3303/0"), "/3303/0/5700=21.5");
    static const uint8_t objlnk[] = {0xc4, 0x0a, 0x00, 0x03, 0x00, 0x01};
    TT_STREQ(RENDER(11542, objlnk, "/1/0"), "/1/0/10=3:1");
    static const uint8_t boolean[] = {0xc1, 0x06, 0x01};
    TT_STREQ(RENDER(11542, boolean, "/1/0"), "/1/0/6=true");
    static const uint8_t opaque[] = {0xc3, 0x03, 0x01, 0x02, 0x03};
    TT_STREQ(RENDER(11542, opaque, "/0/0"), "/0/0/3=0x010203");
    static const uint8_t negative[] = {0xc2, 0x0b, 0xff, 0x38};
    TT_STREQ(RENDER(11542, negative, "/3/0"), "/3/0/11=-200");
    /* 8-bit length field, and an unknown resource guessed as text */
    static const uint8_t longer[] = {0xc8, 0x01, 0x0a, '0', '1', '2', '3',
                                     '4',  '5',  '6',  '7', '8', '9'};
    TT_STREQ(RENDER(11542, longer, "/10/0"), "/10/0/1=0123456789");
}

static void tlv_errors(void) {
    static const uint8_t truncated[] = {0xc4, 0x00, 'T'};
    TT_STREQ(RENDER(11542, truncated, "/3/0"),
             "!bad-payload truncated TLV at offset 0 hex=c40054");
    /* A resource entry needs an instance in the request path. */
    static const uint8_t misplaced[] = {0xc1, 0x09, 0x64};
    TT_CHECK(strncmp(RENDER(11542, misplaced, "/3"), "!bad-payload", 12) == 0);
}

static void tlv_encode_from_senml(void) {
    const char *json = "[{\"bn\":\"/3/0/\",\"n\":\"0\",\"vs\":\"Tern\"},"
                       "{\"n\":\"9\",\"v\":100},{\"n\":\"6/0\",\"v\":1},"
                       "{\"n\":\"6/1\",\"v\":5}]";
    static const uint8_t expected[] = {0xc4, 0x00, 'T',  'e',  'r',  'n',
                                       0xc1, 0x09, 0x64, 0x86, 0x06, 0x41,
                                       0x00, 0x01, 0x41, 0x01, 0x05};
    srv_records_t recs;
    srv_records_init(&recs);
    char err[128] = "";
    TT_EQ(srv_senml_json_decode((const uint8_t *) json, strlen(json), &recs,
                                err, sizeof(err)),
          0);
    srv_path_t target;
    TT_EQ(srv_path_parse("/3/0", &target), 0);
    srv_buf_t out;
    srv_buf_init(&out);
    TT_EQ(srv_tlv_encode(&recs, &target, &out, err, sizeof(err)), 0);
    TT_EQ(out.len, sizeof(expected));
    TT_CHECK(memcmp(out.data, expected, sizeof(expected)) == 0);

    srv_buf_reset(&out);
    TT_EQ(srv_path_parse("/3", &target), 0);
    TT_EQ(srv_tlv_encode(&recs, &target, &out, err, sizeof(err)), 0);
    TT_EQ(out.len, sizeof(expected) + 3);
    TT_EQ((uint8_t) out.data[0], 0x08);
    TT_EQ((uint8_t) out.data[2], sizeof(expected));

    /* A float resource written with an integer goes out as a double. */
    srv_records_free(&recs);
    const char *temp = "[{\"n\":\"/3303/0/5700\",\"v\":21}]";
    TT_EQ(srv_senml_json_decode((const uint8_t *) temp, strlen(temp), &recs,
                                err, sizeof(err)),
          0);
    srv_buf_reset(&out);
    TT_EQ(srv_path_parse("/3303/0/5700", &target), 0);
    TT_EQ(srv_tlv_encode(&recs, &target, &out, err, sizeof(err)), 0);
    static const uint8_t temp_tlv[] = {0xe8, 0x16, 0x44, 0x08, 0x40, 0x35,
                                       0x00, 0x00, 0x00, 0x00, 0x00, 0x00};
    TT_EQ(out.len, sizeof(temp_tlv));
    TT_CHECK(memcmp(out.data, temp_tlv, sizeof(temp_tlv)) == 0);

    /* Records outside the target are refused. */
    srv_buf_reset(&out);
    TT_EQ(srv_path_parse("/1/0", &target), 0);
    TT_EQ(srv_tlv_encode(&recs, &target, &out, err, sizeof(err)), -1);
    srv_buf_free(&out);
    srv_records_free(&recs);
}

static void senml_json(void) {
    const char *json =
            "[{\"bn\":\"/3/0/\",\"n\":\"0\",\"vs\":\"Tern\"},"
            "{\"n\":\"9\",\"v\":95},{\"n\":\"13\",\"v\":1.5},"
            "{\"n\":\"x\",\"vb\":true},{\"n\":\"3\",\"vd\":\"AQID\"},"
            "{\"n\":\"22\",\"vlo\":\"3:1\"},"
            "{\"bn\":\"/1/0/\",\"n\":\"1\",\"v\":-60}]";
    TT_STREQ(render(110, json, strlen(json), "/3/0"),
             "/3/0/0=Tern;/3/0/9=95;/3/0/13=1.5;/3/0/x=true;"
             "/3/0/3=0x010203;/3/0/22=3:1;/1/0/1=-60");
    const char *timed = "[{\"bn\":\"/3303/0/\",\"bt\":1000,\"n\":\"5700\","
                        "\"v\":20.5,\"t\":5},{\"n\":\"5701\",\"vs\":\"C\"}]";
    TT_STREQ(render(110, timed, strlen(timed), "/"),
             "/3303/0/5700=20.5@1005;/3303/0/5701=C@1000");
    const char *escaped = "[{\"n\":\"/3/0/0\",\"vs\":\"a\\u00e9\\n\"}]";
    TT_STREQ(render(110, escaped, strlen(escaped), "/"),
             "/3/0/0=a\xc3\xa9\\x0a");
    const char *bad = "[{\"n\":\"/3/0/0\",\"vs\":1}]";
    TT_CHECK(strncmp(render(110, bad, strlen(bad), "/"), "!bad-payload", 12) ==
             0);
    const char *not_json = "[{\"n\":";
    TT_CHECK(strncmp(render(110, not_json, strlen(not_json), "/"),
                     "!bad-payload", 12) == 0);
}

static void senml_cbor(void) {
    static const uint8_t cbor[] = {
            0x82,                                /* array(2) */
            0xa3,                                /* map(3) */
            0x21, 0x65, '/', '3', '/', '0', '/', /* bn: "/3/0/" */
            0x00, 0x61, '0',                     /* n: "0" */
            0x03, 0x64, 'T', 'e', 'r', 'n',      /* vs: "Tern" */
            0xa2,                                /* map(2) */
            0x00, 0x61, '9',                     /* n: "9" */
            0x02, 0x18, 0x5f                     /* v: 95 */
    };
    TT_STREQ(RENDER(112, cbor, "/3/0"), "/3/0/0=Tern;/3/0/9=95");
    static const uint8_t more[] = {
            0x9f,                                             /* array(*) */
            0xa2, 0x00, 0x66, '/',  '6', '/',  '0', '/', '0', /* n */
            0x02, 0xf9, 0x3e, 0x00, /* v: 1.5 (half) */
            0xa2, 0x00, 0x66, '/',  '0', '/',  '0', '/', '3', /* n */
            0x08, 0x42, 0x01, 0x02,                           /* vd: h'0102' */
            0xbf, 0x00, 0x66, '/',  '1', '/',  '0', '/', '6', /* map(*), n */
            0x04, 0xf5, 0xff,                                 /* vb: true */
            0xa2, 0x00, 0x67, '/',  '1', '/',  '0', '/', '1',
            '0',  0x63, 'v',  'l',  'o', 0x63, '3', ':', '0', /* vlo: "3:0" */
            0xff};
    TT_STREQ(RENDER(112, more, "/"),
             "/6/0/0=1.5;/0/0/3=0x0102;/1/0/6=true;/1/0/10=3:0");
    static const uint8_t bad[] = {0x81, 0xa1, 0x00};
    TT_CHECK(strncmp(RENDER(112, bad, "/"), "!bad-payload", 12) == 0);
}

static void senml_cbor_encode_round_trip(void) {
    const char *json = "[{\"n\":\"/3/0/0\",\"vs\":\"Tern\"},"
                       "{\"n\":\"/3/0/9\",\"v\":-5},{\"n\":\"/6/0/0\",\"v\":"
                       "2.25},{\"n\":\"/1/0/6\",\"vb\":false},"
                       "{\"n\":\"/0/0/3\",\"vd\":\"AQI=\"},"
                       "{\"n\":\"/1/0/10\",\"vlo\":\"3:0\"}]";
    srv_records_t recs;
    srv_records_init(&recs);
    char err[128];
    TT_EQ(srv_senml_json_decode((const uint8_t *) json, strlen(json), &recs,
                                err, sizeof(err)),
          0);
    srv_buf_t cbor;
    srv_buf_init(&cbor);
    srv_senml_cbor_encode(&recs, &cbor);
    srv_records_free(&recs);
    TT_STREQ(render(112, cbor.data, cbor.len, "/"),
             "/3/0/0=Tern;/3/0/9=-5;/6/0/0=2.25;/1/0/6=false;/0/0/3=0x0102;"
             "/1/0/10=3:0");
    srv_buf_free(&cbor);
}

static void lwm2m_cbor(void) {
    static const uint8_t nested[] = {0xa1, 0x03, 0xa1, 0x00, 0xa2, 0x00, 0x64,
                                     'T',  'e',  'r',  'n',  0x09, 0x18, 0x5f};
    TT_STREQ(RENDER(11544, nested, "/3"), "/3/0/0=Tern;/3/0/9=95");
    static const uint8_t array_key[] = {0xa1, 0x82, 0x03, 0x00, 0xa1, 0x00,
                                        0x64, 'T',  'e',  'r',  'n'};
    TT_STREQ(RENDER(11544, array_key, "/3/0"), "/3/0/0=Tern");
    static const uint8_t multi[] = {0xa1, 0x83, 0x03, 0x00, 0x06,
                                    0xa2, 0x00, 0x01, 0x01, 0x05};
    TT_STREQ(RENDER(11544, multi, "/3/0/6"), "/3/0/6/0=1;/3/0/6/1=5");
    static const uint8_t typed[] = {0xa1, 0x84, 0x06, 0x00, 0x00,
                                    0x00, 0xfb, 0x40, 0x4a, 0x40,
                                    0x00, 0x00, 0x00, 0x00, 0x00};
    TT_STREQ(RENDER(11544, typed, "/6/0/0"), "/6/0/0/0=52.5");
    static const uint8_t bad[] = {0xa1, 0x03};
    TT_CHECK(strncmp(RENDER(11544, bad, "/3"), "!bad-payload", 12) == 0);
    static const uint8_t not_map[] = {0x64, 'T', 'e', 'r', 'n'};
    TT_CHECK(strncmp(RENDER(11544, not_map, "/3"), "!bad-payload", 12) == 0);
}

static void lwm2m_json(void) {
    const char *json = "{\"bn\":\"/3/0/\",\"e\":[{\"n\":\"0\",\"sv\":\"Tern\"},"
                       "{\"n\":\"9\",\"v\":95},{\"n\":\"6\",\"bv\":false},"
                       "{\"n\":\"22\",\"ov\":\"3:1\"}]}";
    TT_STREQ(render(11543, json, strlen(json), "/3/0"),
             "/3/0/0=Tern;/3/0/9=95;/3/0/6=false;/3/0/22=3:1");
}

static void link_format(void) {
    const char *text =
            "</>;rt=\"oma.lwm2m\";ct=11543,</1/0>,</3/0>,\n </5>;ver=1.1";
    srv_links_t links;
    char err[128] = "";
    char value[32];
    TT_EQ(srv_link_parse(text, strlen(text), &links, err, sizeof(err)), 0);
    TT_EQ(links.count, 4);
    TT_STREQ(links.items[0].uri, "/");
    TT_EQ(srv_link_param(&links.items[0], "rt", value, sizeof(value)), 1);
    TT_STREQ(value, "oma.lwm2m");
    TT_EQ(srv_link_param(&links.items[0], "ct", value, sizeof(value)), 1);
    TT_STREQ(value, "11543");
    TT_EQ(srv_link_param(&links.items[1], "ver", value, sizeof(value)), 0);
    TT_STREQ(links.items[3].uri, "/5");
    TT_EQ(srv_link_param(&links.items[3], "ver", value, sizeof(value)), 1);
    TT_STREQ(value, "1.1");
    srv_buf_t out;
    srv_buf_init(&out);
    srv_links_render(&links, &out);
    TT_STREQ(srv_buf_cstr(&out),
             "</>;rt=\"oma.lwm2m\";ct=11543,</1/0>,</3/0>,</5>;ver=1.1");
    srv_buf_free(&out);
    srv_links_free(&links);

    const char *quoted = "</3/0>;title=\"a,b;c\";obs";
    TT_EQ(srv_link_parse(quoted, strlen(quoted), &links, err, sizeof(err)), 0);
    TT_EQ(links.count, 1);
    TT_EQ(srv_link_param(&links.items[0], "title", value, sizeof(value)), 1);
    TT_STREQ(value, "a,b;c");
    TT_EQ(srv_link_param(&links.items[0], "obs", value, sizeof(value)), 1);
    TT_STREQ(value, "");
    srv_links_free(&links);

    static const char *const bad[] = {"</1/0",    "1/0",     "</1>;",
                                      "</1>,",    "</1>;a=", "</1>;t=\"x",
                                      "</1> </2>"};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); ++i) {
        TT_EQ(srv_link_parse(bad[i], strlen(bad[i]), &links, err, sizeof(err)),
              -1);
    }
    /* Discover output is shown as received. */
    TT_STREQ(render(40, "</3/0/1>,</3/0/2>", 17, "/3/0"), "</3/0/1>,</3/0/2>");
}

static void plain_formats(void) {
    TT_STREQ(render(0, "a b\nc", 5, "/3/0/0"), "a b\\x0ac");
    static const uint8_t opaque[] = {0x00, 0xff, 0x10};
    TT_STREQ(RENDER(42, opaque, "/5/0/0"), "00ff10");
    static const uint8_t cbor_int[] = {0x18, 0x64};
    TT_STREQ(RENDER(60, cbor_int, "/3/0/9"), "100");
    static const uint8_t cbor_text[] = {0x64, 'T', 'e', 'r', 'n'};
    TT_STREQ(RENDER(60, cbor_text, "/3/0/0"), "Tern");
    static const uint8_t cbor_neg[] = {0x38, 0x63};
    TT_STREQ(RENDER(60, cbor_neg, "/3/0/11"), "-100");
    static const uint8_t cbor_time[] = {0xc1, 0x1a, 0x65, 0x00, 0x00, 0x00};
    TT_STREQ(RENDER(60, cbor_time, "/3/0/13"), "1694498816");
    TT_STREQ(render(0, "", 0, "/3/0/0"), "");
}

/* Builds a command's payload and renders it back. */
static char *round_trip(int ct, const char *value, const char *path) {
    static srv_buf_t payload;
    char err[128];
    srv_buf_reset(&payload);
    if (srv_payload_build(ct, value, path, &payload, err, sizeof(err))) {
        return "!error";
    }
    return render(ct, payload.data, payload.len, path);
}

static void command_payloads(void) {
    TT_STREQ(round_trip(0, "hello world", "/3/0/0"), "hello world");
    TT_STREQ(round_trip(42, "0x00ff", "/5/0/0"), "00ff");
    TT_STREQ(round_trip(42, "zz", "/5/0/0"), "!error");
    TT_STREQ(round_trip(60, "-7", "/3/0/9"), "-7");
    TT_STREQ(round_trip(60, "2.5", "/6/0/0"), "2.5");
    TT_STREQ(round_trip(60, "true", "/1/0/6"), "true");
    TT_STREQ(round_trip(60, "\"42\"", "/3/0/0"), "42");
    TT_STREQ(round_trip(60, "Tern", "/3/0/0"), "Tern");
    const char *json = "[{\"n\":\"/3/0/0\",\"vs\":\"Tern\"},"
                       "{\"n\":\"/3/0/6/1\",\"v\":5},"
                       "{\"n\":\"/3/0/3\",\"vd\":\"AQI\"}]";
    TT_STREQ(round_trip(11544, json, "/3/0"),
             "/3/0/0=Tern;/3/0/6/1=5;/3/0/3=0x0102");
    TT_STREQ(round_trip(112, json, "/3/0"),
             "/3/0/0=Tern;/3/0/6/1=5;/3/0/3=0x0102");
    TT_STREQ(round_trip(110, json, "/3/0"),
             "/3/0/0=Tern;/3/0/6/1=5;/3/0/3=0x0102");
    /* TLV carries no types: /3/0/3 is a string resource in the model, so
     * the bytes come back as escaped text. */
    TT_STREQ(round_trip(11542, json, "/3/0"),
             "/3/0/0=Tern;/3/0/6/1=5;/3/0/3=\\x01\\x02");
    TT_STREQ(round_trip(110, "[{\"n\":", "/3/0"), "!error");
    TT_STREQ(round_trip(11542, json, "/4/0"), "!error");
}

static void helpers(void) {
    srv_path_t p;
    char text[SRV_PATH_STR_MAX];
    TT_EQ(srv_path_parse("/", &p), 0);
    TT_EQ(p.depth, 0);
    TT_EQ(srv_path_parse("/3/0/", &p), 0);
    TT_EQ(p.depth, 2);
    TT_EQ(srv_path_parse("/65535/1/2/3", &p), 0);
    srv_path_format(&p, text);
    TT_STREQ(text, "/65535/1/2/3");
    TT_EQ(srv_path_parse("/65536", &p), -1);
    TT_EQ(srv_path_parse("/1/2/3/4/5", &p), -1);
    TT_EQ(srv_path_parse("3/0", &p), -1);
    TT_EQ(srv_path_parse("/3//0", &p), -1);
    TT_EQ(srv_path_parse("/3/a", &p), -1);

    srv_buf_t b;
    srv_buf_init(&b);
    TT_EQ(srv_base64_decode("AQID", 4, &b), 0);
    TT_EQ(b.len, 3);
    srv_buf_reset(&b);
    TT_EQ(srv_base64_decode("_-8", 3, &b), 0);
    TT_EQ(b.len, 2);
    TT_EQ((uint8_t) b.data[0], 0xff);
    TT_EQ((uint8_t) b.data[1], 0xef);
    TT_EQ(srv_base64_decode("A", 1, &b), -1);
    srv_buf_reset(&b);
    static const uint8_t raw[] = {1, 2, 3, 4};
    srv_base64_encode(raw, sizeof(raw), &b);
    TT_STREQ(srv_buf_cstr(&b), "AQIDBA==");
    srv_buf_reset(&b);
    TT_EQ(srv_hex_decode("00fF10", &b), 0);
    TT_EQ(b.len, 3);
    TT_EQ(srv_hex_decode("0", &b), -1);
    TT_EQ(srv_hex_decode("zz", &b), -1);
    srv_buf_free(&b);

    TT_EQ(srv_format_parse("tlv"), 11542);
    TT_EQ(srv_format_parse("senml-cbor"), 112);
    TT_EQ(srv_format_parse("11544"), 11544);
    TT_EQ(srv_format_parse("text/plain"), 0);
    TT_EQ(srv_format_parse("application/vnd.oma.lwm2m+tlv"), 11542);
    TT_STREQ(srv_format_name(11542), "tlv");
    TT_EQ(srv_format_parse("70000"), -1);
    TT_EQ(srv_format_parse("nope"), -1);

    char err[64];
    const char *doc = "{\"a\":[1,2.5,-3e2,\"\\ud83d\\ude00\"]}";
    srv_json_t *j = srv_json_parse(doc, strlen(doc), err, sizeof(err));
    TT_CHECK(j != NULL);
    const srv_json_t *a = srv_json_member(j, "a");
    TT_CHECK(a && a->kind == SRV_JSON_ARRAY);
    TT_CHECK(a->child->is_int && a->child->i == 1);
    TT_CHECK(!a->child->next->is_int);
    TT_CHECK(a->child->next->next->num == -300.0);
    TT_STREQ(a->child->next->next->next->str, "\xf0\x9f\x98\x80");
    srv_json_free(j);
    TT_CHECK(srv_json_parse("[1,]", 4, err, sizeof(err)) == NULL);
    TT_CHECK(srv_json_parse("01", 2, err, sizeof(err)) == NULL);
    TT_CHECK(srv_json_parse("[1] x", 5, err, sizeof(err)) == NULL);
}

int main(void) {
    TT_RUN(tlv_device_instance);
    TT_RUN(tlv_object_wrapper_and_single_resource);
    TT_RUN(tlv_value_types);
    TT_RUN(tlv_errors);
    TT_RUN(tlv_encode_from_senml);
    TT_RUN(senml_json);
    TT_RUN(senml_cbor);
    TT_RUN(senml_cbor_encode_round_trip);
    TT_RUN(lwm2m_cbor);
    TT_RUN(lwm2m_json);
    TT_RUN(link_format);
    TT_RUN(plain_formats);
    TT_RUN(command_payloads);
    TT_RUN(helpers);
    return TT_SUMMARY();
}
