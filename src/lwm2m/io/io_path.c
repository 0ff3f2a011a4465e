/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include "io_path.h"

#include <stdio.h>
#include <string.h>

static tern_io_path_t make_path(uint8_t len, uint16_t a, uint16_t b, uint16_t c,
                                uint16_t d) {
    tern_io_path_t path;
    path.ids[0] = a;
    path.ids[1] = b;
    path.ids[2] = c;
    path.ids[3] = d;
    path.len = len;
    return path;
}

tern_io_path_t tern_io_path_root(void) {
    return make_path(0, TERN_IO_ID_INVALID, TERN_IO_ID_INVALID,
                     TERN_IO_ID_INVALID, TERN_IO_ID_INVALID);
}

tern_io_path_t tern_io_path_object(uint16_t oid) {
    return make_path(1, oid, TERN_IO_ID_INVALID, TERN_IO_ID_INVALID,
                     TERN_IO_ID_INVALID);
}

tern_io_path_t tern_io_path_instance(uint16_t oid, uint16_t iid) {
    return make_path(2, oid, iid, TERN_IO_ID_INVALID, TERN_IO_ID_INVALID);
}

tern_io_path_t tern_io_path_resource(uint16_t oid, uint16_t iid, uint16_t rid) {
    return make_path(3, oid, iid, rid, TERN_IO_ID_INVALID);
}

tern_io_path_t tern_io_path_resource_instance(uint16_t oid, uint16_t iid,
                                              uint16_t rid, uint16_t riid) {
    return make_path(4, oid, iid, rid, riid);
}

bool tern_io_path_is_valid(const tern_io_path_t *path) {
    if (path->len > TERN_IO_PATH_MAX_LEN) {
        return false;
    }
    for (uint8_t i = 0; i < path->len; ++i) {
        if (path->ids[i] == TERN_IO_ID_INVALID) {
            return false;
        }
    }
    return true;
}

/* Canonical decimal only: a path is also compared as text (SenML names, link
 * targets), so "/03" must not be a second spelling of "/3". */
static int parse_id(const char *s, size_t len, uint16_t *out) {
    if (len == 0 || len > 5 || (len > 1 && s[0] == '0')) {
        return TERN_IO_ERR_MALFORMED;
    }
    uint32_t value = 0;
    for (size_t i = 0; i < len; ++i) {
        if (s[i] < '0' || s[i] > '9') {
            return TERN_IO_ERR_MALFORMED;
        }
        value = value * 10 + (uint32_t) (s[i] - '0');
    }
    if (value >= TERN_IO_ID_INVALID) {
        return TERN_IO_ERR_MALFORMED;
    }
    *out = (uint16_t) value;
    return TERN_IO_OK;
}

int tern_io_path_append(tern_io_path_t *path, const char *segment, size_t len) {
    if (path->len >= TERN_IO_PATH_MAX_LEN) {
        return TERN_IO_ERR_LIMIT;
    }
    uint16_t id;
    int result = parse_id(segment, len, &id);
    if (result) {
        return result;
    }
    path->ids[path->len++] = id;
    return TERN_IO_OK;
}

int tern_io_path_from_segments(tern_io_path_t *out,
                               const tern_io_str_t *segments, size_t count) {
    tern_io_path_t path = tern_io_path_root();
    for (size_t i = 0; i < count; ++i) {
        int result =
                tern_io_path_append(&path, segments[i].data, segments[i].len);
        if (result) {
            return result;
        }
    }
    *out = path;
    return TERN_IO_OK;
}

int tern_io_path_parse(tern_io_path_t *out, const char *text, size_t len) {
    if (len == 0 || text[0] != '/') {
        return TERN_IO_ERR_MALFORMED;
    }
    tern_io_path_t path = tern_io_path_root();
    if (len == 1) {
        *out = path;
        return TERN_IO_OK;
    }
    size_t pos = 1;
    while (pos <= len) {
        size_t end = pos;
        while (end < len && text[end] != '/') {
            ++end;
        }
        int result = tern_io_path_append(&path, text + pos, end - pos);
        if (result) {
            return result == TERN_IO_ERR_LIMIT ? TERN_IO_ERR_MALFORMED : result;
        }
        pos = end + 1;
    }
    *out = path;
    return TERN_IO_OK;
}

int tern_io_path_format(const tern_io_path_t *path, char *buf, size_t size) {
    char tmp[TERN_IO_PATH_STR_SIZE + 8];
    size_t len = 0;
    if (path->len == 0) {
        tmp[len++] = '/';
    }
    for (uint8_t i = 0; i < path->len && i < TERN_IO_PATH_MAX_LEN; ++i) {
        len += (size_t) snprintf(tmp + len, sizeof(tmp) - len, "/%u",
                                 (unsigned) path->ids[i]);
    }
    if (len + 1 > size) {
        if (size) {
            buf[0] = '\0';
        }
        return TERN_IO_ERR_BUFFER_TOO_SMALL;
    }
    memcpy(buf, tmp, len);
    buf[len] = '\0';
    return (int) len;
}

bool tern_io_path_equal(const tern_io_path_t *a, const tern_io_path_t *b) {
    if (a->len != b->len) {
        return false;
    }
    for (uint8_t i = 0; i < a->len; ++i) {
        if (a->ids[i] != b->ids[i]) {
            return false;
        }
    }
    return true;
}

bool tern_io_path_is_prefix(const tern_io_path_t *prefix,
                            const tern_io_path_t *path) {
    if (prefix->len > path->len) {
        return false;
    }
    for (uint8_t i = 0; i < prefix->len; ++i) {
        if (prefix->ids[i] != path->ids[i]) {
            return false;
        }
    }
    return true;
}

int tern_io_path_compare(const tern_io_path_t *a, const tern_io_path_t *b) {
    uint8_t common = a->len < b->len ? a->len : b->len;
    for (uint8_t i = 0; i < common; ++i) {
        if (a->ids[i] != b->ids[i]) {
            return a->ids[i] < b->ids[i] ? -1 : 1;
        }
    }
    return (int) a->len - (int) b->len;
}

void tern_io_path_truncate(tern_io_path_t *path, uint8_t len) {
    while (path->len > len) {
        path->ids[--path->len] = TERN_IO_ID_INVALID;
    }
}

int tern_io_path_order_check(const tern_io_path_order_t *order,
                             const tern_io_path_t *path) {
    if (!order->has_last) {
        return TERN_IO_OK;
    }
    int cmp = tern_io_path_compare(&order->last, path);
    if (order->floor) {
        return cmp <= 0 ? TERN_IO_OK : TERN_IO_ERR_STATE;
    }
    return cmp < 0 && !tern_io_path_is_prefix(&order->last, path)
                   ? TERN_IO_OK
                   : TERN_IO_ERR_STATE;
}

void tern_io_path_order_update(tern_io_path_order_t *order,
                               const tern_io_path_t *path, bool added) {
    order->last = *path;
    order->has_last = true;
    order->floor = !added;
}
