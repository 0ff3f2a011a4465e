/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include "io_num.h"

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <avsystem/commons/avs_memory.h>

static bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

static int parse_magnitude(const char *s, size_t len, uint64_t *out) {
    if (len == 0) {
        return TERN_IO_ERR_MALFORMED;
    }
    uint64_t value = 0;
    bool overflow = false;
    for (size_t i = 0; i < len; ++i) {
        if (!is_digit(s[i])) {
            return TERN_IO_ERR_MALFORMED;
        }
        unsigned digit = (unsigned) (s[i] - '0');
        if (value > (UINT64_MAX - digit) / 10) {
            overflow = true;
        } else {
            value = value * 10 + digit;
        }
    }
    if (overflow) {
        return TERN_IO_ERR_RANGE;
    }
    *out = value;
    return TERN_IO_OK;
}

int tern_io_num_parse_int(const char *s, size_t len, int64_t *out) {
    bool negative = false;
    if (len > 0 && (s[0] == '-' || s[0] == '+')) {
        negative = (s[0] == '-');
        ++s;
        --len;
    }
    uint64_t magnitude;
    int result = parse_magnitude(s, len, &magnitude);
    if (result) {
        return result;
    }
    if (negative) {
        if (magnitude > (uint64_t) INT64_MAX + 1) {
            return TERN_IO_ERR_RANGE;
        }
        /* Negating in unsigned arithmetic keeps INT64_MIN well defined. */
        *out = magnitude == (uint64_t) INT64_MAX + 1 ? INT64_MIN
                                                     : -(int64_t) magnitude;
    } else {
        if (magnitude > (uint64_t) INT64_MAX) {
            return TERN_IO_ERR_RANGE;
        }
        *out = (int64_t) magnitude;
    }
    return TERN_IO_OK;
}

int tern_io_num_parse_uint(const char *s, size_t len, uint64_t *out) {
    if (len > 0 && s[0] == '+') {
        ++s;
        --len;
    }
    return parse_magnitude(s, len, out);
}

static bool equals_nocase(const char *s, size_t len, const char *word) {
    size_t wlen = strlen(word);
    if (len != wlen) {
        return false;
    }
    for (size_t i = 0; i < len; ++i) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z') {
            c = (char) (c - 'A' + 'a');
        }
        if (c != word[i]) {
            return false;
        }
    }
    return true;
}

static bool decimal_grammar_ok(const char *s, size_t len) {
    size_t i = 0;
    if (i < len && (s[i] == '+' || s[i] == '-')) {
        ++i;
    }
    size_t int_digits = 0;
    while (i < len && is_digit(s[i])) {
        ++i;
        ++int_digits;
    }
    size_t frac_digits = 0;
    if (i < len && s[i] == '.') {
        ++i;
        while (i < len && is_digit(s[i])) {
            ++i;
            ++frac_digits;
        }
    }
    if (int_digits + frac_digits == 0) {
        return false;
    }
    if (i < len && (s[i] == 'e' || s[i] == 'E')) {
        ++i;
        if (i < len && (s[i] == '+' || s[i] == '-')) {
            ++i;
        }
        size_t exp_digits = 0;
        while (i < len && is_digit(s[i])) {
            ++i;
            ++exp_digits;
        }
        if (exp_digits == 0) {
            return false;
        }
    }
    return i == len;
}

int tern_io_num_parse_double(const char *s, size_t len, double *out) {
    const char *body = s;
    size_t body_len = len;
    bool negative = false;
    if (body_len > 0 && (body[0] == '+' || body[0] == '-')) {
        negative = (body[0] == '-');
        ++body;
        --body_len;
    }
    if (equals_nocase(body, body_len, "nan")) {
        *out = negative ? -NAN : NAN;
        return TERN_IO_OK;
    }
    if (equals_nocase(body, body_len, "inf") ||
        equals_nocase(body, body_len, "infinity")) {
        *out = negative ? -INFINITY : INFINITY;
        return TERN_IO_OK;
    }
    if (!decimal_grammar_ok(s, len)) {
        return TERN_IO_ERR_MALFORMED;
    }
    return tern_io_num_strtod(s, len, out);
}

/* strtod() and printf() follow LC_NUMERIC, which the application may have
 * changed; the wire format always uses '.'. */
static const char *locale_decimal_point(void) {
    const struct lconv *lc = localeconv();
    if (!lc || !lc->decimal_point || !lc->decimal_point[0]) {
        return ".";
    }
    return lc->decimal_point;
}

int tern_io_num_strtod(const char *s, size_t len, double *out) {
    if (len == 0 || memchr(s, '\0', len)) {
        return TERN_IO_ERR_MALFORMED;
    }
    const char *dp = locale_decimal_point();
    size_t dp_len = strlen(dp);
    char stack_buf[64];
    char *buf = stack_buf;
    size_t needed = len + dp_len + 1;
    if (needed > sizeof(stack_buf)) {
        buf = (char *) avs_malloc(needed);
        if (!buf) {
            return TERN_IO_ERR_NO_MEMORY;
        }
    }
    size_t w = 0;
    for (size_t i = 0; i < len; ++i) {
        if (s[i] == '.') {
            memcpy(buf + w, dp, dp_len);
            w += dp_len;
        } else {
            buf[w++] = s[i];
        }
    }
    buf[w] = '\0';
    char *end = NULL;
    errno = 0;
    double value = strtod(buf, &end);
    bool consumed = (end == buf + w) && w > 0;
    if (buf != stack_buf) {
        avs_free(buf);
    }
    if (!consumed) {
        return TERN_IO_ERR_MALFORMED;
    }
    if (isinf(value)) {
        return TERN_IO_ERR_RANGE;
    }
    *out = value;
    return TERN_IO_OK;
}

static int copy_out(const char *tmp, size_t len, char *buf, size_t size) {
    if (len + 1 > size) {
        if (size) {
            buf[0] = '\0';
        }
        return TERN_IO_ERR_BUFFER_TOO_SMALL;
    }
    memcpy(buf, tmp, len + 1);
    return (int) len;
}

/* printf() output with the locale's separator turned back into '.'. */
static size_t normalize_separator(const char *in, char *out, size_t out_size) {
    const char *dp = locale_decimal_point();
    size_t dp_len = strlen(dp);
    size_t w = 0;
    for (size_t i = 0; in[i] && w + 1 < out_size;) {
        if (dp_len && strncmp(in + i, dp, dp_len) == 0) {
            out[w++] = '.';
            i += dp_len;
        } else {
            out[w++] = in[i++];
        }
    }
    out[w] = '\0';
    return w;
}

int tern_io_num_format_double(double value, char *buf, size_t size) {
    if (isnan(value)) {
        return copy_out("nan", 3, buf, size);
    }
    if (isinf(value)) {
        return value < 0 ? copy_out("-inf", 4, buf, size)
                         : copy_out("inf", 3, buf, size);
    }
    if (value == floor(value) && fabs(value) < 9007199254740992.0 &&
        !(value == 0.0 && signbit(value))) {
        /* Whole numbers a double holds exactly read best without an
         * exponent: a timestamp as 1700000000, not 1.7e+09. */
        return tern_io_num_format_int((int64_t) value, buf, size);
    }
    char raw[48];
    char tmp[TERN_IO_NUM_STR_SIZE];
    char best[TERN_IO_NUM_STR_SIZE];
    size_t best_len = 0;
    for (int precision = 1; precision <= 17; ++precision) {
        snprintf(raw, sizeof(raw), "%.*g", precision, value);
        size_t len = normalize_separator(raw, tmp, sizeof(tmp));
        if (best_len) {
            /* More digits can still be shorter: "100" beats "1e+02". */
            if (len < best_len) {
                memcpy(best, tmp, len + 1);
                best_len = len;
            }
            continue;
        }
        double back;
        if (tern_io_num_strtod(tmp, len, &back) == TERN_IO_OK &&
            back == value) {
            memcpy(best, tmp, len + 1);
            best_len = len;
        }
    }
    return copy_out(best, best_len, buf, size);
}

int tern_io_num_format_int(int64_t value, char *buf, size_t size) {
    char tmp[TERN_IO_NUM_STR_SIZE];
    int len = snprintf(tmp, sizeof(tmp), "%lld", (long long) value);
    return copy_out(tmp, (size_t) len, buf, size);
}

int tern_io_num_format_uint(uint64_t value, char *buf, size_t size) {
    char tmp[TERN_IO_NUM_STR_SIZE];
    int len = snprintf(tmp, sizeof(tmp), "%llu", (unsigned long long) value);
    return copy_out(tmp, (size_t) len, buf, size);
}

bool tern_io_double_to_int(double value, int64_t *out) {
    /* Both bounds are exact powers of two, so the comparisons are exact. */
    if (!(value >= -9223372036854775808.0 && value < 9223372036854775808.0) ||
        value != floor(value)) {
        return false;
    }
    *out = (int64_t) value;
    return true;
}

bool tern_io_double_to_uint(double value, uint64_t *out) {
    if (!(value >= 0.0 && value < 18446744073709551616.0) ||
        value != floor(value)) {
        return false;
    }
    *out = (uint64_t) value;
    return true;
}

static int parse_u16_canonical(const char *s, size_t len, uint16_t *out) {
    if (len == 0 || len > 5 || (len > 1 && s[0] == '0')) {
        return TERN_IO_ERR_MALFORMED;
    }
    uint32_t value = 0;
    for (size_t i = 0; i < len; ++i) {
        if (!is_digit(s[i])) {
            return TERN_IO_ERR_MALFORMED;
        }
        value = value * 10 + (uint32_t) (s[i] - '0');
    }
    if (value > UINT16_MAX) {
        return TERN_IO_ERR_MALFORMED;
    }
    *out = (uint16_t) value;
    return TERN_IO_OK;
}

int tern_io_num_parse_objlnk(const char *s, size_t len, uint16_t *out_oid,
                             uint16_t *out_iid) {
    const char *colon = (const char *) memchr(s, ':', len);
    if (!colon) {
        return TERN_IO_ERR_MALFORMED;
    }
    size_t left = (size_t) (colon - s);
    uint16_t oid, iid;
    if (parse_u16_canonical(s, left, &oid) ||
        parse_u16_canonical(colon + 1, len - left - 1, &iid)) {
        return TERN_IO_ERR_MALFORMED;
    }
    *out_oid = oid;
    *out_iid = iid;
    return TERN_IO_OK;
}

int tern_io_num_format_objlnk(uint16_t oid, uint16_t iid, char *buf,
                              size_t size) {
    char tmp[TERN_IO_NUM_STR_SIZE];
    int len =
            snprintf(tmp, sizeof(tmp), "%u:%u", (unsigned) oid, (unsigned) iid);
    return copy_out(tmp, (size_t) len, buf, size);
}
