/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include "io_test_util.h"
#include "lwm2m/io/io_exec_args.h"

static void test_parse(void) {
    static const char TEXT[] = "0='text',1,2='x',9=''";
    tern_io_exec_args_t it;
    tern_io_exec_args_init(&it, TEXT, sizeof(TEXT) - 1);
    int arg;
    bool has_value;
    const char *value;
    size_t len;
    TT_EQ(tern_io_exec_args_next(&it, &arg, &has_value, &value, &len),
          TERN_IO_OK);
    TT_EQ(arg, 0);
    TT_CHECK(has_value);
    TT_TEXT(value, len, "text");
    TT_EQ(tern_io_exec_args_next(&it, &arg, &has_value, &value, &len),
          TERN_IO_OK);
    TT_EQ(arg, 1);
    TT_CHECK(!has_value);
    TT_EQ(len, 0);
    TT_EQ(tern_io_exec_args_next(&it, &arg, &has_value, &value, &len),
          TERN_IO_OK);
    TT_EQ(arg, 2);
    TT_TEXT(value, len, "x");
    TT_EQ(tern_io_exec_args_next(&it, &arg, &has_value, &value, &len),
          TERN_IO_OK);
    TT_EQ(arg, 9);
    TT_CHECK(has_value);
    TT_EQ(len, 0);
    TT_EQ(tern_io_exec_args_next(&it, &arg, &has_value, &value, &len),
          TERN_IO_END);
    TT_EQ(tern_io_exec_args_next(&it, &arg, &has_value, &value, &len),
          TERN_IO_END);
    tern_io_exec_args_init(&it, NULL, 0);
    TT_EQ(tern_io_exec_args_next(&it, &arg, &has_value, &value, &len),
          TERN_IO_END);
    /* Anything but a quote may sit inside the value. */
    tern_io_exec_args_init(&it, "5='a,b=c \"\xc5\xbc'", 15);
    TT_EQ(tern_io_exec_args_next(&it, &arg, &has_value, &value, &len),
          TERN_IO_OK);
    TT_TEXT(value, len, "a,b=c \"\xc5\xbc");
}

static void test_malformed(void) {
    static const char *const BAD[] = {
            "1,",   ",1",   "12", "a",  "0='abc", "0=abc",  "0=",     "0='",
            "0=x'", "1,,2", "1 ", " 1", "-1",     "0='a'b", "0='a',", "10"};
    for (size_t i = 0; i < sizeof(BAD) / sizeof(BAD[0]); ++i) {
        tern_io_exec_args_t it;
        tern_io_exec_args_init(&it, BAD[i], strlen(BAD[i]));
        int arg, r;
        bool has_value;
        const char *value;
        size_t len;
        while ((r = tern_io_exec_args_next(&it, &arg, &has_value, &value,
                                           &len)) == TERN_IO_OK) {
        }
        if (r != TERN_IO_ERR_MALFORMED) {
            TT_FAIL_AT__("\"%s\" accepted", BAD[i]);
        }
    }
}

static void test_append(void) {
    tern_io_buf_t buf;
    tern_io_buf_init_growable(&buf, 64);
    TT_EQ(tern_io_exec_args_append(&buf, true, 0, "text", 4), TERN_IO_OK);
    TT_EQ(tern_io_exec_args_append(&buf, false, 1, NULL, 0), TERN_IO_OK);
    TT_EQ(tern_io_exec_args_append(&buf, false, 2, "", 0), TERN_IO_OK);
    TT_EQ(tern_io_exec_args_append(&buf, false, 10, NULL, 0),
          TERN_IO_ERR_INVALID_ARG);
    TT_EQ(tern_io_exec_args_append(&buf, false, 3, "a'b", 3),
          TERN_IO_ERR_INVALID_ARG);
    TT_TEXT(buf.data, buf.len, "0='text',1,2=''");
    tern_io_buf_release(&buf);
    uint8_t mem[4];
    tern_io_buf_init_fixed(&buf, mem, sizeof(mem));
    TT_EQ(tern_io_exec_args_append(&buf, true, 0, "text", 4),
          TERN_IO_ERR_BUFFER_TOO_SMALL);
    TT_EQ(buf.len, 0);
}

int main(void) {
    TT_RUN(test_parse);
    TT_RUN(test_malformed);
    TT_RUN(test_append);
    return TT_SUMMARY();
}
