/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include "server_path.h"

#include <stdio.h>
#include <string.h>

int srv_path_parse_n(const char *text, size_t len, srv_path_t *out) {
    out->depth = 0;
    if (len == 0 || text[0] != '/') {
        return -1;
    }
    size_t i = 1;
    while (i < len) {
        unsigned long value = 0;
        size_t start = i;
        while (i < len && text[i] >= '0' && text[i] <= '9') {
            value = value * 10 + (unsigned long) (text[i] - '0');
            if (value > 65535) {
                return -1;
            }
            ++i;
        }
        if (i == start || out->depth == SRV_PATH_MAX_DEPTH) {
            return -1;
        }
        out->ids[out->depth++] = (uint16_t) value;
        if (i < len) {
            if (text[i] != '/') {
                return -1;
            }
            ++i;
        }
    }
    return 0;
}

int srv_path_parse(const char *text, srv_path_t *out) {
    return srv_path_parse_n(text, strlen(text), out);
}

void srv_path_format(const srv_path_t *path, char out[SRV_PATH_STR_MAX]) {
    if (path->depth == 0) {
        strcpy(out, "/");
        return;
    }
    size_t off = 0;
    for (int i = 0; i < path->depth; ++i) {
        off += (size_t) snprintf(out + off, SRV_PATH_STR_MAX - off, "/%u",
                                 (unsigned) path->ids[i]);
    }
}

int srv_path_push(srv_path_t *path, uint16_t id) {
    if (path->depth >= SRV_PATH_MAX_DEPTH) {
        return -1;
    }
    path->ids[path->depth++] = id;
    return 0;
}
