/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/* The message codec: header, token, options, payload, each validation
 * error, and the encodings at the extension boundaries. */

#include <tern/coap_msg.h>

#include "tern_test.h"

static int parse_hex(const char *hex, uint8_t *out, size_t cap) {
    size_t n = 0;
    while (*hex) {
        if (*hex == ' ') {
            ++hex;
            continue;
        }
        unsigned v;
        if (n >= cap || sscanf(hex, "%2x", &v) != 1) {
            return -1;
        }
        out[n++] = (uint8_t) v;
        hex += 2;
    }
    return (int) n;
}

static int udp_parse_hex(const char *hex, tern_coap_msg_t *msg, uint16_t *bad,
                         uint8_t *buf, size_t cap) {
    int n = parse_hex(hex, buf, cap);
    if (n < 0) {
        return 1000;
    }
    return tern_coap_udp_parse(msg, buf, (size_t) n, bad);
}

static void test_header_and_token(void) {
    uint8_t buf[64];
    tern_coap_msg_t msg;
    /* CON GET mid 0x1234, token 0xAABB, Uri-Path "a", payload "xy" */
    TT_EQ(udp_parse_hex("42 01 12 34 AA BB B1 61 FF 78 79", &msg, NULL, buf,
                        sizeof(buf)),
          0);
    TT_EQ(msg.type, TERN_COAP_TYPE_CON);
    TT_EQ(msg.code, TERN_COAP_CODE_GET);
    TT_EQ(msg.msg_id, 0x1234);
    TT_EQ(msg.token.size, 2);
    TT_EQ(msg.token.bytes[0], 0xAA);
    TT_EQ(msg.options_size, 2);
    TT_CHECK(msg.options == buf + 6);
    TT_EQ(msg.payload_size, 2);
    TT_CHECK(msg.payload == buf + 9);
    char path[8];
    TT_EQ(tern_coap_msg_get_string(&msg, TERN_COAP_OPT_URI_PATH, path,
                                   sizeof(path)),
          0);
    TT_STREQ(path, "a");

    /* All four types and an 8-byte token. */
    for (unsigned type = 0; type < 4; ++type) {
        uint8_t raw[12] = {(uint8_t) (0x48 | (type << 4)),
                           0x45,
                           0,
                           1,
                           1,
                           2,
                           3,
                           4,
                           5,
                           6,
                           7,
                           8};
        TT_EQ(tern_coap_udp_parse(&msg, raw, sizeof(raw), NULL), 0);
        TT_EQ(msg.type, type);
        TT_EQ(msg.token.size, 8);
        TT_EQ(msg.token.bytes[7], 8);
        TT_EQ(msg.options_size, 0);
        TT_EQ(msg.payload_size, 0);
    }
}

static void test_validation_errors(void) {
    uint8_t buf[64];
    tern_coap_msg_t msg;
    uint16_t bad = 0;
    /* truncated header */
    TT_EQ(udp_parse_hex("40 01 00", &msg, NULL, buf, sizeof(buf)),
          TERN_COAP_ERR_TRUNCATED);
    /* bad version (2) */
    TT_EQ(udp_parse_hex("80 01 00 01", &msg, NULL, buf, sizeof(buf)),
          TERN_COAP_ERR_VERSION);
    TT_EQ(udp_parse_hex("00 01 00 01", &msg, NULL, buf, sizeof(buf)),
          TERN_COAP_ERR_VERSION);
    /* token length 9..15 */
    for (unsigned tkl = 9; tkl <= 15; ++tkl) {
        uint8_t raw[24] = {(uint8_t) (0x40 | tkl), 0x01, 0, 1};
        TT_EQ(tern_coap_udp_parse(&msg, raw, sizeof(raw), NULL),
              TERN_COAP_ERR_TOKEN_LENGTH);
    }
    /* token longer than the datagram */
    TT_EQ(udp_parse_hex("44 01 00 01 AA BB", &msg, NULL, buf, sizeof(buf)),
          TERN_COAP_ERR_TRUNCATED);
    /* reserved nibble 15 in delta, in length */
    TT_EQ(udp_parse_hex("40 01 00 01 F0", &msg, NULL, buf, sizeof(buf)),
          TERN_COAP_ERR_OPTION_NIBBLE);
    TT_EQ(udp_parse_hex("40 01 00 01 BF 61", &msg, NULL, buf, sizeof(buf)),
          TERN_COAP_ERR_OPTION_NIBBLE);
    /* payload marker with an empty payload */
    TT_EQ(udp_parse_hex("40 01 00 01 FF", &msg, NULL, buf, sizeof(buf)),
          TERN_COAP_ERR_EMPTY_PAYLOAD);
    TT_EQ(udp_parse_hex("40 01 00 01 B1 61 FF", &msg, NULL, buf, sizeof(buf)),
          TERN_COAP_ERR_EMPTY_PAYLOAD);
    /* option value past the end, missing extension bytes */
    TT_EQ(udp_parse_hex("40 01 00 01 B3 61", &msg, NULL, buf, sizeof(buf)),
          TERN_COAP_ERR_TRUNCATED);
    TT_EQ(udp_parse_hex("40 01 00 01 D0", &msg, NULL, buf, sizeof(buf)),
          TERN_COAP_ERR_TRUNCATED);
    TT_EQ(udp_parse_hex("40 01 00 01 E0 00", &msg, NULL, buf, sizeof(buf)),
          TERN_COAP_ERR_TRUNCATED);
    TT_EQ(udp_parse_hex("40 01 00 01 0D", &msg, NULL, buf, sizeof(buf)),
          TERN_COAP_ERR_TRUNCATED);
    /* option number above 65535: 65000 + 1000 */
    TT_EQ(udp_parse_hex("40 01 00 01 E0 FC DB E0 02 DB", &msg, NULL, buf,
                        sizeof(buf)),
          TERN_COAP_ERR_OPTION_NUMBER);
    /* unknown critical option 9 (odd): reported, message usable */
    TT_EQ(udp_parse_hex("42 01 00 07 AB CD 90 FF 01", &msg, &bad, buf,
                        sizeof(buf)),
          TERN_COAP_ERR_CRITICAL_OPTION);
    TT_EQ(bad, 9);
    TT_CHECK(tern_coap_err_is_bad_option(TERN_COAP_ERR_CRITICAL_OPTION));
    TT_EQ(msg.msg_id, 7);
    TT_EQ(msg.token.size, 2);
    TT_EQ(msg.payload_size, 1);
    /* unknown elective option 10 is fine */
    TT_EQ(udp_parse_hex("40 01 00 01 A0", &msg, NULL, buf, sizeof(buf)), 0);
    /* repeated non-repeatable critical option (Uri-Host 3 twice) */
    TT_EQ(udp_parse_hex("40 01 00 01 31 61 01 62", &msg, &bad, buf,
                        sizeof(buf)),
          TERN_COAP_ERR_REPEATED_OPTION);
    TT_EQ(bad, 3);
    /* repeated elective (Content-Format 12 twice) is ignored */
    TT_EQ(udp_parse_hex("40 01 00 01 C0 00", &msg, NULL, buf, sizeof(buf)), 0);
    /* repeatable critical (Uri-Path twice) is fine */
    TT_EQ(udp_parse_hex("40 01 00 01 B1 61 01 62", &msg, NULL, buf,
                        sizeof(buf)),
          0);
    /* Uri-Host of length 0 is out of range, and critical */
    TT_EQ(udp_parse_hex("40 01 00 01 30", &msg, &bad, buf, sizeof(buf)),
          TERN_COAP_ERR_OPTION_LENGTH);
    TT_EQ(bad, 3);
    /* Block2 (23, elective... odd: critical) with 4 bytes */
    TT_EQ(udp_parse_hex("40 01 00 01 D4 0A 00 00 00 10", &msg, &bad, buf,
                        sizeof(buf)),
          TERN_COAP_ERR_OPTION_LENGTH);
    TT_EQ(bad, 23);
    /* Empty message with a token, with an option, with a payload */
    TT_EQ(udp_parse_hex("41 00 00 01 AA", &msg, NULL, buf, sizeof(buf)),
          TERN_COAP_ERR_EMPTY_MESSAGE);
    TT_EQ(udp_parse_hex("40 00 00 01 60", &msg, NULL, buf, sizeof(buf)),
          TERN_COAP_ERR_EMPTY_MESSAGE);
    TT_EQ(udp_parse_hex("40 00 00 01 FF 01", &msg, NULL, buf, sizeof(buf)),
          TERN_COAP_ERR_EMPTY_MESSAGE);
    /* a proper Empty message (ping) */
    TT_EQ(udp_parse_hex("40 00 12 34", &msg, NULL, buf, sizeof(buf)), 0);
    TT_EQ(msg.code, 0);
    TT_EQ(msg.msg_id, 0x1234);
    /* every error has its own description */
    for (int a = TERN_COAP_ERR_NETWORK; a < 0; ++a) {
        for (int b = a + 1; b < 0; ++b) {
            TT_CHECK(strcmp(tern_coap_strerror(a), tern_coap_strerror(b)) != 0);
        }
        TT_CHECK(strcmp(tern_coap_strerror(a), "unknown error") != 0);
    }
}

/* Builds one option with the given number and value size after an option
 * of number @p before (0 = none), checks the wire bytes of the header. */
static void check_option_encoding(uint16_t number, size_t size,
                                  const char *expected_header_hex) {
    uint8_t opts_buf[1024];
    uint8_t value[600];
    memset(value, 'v', sizeof(value));
    tern_coap_opts_t opts;
    tern_coap_opts_init(&opts, opts_buf, sizeof(opts_buf));
    TT_EQ(tern_coap_opts_add_opaque(&opts, number, value, size), 0);
    uint8_t expected[8];
    int n = parse_hex(expected_header_hex, expected, sizeof(expected));
    TT_CHECK(n > 0);
    TT_EQ(opts.size, (size_t) n + size);
    TT_CHECK(memcmp(opts.buf, expected, (size_t) n) == 0);
    /* and it parses back */
    tern_coap_msg_t msg = {0};
    msg.code = TERN_COAP_CODE_GET;
    tern_coap_msg_set_opts(&msg, &opts);
    tern_coap_opt_iter_t it = tern_coap_opt_iter(&msg);
    TT_CHECK(tern_coap_opt_next(&it));
    TT_EQ(it.number, number);
    TT_EQ(it.size, size);
    TT_CHECK(!tern_coap_opt_next(&it));
}

static void test_option_boundaries(void) {
    /* deltas 12, 13, 268, 269 with empty values */
    check_option_encoding(12, 0, "C0");
    check_option_encoding(13, 0, "D0 00");
    check_option_encoding(268, 0, "D0 FF");
    check_option_encoding(269, 0, "E0 00 00");
    check_option_encoding(65535, 0, "E0 FE F2");
    /* lengths 12, 13, 268, 269 */
    check_option_encoding(1, 12, "1C");
    check_option_encoding(1, 13, "1D 00");
    check_option_encoding(1, 268, "1D FF");
    check_option_encoding(1, 269, "1E 00 00");
    /* both extended */
    check_option_encoding(300, 269, "EE 00 1F 00 00");

    /* The same boundaries through a full parse of a datagram. */
    static const struct {
        uint16_t number;
        size_t size;
    } CASES[] = {{12, 12}, {13, 13}, {268, 268}, {269, 269}, {1000, 500}};
    for (size_t i = 0; i < sizeof(CASES) / sizeof(CASES[0]); ++i) {
        uint8_t opts_buf[1024];
        uint8_t value[600];
        uint8_t wire[1200];
        memset(value, 0x5A, sizeof(value));
        tern_coap_opts_t opts;
        tern_coap_opts_init(&opts, opts_buf, sizeof(opts_buf));
        TT_EQ(tern_coap_opts_add_opaque(&opts, CASES[i].number, value,
                                        CASES[i].size),
              0);
        tern_coap_msg_t out = {.type = TERN_COAP_TYPE_NON,
                               .code = TERN_COAP_CODE_CONTENT,
                               .msg_id = 42};
        tern_coap_msg_set_opts(&out, &opts);
        out.payload = (const uint8_t *) "p";
        out.payload_size = 1;
        size_t size;
        TT_EQ(tern_coap_udp_serialize(&out, wire, sizeof(wire), &size), 0);
        TT_EQ(size, tern_coap_udp_size(&out));
        tern_coap_msg_t in;
        uint16_t bad = 0;
        /* odd numbers are unknown critical options: reported, but the
         * message is still fully parsed */
        TT_EQ(tern_coap_udp_parse(&in, wire, size, &bad),
              (CASES[i].number & 1) ? TERN_COAP_ERR_CRITICAL_OPTION : 0);
        TT_EQ(bad, (CASES[i].number & 1) ? CASES[i].number : 0);
        const uint8_t *v;
        size_t vs;
        TT_EQ(tern_coap_msg_find_opt(&in, CASES[i].number, &v, &vs), 0);
        TT_EQ(vs, CASES[i].size);
        TT_EQ(in.payload_size, 1);
        TT_EQ(in.payload[0], 'p');
    }
}

static void test_builder_sorting(void) {
    uint8_t buf[256];
    tern_coap_opts_t opts;
    tern_coap_opts_init(&opts, buf, sizeof(buf));
    /* Out of order, with a repeated option whose order must be kept and a
     * delta crossing the 13 boundary when something is inserted before. */
    TT_EQ(tern_coap_opts_add_uint(&opts, TERN_COAP_OPT_CONTENT_FORMAT,
                                  TERN_COAP_FORMAT_LWM2M_TLV),
          0);
    TT_EQ(tern_coap_opts_add_string(&opts, TERN_COAP_OPT_URI_PATH, "3"), 0);
    TT_EQ(tern_coap_opts_add_uint(&opts, TERN_COAP_OPT_NO_RESPONSE, 2), 0);
    TT_EQ(tern_coap_opts_add_string(&opts, TERN_COAP_OPT_URI_PATH, "0"), 0);
    TT_EQ(tern_coap_opts_add_uint(&opts, TERN_COAP_OPT_OBSERVE, 0), 0);
    TT_EQ(tern_coap_opts_add_string(&opts, TERN_COAP_OPT_URI_HOST, "h"), 0);
    TT_EQ(tern_coap_opts_add_string(&opts, TERN_COAP_OPT_URI_QUERY, "ep=x"), 0);
    static const uint16_t EXPECTED[] = {3, 6, 11, 11, 12, 15, 258};
    tern_coap_msg_t msg = {0};
    tern_coap_msg_set_opts(&msg, &opts);
    tern_coap_opt_iter_t it = tern_coap_opt_iter(&msg);
    size_t n = 0;
    while (tern_coap_opt_next(&it)) {
        TT_CHECK(n < 7);
        TT_EQ(it.number, EXPECTED[n]);
        if (n == 2) {
            TT_CHECK(it.size == 1 && it.value[0] == '3');
        }
        if (n == 3) {
            TT_CHECK(it.size == 1 && it.value[0] == '0');
        }
        if (n == 1) {
            TT_EQ(it.size, 0); /* Observe 0 has no bytes */
        }
        if (n == 4) {
            TT_EQ(it.size, 2); /* 11542 in two bytes */
        }
        ++n;
    }
    TT_EQ(n, 7);
    uint32_t u;
    TT_EQ(tern_coap_msg_get_uint(&msg, TERN_COAP_OPT_CONTENT_FORMAT, &u), 0);
    TT_EQ(u, 11542);
    uint16_t fmt;
    TT_EQ(tern_coap_msg_get_format(&msg, TERN_COAP_OPT_CONTENT_FORMAT, &fmt),
          0);
    TT_EQ(fmt, TERN_COAP_FORMAT_LWM2M_TLV);
    TT_EQ(tern_coap_msg_get_format(&msg, TERN_COAP_OPT_ACCEPT, &fmt), 0);
    TT_EQ(fmt, TERN_COAP_FORMAT_NONE);
    TT_EQ(tern_coap_msg_get_uint(&msg, TERN_COAP_OPT_MAX_AGE, &u),
          TERN_COAP_ERR_NOT_FOUND);

    /* A parse of the built list agrees (no validation error). */
    uint8_t wire[300];
    size_t size;
    msg.type = TERN_COAP_TYPE_CON;
    msg.code = TERN_COAP_CODE_GET;
    TT_EQ(tern_coap_udp_serialize(&msg, wire, sizeof(wire), &size), 0);
    tern_coap_msg_t parsed;
    TT_EQ(tern_coap_udp_parse(&parsed, wire, size, NULL), 0);
    TT_EQ(parsed.options_size, opts.size);
    TT_CHECK(memcmp(parsed.options, opts.buf, opts.size) == 0);

    /* Removing options re-encodes the following delta. */
    tern_coap_opts_remove(&opts, TERN_COAP_OPT_URI_PATH);
    tern_coap_opts_remove(&opts, TERN_COAP_OPT_OBSERVE);
    tern_coap_opts_remove(&opts, 999); /* absent: no-op */
    tern_coap_msg_set_opts(&msg, &opts);
    static const uint16_t AFTER[] = {3, 12, 15, 258};
    it = tern_coap_opt_iter(&msg);
    n = 0;
    while (tern_coap_opt_next(&it)) {
        TT_CHECK(n < 4);
        TT_EQ(it.number, AFTER[n]);
        ++n;
    }
    TT_EQ(n, 4);
    tern_coap_opts_remove(&opts, TERN_COAP_OPT_NO_RESPONSE);
    tern_coap_opts_remove(&opts, TERN_COAP_OPT_URI_HOST);
    tern_coap_msg_set_opts(&msg, &opts);
    /* Content-Format is now first: delta 12, one byte header + 2 value */
    TT_EQ(opts.size, 1 + 2 + 1 + 4);
    TT_EQ(opts.buf[0], 0xC2);

    /* uint minimal lengths */
    static const struct {
        uint32_t value;
        size_t size;
    } UINTS[] = {{0, 0},        {1, 1},         {255, 1},
                 {256, 2},      {65535, 2},     {65536, 3},
                 {0xFFFFFF, 3}, {0x1000000, 4}, {0xFFFFFFFF, 4}};
    for (size_t i = 0; i < sizeof(UINTS) / sizeof(UINTS[0]); ++i) {
        tern_coap_opts_init(&opts, buf, sizeof(buf));
        TT_EQ(tern_coap_opts_add_uint(&opts, TERN_COAP_OPT_SIZE1,
                                      UINTS[i].value),
              0);
        tern_coap_msg_set_opts(&msg, &opts);
        const uint8_t *v;
        size_t vs;
        TT_EQ(tern_coap_msg_find_opt(&msg, TERN_COAP_OPT_SIZE1, &v, &vs), 0);
        TT_EQ(vs, UINTS[i].size);
        TT_EQ(tern_coap_msg_get_uint(&msg, TERN_COAP_OPT_SIZE1, &u), 0);
        TT_EQ(u, UINTS[i].value);
    }

    /* no space */
    uint8_t tiny[3];
    tern_coap_opts_init(&opts, tiny, sizeof(tiny));
    TT_EQ(tern_coap_opts_add_string(&opts, TERN_COAP_OPT_URI_PATH, "ab"), 0);
    TT_EQ(tern_coap_opts_add_string(&opts, TERN_COAP_OPT_URI_PATH, "c"),
          TERN_COAP_ERR_NO_SPACE);
    TT_EQ(opts.size, 3);
    /* insertion in front that would overflow leaves the list intact */
    TT_EQ(tern_coap_opts_add_empty(&opts, TERN_COAP_OPT_IF_NONE_MATCH),
          TERN_COAP_ERR_NO_SPACE);
    TT_EQ(opts.size, 3);
    TT_EQ(tiny[0], 0xB2);
}

static void test_path_and_copy(void) {
    uint8_t buf[128];
    uint8_t buf2[128];
    tern_coap_opts_t opts;
    tern_coap_opts_init(&opts, buf, sizeof(buf));
    TT_EQ(tern_coap_opts_add_path(&opts, "/rd/5a3f"), 0);
    TT_EQ(tern_coap_opts_add_uint(&opts, TERN_COAP_OPT_BLOCK2, 0x16), 0);
    tern_coap_msg_t msg = {0};
    tern_coap_msg_set_opts(&msg, &opts);
    tern_coap_opt_iter_t it = tern_coap_opt_iter(&msg);
    char seg[16];
    TT_CHECK(tern_coap_opt_next(&it));
    TT_EQ(tern_coap_opt_string(&it, seg, sizeof(seg)), 0);
    TT_STREQ(seg, "rd");
    TT_CHECK(tern_coap_opt_next(&it));
    TT_EQ(tern_coap_opt_string(&it, seg, sizeof(seg)), 0);
    TT_STREQ(seg, "5a3f");
    TT_EQ(tern_coap_opt_string(&it, seg, 4), TERN_COAP_ERR_NO_SPACE);

    tern_coap_opts_t copy;
    tern_coap_opts_init(&copy, buf2, sizeof(buf2));
    uint16_t skip[] = {TERN_COAP_OPT_BLOCK2};
    TT_EQ(tern_coap_opts_copy(&copy, &msg, skip, 1), 0);
    TT_EQ(copy.size, 3 + 5);

    tern_coap_opts_init(&opts, buf, sizeof(buf));
    TT_EQ(tern_coap_opts_add_path(&opts, "/"), 0);
    TT_EQ(opts.size, 0);
    TT_EQ(tern_coap_opts_add_path(&opts, "a//b"), 0);
    tern_coap_msg_set_opts(&msg, &opts);
    it = tern_coap_opt_iter(&msg);
    size_t count = 0;
    while (tern_coap_opt_next(&it)) {
        ++count;
    }
    TT_EQ(count, 3);
}

static void test_block_options(void) {
    static const tern_coap_block_t BLOCKS[] = {
            {0, false, 0},   {0, true, 6},       {1, false, 2},
            {15, true, 4},   {16, false, 6},     {4095, true, 5},
            {4096, true, 6}, {0xFFFFF, false, 6}};
    static const size_t SIZES[] = {0, 1, 1, 1, 2, 2, 3, 3};
    for (size_t i = 0; i < sizeof(BLOCKS) / sizeof(BLOCKS[0]); ++i) {
        uint8_t buf[16];
        tern_coap_opts_t opts;
        tern_coap_opts_init(&opts, buf, sizeof(buf));
        TT_EQ(tern_coap_opts_add_block(&opts, TERN_COAP_OPT_BLOCK1, &BLOCKS[i]),
              0);
        tern_coap_msg_t msg = {0};
        tern_coap_msg_set_opts(&msg, &opts);
        const uint8_t *v;
        size_t vs;
        TT_EQ(tern_coap_msg_find_opt(&msg, TERN_COAP_OPT_BLOCK1, &v, &vs), 0);
        TT_EQ(vs, SIZES[i]);
        tern_coap_block_t out;
        TT_EQ(tern_coap_msg_get_block(&msg, TERN_COAP_OPT_BLOCK1, false, &out),
              0);
        TT_EQ(out.num, BLOCKS[i].num);
        TT_EQ(out.more, BLOCKS[i].more);
        TT_EQ(out.szx, BLOCKS[i].szx);
    }
    tern_coap_block_t bad = {TERN_COAP_BLOCK_MAX_NUM + 1, false, 0};
    uint8_t buf[16];
    tern_coap_opts_t opts;
    tern_coap_opts_init(&opts, buf, sizeof(buf));
    TT_EQ(tern_coap_opts_add_block(&opts, TERN_COAP_OPT_BLOCK2, &bad),
          TERN_COAP_ERR_INVALID);
    /* BERT only where allowed */
    tern_coap_block_t bert = {3, true, TERN_COAP_BLOCK_SZX_BERT};
    TT_EQ(tern_coap_opts_add_block(&opts, TERN_COAP_OPT_BLOCK2, &bert), 0);
    tern_coap_msg_t msg = {0};
    tern_coap_msg_set_opts(&msg, &opts);
    tern_coap_block_t out;
    TT_EQ(tern_coap_msg_get_block(&msg, TERN_COAP_OPT_BLOCK2, false, &out),
          TERN_COAP_ERR_OPTION_LENGTH);
    TT_EQ(tern_coap_msg_get_block(&msg, TERN_COAP_OPT_BLOCK2, true, &out), 0);
    TT_CHECK(tern_coap_block_is_bert(&out));
    TT_EQ(tern_coap_block_size(out.szx), 1024);
    TT_EQ(out.num, 3);
    /* sizes */
    TT_EQ(tern_coap_block_size(0), 16);
    TT_EQ(tern_coap_block_size(6), 1024);
    TT_EQ(tern_coap_block_szx_for_size(15), -1);
    TT_EQ(tern_coap_block_szx_for_size(16), 0);
    TT_EQ(tern_coap_block_szx_for_size(1023), 5);
    TT_EQ(tern_coap_block_szx_for_size(100000), 6);
}

static void test_serialize_errors(void) {
    uint8_t wire[32];
    size_t size;
    tern_coap_msg_t msg = {0};
    msg.token.size = 9;
    TT_EQ(tern_coap_udp_serialize(&msg, wire, sizeof(wire), &size),
          TERN_COAP_ERR_TOKEN_LENGTH);
    TT_EQ(tern_coap_tcp_serialize(&msg, wire, sizeof(wire), &size),
          TERN_COAP_ERR_TOKEN_LENGTH);
    msg.token.size = 1;
    TT_EQ(tern_coap_udp_serialize(&msg, wire, sizeof(wire), &size),
          TERN_COAP_ERR_EMPTY_MESSAGE);
    msg.token.size = 0;
    msg.type = 4;
    TT_EQ(tern_coap_udp_serialize(&msg, wire, sizeof(wire), &size),
          TERN_COAP_ERR_INVALID);
    msg.type = TERN_COAP_TYPE_RST;
    TT_EQ(tern_coap_udp_serialize(&msg, wire, sizeof(wire), &size), 0);
    TT_EQ(size, 4);
    TT_EQ(wire[0], 0x70);
    msg.code = TERN_COAP_CODE_CONTENT;
    msg.payload = (const uint8_t *) "0123456789";
    msg.payload_size = 10;
    TT_EQ(tern_coap_udp_serialize(&msg, wire, 14, &size),
          TERN_COAP_ERR_NO_SPACE);
    TT_EQ(tern_coap_udp_serialize(&msg, wire, 15, &size), 0);
    TT_EQ(size, 15);
    TT_EQ(wire[4], 0xFF);
}

static void test_tcp_framing(void) {
    /* Length field boundaries: body sizes 12, 13, 268, 269, 65804, 65805 */
    static const struct {
        size_t payload; /* body = payload + 1 marker */
        uint8_t nibble;
        size_t ext;
    } CASES[] = {{11, 12, 0},    {12, 13, 1},    {267, 13, 1},   {268, 14, 2},
                 {65803, 14, 2}, {65804, 15, 4}, {100000, 15, 4}};
    static uint8_t payload[100000];
    static uint8_t wire[100100];
    memset(payload, 0xA5, sizeof(payload));
    for (size_t i = 0; i < sizeof(CASES) / sizeof(CASES[0]); ++i) {
        tern_coap_msg_t msg = {0};
        msg.code = TERN_COAP_CODE_CONTENT;
        msg.token.size = 3;
        msg.token.bytes[0] = 1;
        msg.payload = payload;
        msg.payload_size = CASES[i].payload;
        size_t size;
        TT_EQ(tern_coap_tcp_serialize(&msg, wire, sizeof(wire), &size), 0);
        TT_EQ(size, tern_coap_tcp_size(&msg));
        TT_EQ(size, 1 + CASES[i].ext + 1 + 3 + 1 + CASES[i].payload);
        TT_EQ(wire[0] >> 4, CASES[i].nibble);
        TT_EQ(wire[0] & 0x0F, 3);
        uint64_t frame;
        /* not enough bytes to know the size yet */
        if (CASES[i].ext) {
            TT_EQ(tern_coap_tcp_frame_size(wire, CASES[i].ext, &frame),
                  TERN_COAP_ERR_TRUNCATED);
        }
        TT_EQ(tern_coap_tcp_frame_size(wire, 1 + CASES[i].ext, &frame), 0);
        TT_EQ(frame, size);
        tern_coap_msg_t in;
        TT_EQ(tern_coap_tcp_parse(&in, wire, size, NULL), 0);
        TT_EQ(in.code, TERN_COAP_CODE_CONTENT);
        TT_EQ(in.payload_size, CASES[i].payload);
        TT_EQ(in.token.size, 3);
        TT_EQ(tern_coap_tcp_parse(&in, wire, size - 1, NULL),
              TERN_COAP_ERR_TRUNCATED);
    }
    uint8_t bad_tkl[] = {0x09, 0x45};
    uint64_t frame;
    TT_EQ(tern_coap_tcp_frame_size(bad_tkl, sizeof(bad_tkl), &frame),
          TERN_COAP_ERR_TOKEN_LENGTH);
    TT_EQ(tern_coap_tcp_frame_size(bad_tkl, 0, &frame),
          TERN_COAP_ERR_TRUNCATED);
    /* 4-byte extension at its maximum does not overflow */
    uint8_t huge[] = {0xF0, 0xFF, 0xFF, 0xFF, 0xFF};
    TT_EQ(tern_coap_tcp_frame_size(huge, sizeof(huge), &frame), 0);
    TT_EQ(frame, 6 + 65805ull + 0xFFFFFFFFull);

    /* CSM with Max-Message-Size and Block-Wise-Transfer */
    uint8_t opts_buf[16];
    tern_coap_opts_t opts;
    tern_coap_opts_init(&opts, opts_buf, sizeof(opts_buf));
    TT_EQ(tern_coap_opts_add_uint(&opts, TERN_COAP_OPT_MAX_MESSAGE_SIZE, 1152),
          0);
    TT_EQ(tern_coap_opts_add_empty(&opts, TERN_COAP_OPT_BLOCK_WISE_TRANSFER),
          0);
    tern_coap_msg_t csm = {0};
    csm.code = TERN_COAP_CODE_CSM;
    tern_coap_msg_set_opts(&csm, &opts);
    size_t size;
    TT_EQ(tern_coap_tcp_serialize(&csm, wire, sizeof(wire), &size), 0);
    tern_coap_msg_t in;
    TT_EQ(tern_coap_tcp_parse(&in, wire, size, NULL), 0);
    uint32_t mms;
    TT_EQ(tern_coap_msg_get_uint(&in, TERN_COAP_OPT_MAX_MESSAGE_SIZE, &mms), 0);
    TT_EQ(mms, 1152);
    TT_CHECK(tern_coap_msg_has_opt(&in, TERN_COAP_OPT_BLOCK_WISE_TRANSFER));
    /* a critical unknown option in a signaling message: 7.01 option 3 */
    uint8_t sig[] = {0x10, 0xE1, 0x30};
    uint16_t bad;
    TT_EQ(tern_coap_tcp_parse(&in, sig, sizeof(sig), &bad),
          TERN_COAP_ERR_CRITICAL_OPTION);
    TT_EQ(bad, 3);
    /* trailing bytes of the next frame */
    uint8_t two[] = {0x00, 0x45, 0x00};
    TT_EQ(tern_coap_tcp_parse(&in, two, sizeof(two), NULL),
          TERN_COAP_ERR_INVALID);
}

int main(void) {
    TT_RUN(test_header_and_token);
    TT_RUN(test_validation_errors);
    TT_RUN(test_option_boundaries);
    TT_RUN(test_builder_sorting);
    TT_RUN(test_path_and_copy);
    TT_RUN(test_block_options);
    TT_RUN(test_serialize_errors);
    TT_RUN(test_tcp_framing);
    return TT_SUMMARY();
}
