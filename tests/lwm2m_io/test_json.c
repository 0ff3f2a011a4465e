/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include "io_test_util.h"
#include "lwm2m/io/io_json.h"

static int tokenize(const char *text, tern_io_json_token_t *out, size_t max,
                    size_t *count) {
    tern_io_arena_t arena;
    tern_io_arena_init(&arena, 2 * strlen(text) + 8);
    tern_io_json_reader_t r;
    tern_io_json_reader_init(&r, text, strlen(text), &arena);
    *count = 0;
    int result;
    for (;;) {
        tern_io_json_token_t t;
        result = tern_io_json_next(&r, &t);
        if (result) {
            break;
        }
        if (*count < max) {
            out[*count] = t;
        }
        ++*count;
    }
    /* Views into the arena die with it; callers look at kinds and at
     * input-backed views only, except where noted. */
    tern_io_arena_free(&arena);
    return result;
}

static void test_structure(void) {
    tern_io_json_token_t t[16];
    size_t n;
    TT_EQ(tokenize(" [ {\"a\" : 1, \"b\":[true,false,null]} , \"x\" ] ", t, 16,
                   &n),
          TERN_IO_END);
    TT_EQ(n, 13);
    TT_EQ(t[0].kind, TERN_IO_JSON_BEGIN_ARRAY);
    TT_EQ(t[1].kind, TERN_IO_JSON_BEGIN_OBJECT);
    TT_EQ(t[2].kind, TERN_IO_JSON_KEY);
    TT_EQ(t[3].kind, TERN_IO_JSON_NUMBER);
    TT_EQ(t[5].kind, TERN_IO_JSON_BEGIN_ARRAY);
    TT_EQ(t[6].kind, TERN_IO_JSON_BOOL);
    TT_CHECK(t[6].b);
    TT_EQ(t[8].kind, TERN_IO_JSON_NULL);
    TT_EQ(t[9].kind, TERN_IO_JSON_END_ARRAY);
    TT_EQ(t[10].kind, TERN_IO_JSON_END_OBJECT);
    TT_EQ(t[11].kind, TERN_IO_JSON_STRING);
    TT_EQ(tokenize("[]", t, 16, &n), TERN_IO_END);
    TT_EQ(n, 2);
    TT_EQ(tokenize("{}", t, 16, &n), TERN_IO_END);
    TT_EQ(tokenize("7", t, 16, &n), TERN_IO_END);
    TT_EQ(n, 1);
}

static void test_strings(void) {
    tern_io_arena_t arena;
    tern_io_arena_init(&arena, 256);
    tern_io_json_reader_t r;
    tern_io_json_token_t t;
    static const char TEXT[] =
            "[\"plain\",\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\",\"\\u00e9\\u20AC\","
            "\"\\ud83d\\ude00\",\"\xc5\xbc\"]";
    tern_io_json_reader_init(&r, TEXT, sizeof(TEXT) - 1, &arena);
    TT_EQ(tern_io_json_next(&r, &t), TERN_IO_OK);
    TT_EQ(tern_io_json_next(&r, &t), TERN_IO_OK);
    TT_TEXT(t.data, t.len, "plain");
    TT_CHECK(t.data > TEXT && t.data < TEXT + sizeof(TEXT));
    TT_EQ(tern_io_json_next(&r, &t), TERN_IO_OK);
    TT_TEXT(t.data, t.len, "a\"b\\c/d\b\f\n\r\t");
    TT_EQ(tern_io_json_next(&r, &t), TERN_IO_OK);
    TT_TEXT(t.data, t.len, "\xc3\xa9\xe2\x82\xac");
    TT_EQ(tern_io_json_next(&r, &t), TERN_IO_OK);
    TT_TEXT(t.data, t.len, "\xf0\x9f\x98\x80");
    TT_EQ(tern_io_json_next(&r, &t), TERN_IO_OK);
    TT_TEXT(t.data, t.len, "\xc5\xbc");
    tern_io_arena_free(&arena);
}

static void test_numbers(void) {
    static const struct {
        const char *text;
        tern_io_type_t type;
        double d;
    } CASES[] = {
            {"0", TERN_IO_TYPE_INT, 0},
            {"-0", TERN_IO_TYPE_DOUBLE, 0}, /* keeps the sign of zero */
            {"-9223372036854775808", TERN_IO_TYPE_INT, -9223372036854775808.0},
            {"9223372036854775808", TERN_IO_TYPE_UINT, 9223372036854775808.0},
            {"18446744073709551616", TERN_IO_TYPE_DOUBLE,
             18446744073709551616.0},
            {"-9223372036854775809", TERN_IO_TYPE_DOUBLE,
             -9223372036854775809.0},
            {"1.5", TERN_IO_TYPE_DOUBLE, 1.5},
            {"-2.5E-3", TERN_IO_TYPE_DOUBLE, -2.5e-3},
            {"1e2", TERN_IO_TYPE_DOUBLE, 100.0},
            {"0."
             "000000000000000000000000000000000000000000000000000000000000001",
             TERN_IO_TYPE_DOUBLE, 1e-63},
    };
    for (size_t i = 0; i < sizeof(CASES) / sizeof(CASES[0]); ++i) {
        tern_io_json_token_t t[2];
        size_t n;
        TT_EQ(tokenize(CASES[i].text, t, 2, &n), TERN_IO_END);
        TT_EQ(n, 1);
        tern_io_value_t v;
        TT_EQ(tern_io_json_number(&t[0], &v), TERN_IO_OK);
        TT_EQ(v.type, CASES[i].type);
        double d;
        TT_EQ(tern_io_value_get_double(&v, &d), TERN_IO_OK);
        TT_CHECK(d == CASES[i].d);
    }
    tern_io_json_token_t t[2];
    size_t n;
    TT_EQ(tokenize("1e999", t, 2, &n), TERN_IO_END);
    tern_io_value_t v;
    TT_EQ(tern_io_json_number(&t[0], &v), TERN_IO_ERR_RANGE);
}

static void test_malformed(void) {
    static const char *const BAD[] = {
            "",
            "[",
            "]",
            "[1,]",
            "[,1]",
            "{\"a\"}",
            "{\"a\":}",
            "{\"a\" 1}",
            "{1:2}",
            "{\"a\":1,}",
            "[1 2]",
            "01",
            "1.",
            ".5",
            "-",
            "+1",
            "1e",
            "1e+",
            "tru",
            "nul",
            "True",
            "\"abc",
            "\"\\x\"",
            "\"\\u12\"",
            "\"\\u12G4\"",
            "\"\\ud800\"",
            "\"\\udc00\"",
            "\"\\ud800\\u0041\"",
            "\"\x01\"",
            "\"\xff\"",
            "\"\xc3\"",
            "[1]x",
            "1 1",
            "[}",
            "{]",
            "NaN",
            "Infinity",
            "'a'",
            "[1]]",
    };
    for (size_t i = 0; i < sizeof(BAD) / sizeof(BAD[0]); ++i) {
        tern_io_json_token_t t[8];
        size_t n;
        if (tokenize(BAD[i], t, 8, &n) != TERN_IO_ERR_MALFORMED) {
            TT_FAIL_AT__("\"%s\" not rejected", BAD[i]);
        }
    }
    char deep[2 * TERN_IO_MAX_NESTING + 8];
    memset(deep, 0, sizeof(deep));
    memset(deep, '[', TERN_IO_MAX_NESTING + 1);
    tern_io_json_token_t t[4];
    size_t n;
    TT_EQ(tokenize(deep, t, 4, &n), TERN_IO_ERR_LIMIT);
    memset(deep, 0, sizeof(deep));
    memset(deep, '[', TERN_IO_MAX_NESTING);
    memset(deep + TERN_IO_MAX_NESTING, ']', TERN_IO_MAX_NESTING);
    TT_EQ(tokenize(deep, t, 4, &n), TERN_IO_END);
}

static void test_skip(void) {
    static const char TEXT[] = "{\"a\":{\"b\":[1,{\"c\":2}]},\"d\":3}";
    tern_io_json_reader_t r;
    tern_io_json_token_t t;
    tern_io_json_reader_init(&r, TEXT, sizeof(TEXT) - 1, NULL);
    TT_EQ(tern_io_json_next(&r, &t), TERN_IO_OK);
    TT_EQ(tern_io_json_next(&r, &t), TERN_IO_OK);
    TT_EQ(tern_io_json_next(&r, &t), TERN_IO_OK);
    TT_EQ(t.kind, TERN_IO_JSON_BEGIN_OBJECT);
    TT_EQ(tern_io_json_skip(&r, &t), TERN_IO_OK);
    TT_EQ(tern_io_json_next(&r, &t), TERN_IO_OK);
    TT_EQ(t.kind, TERN_IO_JSON_KEY);
    TT_TEXT(t.data, t.len, "d");
    /* Without an arena, escapes are refused rather than copied. */
    tern_io_json_reader_init(&r, "\"\\n\"", 4, NULL);
    TT_EQ(tern_io_json_next(&r, &t), TERN_IO_ERR_MALFORMED);
}

int main(void) {
    TT_RUN(test_structure);
    TT_RUN(test_strings);
    TT_RUN(test_numbers);
    TT_RUN(test_malformed);
    TT_RUN(test_skip);
    return TT_SUMMARY();
}
