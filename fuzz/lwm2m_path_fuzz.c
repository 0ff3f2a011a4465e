/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/* The small LwM2M text parsers: path text and Uri-Path segments,
 * Write-Attributes queries, Execute arguments. Whatever parses is
 * formatted again and must parse to the same result. */

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lwm2m/io/io_attrs.h"
#include "lwm2m/io/io_exec_args.h"
#include "lwm2m/io/io_path.h"

static void check_path(const char *text, size_t size) {
    tern_io_path_t path;
    if (!tern_io_path_parse(&path, text, size)) {
        char buf[TERN_IO_PATH_STR_SIZE];
        int len = tern_io_path_format(&path, buf, sizeof(buf));
        tern_io_path_t back;
        if (len < 0 || (size_t) len != size || memcmp(buf, text, size) ||
            tern_io_path_parse(&back, buf, (size_t) len) ||
            !tern_io_path_equal(&back, &path) ||
            !tern_io_path_is_valid(&path)) {
            abort();
        }
    }
    /* The same bytes as Uri-Path segments split at '/'. */
    tern_io_str_t segments[8];
    size_t count = 0, start = 0;
    for (size_t i = 0; i <= size && count < 8; ++i) {
        if (i == size || text[i] == '/') {
            segments[count].data = text + start;
            segments[count].len = i - start;
            ++count;
            start = i + 1;
        }
    }
    if (!tern_io_path_from_segments(&path, segments, count) &&
        (path.len != count || !tern_io_path_is_valid(&path))) {
        abort();
    }
}

static bool same_attrs(const tern_io_attrs_t *a, const tern_io_attrs_t *b) {
    if (a->set != b->set || a->unset != b->unset) {
        return false;
    }
#define SAME_IF_SET(attr, field)                                               \
    if ((a->set & (1u << (attr))) && a->field != b->field) {                   \
        return false;                                                          \
    }
    SAME_IF_SET(TERN_IO_ATTR_PMIN, pmin)
    SAME_IF_SET(TERN_IO_ATTR_PMAX, pmax)
    SAME_IF_SET(TERN_IO_ATTR_GT, gt)
    SAME_IF_SET(TERN_IO_ATTR_LT, lt)
    SAME_IF_SET(TERN_IO_ATTR_ST, st)
    SAME_IF_SET(TERN_IO_ATTR_EPMIN, epmin)
    SAME_IF_SET(TERN_IO_ATTR_EPMAX, epmax)
    SAME_IF_SET(TERN_IO_ATTR_CON, con)
#undef SAME_IF_SET
    return true;
}

static void check_attrs(const char *text, size_t size) {
    tern_io_attrs_t attrs;
    tern_io_attrs_init(&attrs);
    if (tern_io_attrs_parse_query(&attrs, text, size)) {
        return;
    }
    tern_io_buf_t buf;
    tern_io_buf_init_growable(&buf, 1024);
    if (tern_io_attrs_format(&attrs, '&', true, &buf)) {
        abort();
    }
    tern_io_attrs_t back;
    tern_io_attrs_init(&back);
    /* Skip the leading separator. */
    if (buf.len && (tern_io_attrs_parse_query(
                            &back, (const char *) buf.data + 1, buf.len - 1) ||
                    !same_attrs(&attrs, &back))) {
        abort();
    }
    tern_io_buf_release(&buf);
}

static void check_exec(const char *text, size_t size) {
    tern_io_exec_args_t it;
    tern_io_buf_t buf;
    tern_io_buf_init_growable(&buf, 2 * size + 16);
    tern_io_exec_args_init(&it, text, size);
    int arg, r;
    bool has_value;
    const char *value;
    size_t len, count = 0;
    while ((r = tern_io_exec_args_next(&it, &arg, &has_value, &value, &len)) ==
           TERN_IO_OK) {
        if (arg < 0 || arg > 9 ||
            tern_io_exec_args_append(&buf, count == 0, arg,
                                     has_value ? value : NULL, len)) {
            abort();
        }
        ++count;
    }
    if (r == TERN_IO_END &&
        (buf.len != size || (size && memcmp(buf.data, text, size)))) {
        abort(); /* the grammar has a single spelling per argument list */
    }
    tern_io_buf_release(&buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const char *text = (const char *) data;
    check_path(text, size);
    check_attrs(text, size);
    check_exec(text, size);
    return 0;
}
