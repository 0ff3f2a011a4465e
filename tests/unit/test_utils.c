/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include <avsystem/commons/avs_memory.h>
#include <avsystem/commons/avs_utils.h>

#include "tern_test.h"

static void memory(void) {
    unsigned char *buf = (unsigned char *) avs_calloc(16, 4);
    size_t i;
    TT_CHECK(buf);
    for (i = 0; i < 64; ++i) {
        TT_EQ(buf[i], 0);
    }
    buf = (unsigned char *) avs_realloc(buf, 128);
    TT_CHECK(buf);
    buf[127] = 1;
    avs_free(buf);
    avs_free(NULL);
    /* nmemb * size wraps around to a small number: must fail, not succeed
     * with a tiny buffer. */
    TT_CHECK(avs_calloc(SIZE_MAX / 2 + 2, 2) == NULL);
    buf = (unsigned char *) avs_malloc(10);
    TT_CHECK(buf);
    avs_free(buf);
}

static int call_vsnprintf(char *out, size_t size, const char *fmt, ...) {
    int result;
    va_list ap;
    va_start(ap, fmt);
    result = avs_simple_vsnprintf(out, size, fmt, ap);
    va_end(ap);
    return result;
}

static void simple_snprintf(void) {
    char buf[8];
    TT_EQ(avs_simple_snprintf(buf, sizeof(buf), "%d-%s", 12, "ab"), 5);
    TT_STREQ(buf, "12-ab");
    /* Exactly filling the buffer (7 characters + NUL) still succeeds. */
    TT_EQ(avs_simple_snprintf(buf, sizeof(buf), "%s", "1234567"), 7);
    TT_EQ(avs_simple_snprintf(buf, sizeof(buf), "%s", "12345678"), -1);
    TT_EQ(avs_simple_snprintf(buf, 0, "%s", ""), -1);
    TT_EQ(avs_simple_snprintf(NULL, 0, "x"), -1);
    TT_EQ(call_vsnprintf(buf, sizeof(buf), "%u", 42u), 2);
    TT_STREQ(buf, "42");
    TT_EQ(call_vsnprintf(buf, sizeof(buf), "%s", "too long for this"), -1);
}

static void strdup_and_strcasecmp(void) {
    char *copy = avs_strdup("Tern");
    TT_STREQ(copy, "Tern");
    avs_free(copy);
    TT_CHECK(avs_strdup(NULL) == NULL);
    TT_EQ(avs_strcasecmp("Content-Format", "content-FORMAT"), 0);
    TT_CHECK(avs_strcasecmp("abc", "abd") < 0);
    TT_CHECK(avs_strcasecmp("ABD", "abc") > 0);
    TT_CHECK(avs_strcasecmp("ab", "abc") < 0);
    TT_CHECK(avs_strcasecmp("abc", "AB") > 0);
    TT_EQ(avs_strcasecmp("", ""), 0);
}

static void hexlify(void) {
    static const uint8_t DATA[] = {0x00, 0x1f, 0xa0, 0xff};
    char hex[9];
    char small[6];
    size_t done = 99;
    TT_EQ(avs_hexlify(hex, sizeof(hex), &done, DATA, sizeof(DATA)), 0);
    TT_STREQ(hex, "001fa0ff");
    TT_EQ(done, 4);
    /* Only whole bytes that fit, always terminated. */
    TT_EQ(avs_hexlify(small, sizeof(small), &done, DATA, sizeof(DATA)), 0);
    TT_STREQ(small, "001f");
    TT_EQ(done, 2);
    TT_EQ(avs_hexlify(small, 1, &done, DATA, sizeof(DATA)), 0);
    TT_STREQ(small, "");
    TT_EQ(done, 0);
    TT_EQ(avs_hexlify(hex, sizeof(hex), NULL, DATA, 0), 0);
    TT_STREQ(hex, "");
    TT_EQ(avs_hexlify(NULL, 10, &done, DATA, sizeof(DATA)), -1);
    TT_EQ(avs_hexlify(hex, 0, &done, DATA, sizeof(DATA)), -1);
}

static void unhexlify(void) {
    uint8_t out[4] = {0xEE, 0xEE, 0xEE, 0xEE};
    size_t written = 99;
    TT_EQ(avs_unhexlify(&written, out, sizeof(out), "0aFf10", 6), 0);
    TT_EQ(written, 3);
    TT_EQ(out[0], 0x0a);
    TT_EQ(out[1], 0xff);
    TT_EQ(out[2], 0x10);
    TT_EQ(out[3], 0xEE);
    TT_EQ(avs_unhexlify(&written, out, sizeof(out), "", 0), 0);
    TT_EQ(written, 0);
    TT_EQ(avs_unhexlify(&written, out, sizeof(out), "abc", 3), -1);
    TT_EQ(avs_unhexlify(&written, out, sizeof(out), "0g", 2), -1);
    TT_EQ(avs_unhexlify(&written, out, sizeof(out), "0x12", 4), -1);
    TT_EQ(avs_unhexlify(&written, out, 2, "001122", 6), -1);
    /* Failures leave the output alone. */
    TT_EQ(out[0], 0x0a);
}

static void hex_round_trip(void) {
    uint8_t data[256];
    uint8_t back[256];
    char hex[513];
    size_t n;
    size_t i;
    for (i = 0; i < sizeof(data); ++i) {
        data[i] = (uint8_t) (255 - i);
    }
    TT_EQ(avs_hexlify(hex, sizeof(hex), &n, data, sizeof(data)), 0);
    TT_EQ(n, sizeof(data));
    TT_EQ(strlen(hex), 512);
    TT_EQ(avs_unhexlify(&n, back, sizeof(back), hex, strlen(hex)), 0);
    TT_EQ(n, sizeof(back));
    TT_CHECK(memcmp(data, back, sizeof(data)) == 0);
}

int main(void) {
    TT_RUN(memory);
    TT_RUN(simple_snprintf);
    TT_RUN(strdup_and_strcasecmp);
    TT_RUN(hexlify);
    TT_RUN(unhexlify);
    TT_RUN(hex_round_trip);
    return TT_SUMMARY();
}
