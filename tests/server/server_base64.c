/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include "server_base64.h"

static int sextet(char c) {
    if (c >= 'A' && c <= 'Z') {
        return c - 'A';
    }
    if (c >= 'a' && c <= 'z') {
        return c - 'a' + 26;
    }
    if (c >= '0' && c <= '9') {
        return c - '0' + 52;
    }
    if (c == '+' || c == '-') {
        return 62;
    }
    if (c == '/' || c == '_') {
        return 63;
    }
    return -1;
}

int srv_base64_decode(const char *text, size_t len, srv_buf_t *out) {
    while (len > 0 && text[len - 1] == '=') {
        --len;
    }
    if (len % 4 == 1) {
        return -1;
    }
    uint32_t acc = 0;
    int bits = 0;
    for (size_t i = 0; i < len; ++i) {
        int v = sextet(text[i]);
        if (v < 0) {
            return -1;
        }
        acc = (acc << 6) | (uint32_t) v;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            srv_buf_append_byte(out, (uint8_t) (acc >> bits));
        }
    }
    return 0;
}

void srv_base64_encode(const uint8_t *data, size_t len, srv_buf_t *out) {
    static const char alphabet[] =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    size_t i = 0;
    for (; i + 3 <= len; i += 3) {
        uint32_t v = (uint32_t) data[i] << 16 | (uint32_t) data[i + 1] << 8 |
                     data[i + 2];
        char quad[4] = {alphabet[v >> 18], alphabet[(v >> 12) & 63],
                        alphabet[(v >> 6) & 63], alphabet[v & 63]};
        srv_buf_append(out, quad, 4);
    }
    if (len - i == 1) {
        uint32_t v = (uint32_t) data[i] << 16;
        char quad[4] = {alphabet[v >> 18], alphabet[(v >> 12) & 63], '=', '='};
        srv_buf_append(out, quad, 4);
    } else if (len - i == 2) {
        uint32_t v = (uint32_t) data[i] << 16 | (uint32_t) data[i + 1] << 8;
        char quad[4] = {alphabet[v >> 18], alphabet[(v >> 12) & 63],
                        alphabet[(v >> 6) & 63], '='};
        srv_buf_append(out, quad, 4);
    }
}
