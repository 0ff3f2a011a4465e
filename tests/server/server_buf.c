/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include "server_buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void *srv_xmalloc(size_t size) {
    void *p = malloc(size ? size : 1);
    if (!p) {
        fputs("tern-test-server: out of memory\n", stderr);
        abort();
    }
    return p;
}

void *srv_xrealloc(void *ptr, size_t size) {
    void *p = realloc(ptr, size ? size : 1);
    if (!p) {
        fputs("tern-test-server: out of memory\n", stderr);
        abort();
    }
    return p;
}

char *srv_xstrndup(const char *s, size_t len) {
    char *p = (char *) srv_xmalloc(len + 1);
    memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

char *srv_xstrdup(const char *s) {
    return srv_xstrndup(s, strlen(s));
}

void srv_buf_init(srv_buf_t *buf) {
    buf->data = NULL;
    buf->len = 0;
    buf->cap = 0;
}

void srv_buf_free(srv_buf_t *buf) {
    free(buf->data);
    srv_buf_init(buf);
}

void srv_buf_reset(srv_buf_t *buf) {
    buf->len = 0;
}

static void reserve(srv_buf_t *buf, size_t extra) {
    /* One spare byte always, so that srv_buf_cstr() never reallocates. */
    size_t need = buf->len + extra + 1;
    if (need <= buf->cap) {
        return;
    }
    size_t cap = buf->cap ? buf->cap : 64;
    while (cap < need) {
        cap *= 2;
    }
    buf->data = (char *) srv_xrealloc(buf->data, cap);
    buf->cap = cap;
}

void srv_buf_append(srv_buf_t *buf, const void *data, size_t len) {
    reserve(buf, len);
    if (len) {
        memcpy(buf->data + buf->len, data, len);
    }
    buf->len += len;
}

void srv_buf_append_str(srv_buf_t *buf, const char *s) {
    srv_buf_append(buf, s, strlen(s));
}

void srv_buf_append_byte(srv_buf_t *buf, uint8_t byte) {
    srv_buf_append(buf, &byte, 1);
}

void srv_buf_vprintf(srv_buf_t *buf, const char *fmt, va_list ap) {
    va_list copy;
    va_copy(copy, ap);
    int n = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    if (n <= 0) {
        return;
    }
    reserve(buf, (size_t) n);
    vsnprintf(buf->data + buf->len, (size_t) n + 1, fmt, ap);
    buf->len += (size_t) n;
}

void srv_buf_printf(srv_buf_t *buf, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    srv_buf_vprintf(buf, fmt, ap);
    va_end(ap);
}

void srv_buf_append_hex(srv_buf_t *buf, const uint8_t *data, size_t len) {
    static const char digits[] = "0123456789abcdef";
    reserve(buf, 2 * len);
    for (size_t i = 0; i < len; ++i) {
        buf->data[buf->len++] = digits[data[i] >> 4];
        buf->data[buf->len++] = digits[data[i] & 0x0f];
    }
}

void srv_buf_append_escaped(srv_buf_t *buf, const void *data, size_t len) {
    const uint8_t *p = (const uint8_t *) data;
    for (size_t i = 0; i < len; ++i) {
        if (p[i] < 0x20 || p[i] == 0x7f || p[i] == '\\') {
            srv_buf_printf(buf, "\\x%02x", p[i]);
        } else {
            srv_buf_append_byte(buf, p[i]);
        }
    }
}

const char *srv_buf_cstr(srv_buf_t *buf) {
    reserve(buf, 0);
    buf->data[buf->len] = '\0';
    return buf->data;
}

static int hex_value(char c) {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

int srv_hex_decode(const char *hex, srv_buf_t *out) {
    size_t len = strlen(hex);
    if (len % 2) {
        return -1;
    }
    for (size_t i = 0; i < len; i += 2) {
        int hi = hex_value(hex[i]);
        int lo = hex_value(hex[i + 1]);
        if (hi < 0 || lo < 0) {
            return -1;
        }
        srv_buf_append_byte(out, (uint8_t) (hi << 4 | lo));
    }
    return 0;
}
