/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include "io_exec_args.h"

#include <string.h>

#include "io_log.h"

void tern_io_exec_args_init(tern_io_exec_args_t *it, const void *data,
                            size_t len) {
    /* Pointer arithmetic on NULL is undefined even with a zero offset. */
    it->pos = data ? (const char *) data : "";
    it->end = it->pos + (data ? len : 0);
    it->status = TERN_IO_OK;
    it->need_comma = false;
}

static int fail(tern_io_exec_args_t *it, const char *why) {
    io_log(DEBUG, "Execute arguments: %s", why);
    it->status = TERN_IO_ERR_MALFORMED;
    return it->status;
}

int tern_io_exec_args_next(tern_io_exec_args_t *it, int *out_arg,
                           bool *out_has_value, const char **out_value,
                           size_t *out_value_len) {
    if (it->status) {
        return it->status;
    }
    if (it->pos == it->end) {
        it->status = TERN_IO_END;
        return it->status;
    }
    if (it->need_comma) {
        if (*it->pos != ',') {
            return fail(it, "expected ','");
        }
        if (++it->pos == it->end) {
            return fail(it, "trailing ','");
        }
    }
    char digit = *it->pos++;
    if (digit < '0' || digit > '9') {
        return fail(it, "argument is not a digit");
    }
    *out_arg = digit - '0';
    *out_has_value = false;
    *out_value = it->pos;
    *out_value_len = 0;
    if (it->pos < it->end && *it->pos == '=') {
        if (it->end - it->pos < 3 || it->pos[1] != '\'') {
            return fail(it, "expected ='value'");
        }
        const char *start = it->pos + 2;
        const char *close =
                (const char *) memchr(start, '\'', (size_t) (it->end - start));
        if (!close) {
            return fail(it, "unterminated value");
        }
        *out_has_value = true;
        *out_value = start;
        *out_value_len = (size_t) (close - start);
        it->pos = close + 1;
    }
    it->need_comma = true;
    return TERN_IO_OK;
}

int tern_io_exec_args_append(tern_io_buf_t *out, bool first, int arg,
                             const char *value, size_t value_len) {
    if (arg < 0 || arg > 9 || (value && memchr(value, '\'', value_len))) {
        return TERN_IO_ERR_INVALID_ARG;
    }
    size_t mark = out->len;
    int result = TERN_IO_OK;
    if (!first) {
        result = tern_io_buf_putc(out, ',');
    }
    if (!result) {
        result = tern_io_buf_putc(out, (uint8_t) ('0' + arg));
    }
    if (!result && value) {
        (void) ((result = tern_io_buf_append(out, "='", 2)) ||
                (result = tern_io_buf_append(out, value, value_len)) ||
                (result = tern_io_buf_putc(out, '\'')));
    }
    if (result) {
        out->len = mark;
    }
    return result;
}
