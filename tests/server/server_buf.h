/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/* A growable byte buffer used for payloads and for output lines. */
#ifndef TERN_SERVER_BUF_H
#define TERN_SERVER_BUF_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

typedef struct {
    char *data;
    size_t len;
    size_t cap;
} srv_buf_t;

/** Allocates or aborts: the server has no sensible way to go on without
 * memory, and every caller would otherwise need the same error path. */
void *srv_xmalloc(size_t size);
void *srv_xrealloc(void *ptr, size_t size);
char *srv_xstrdup(const char *s);
char *srv_xstrndup(const char *s, size_t len);

void srv_buf_init(srv_buf_t *buf);
void srv_buf_free(srv_buf_t *buf);
void srv_buf_reset(srv_buf_t *buf);
void srv_buf_append(srv_buf_t *buf, const void *data, size_t len);
void srv_buf_append_str(srv_buf_t *buf, const char *s);
void srv_buf_append_byte(srv_buf_t *buf, uint8_t byte);
void srv_buf_printf(srv_buf_t *buf, const char *fmt, ...)
        __attribute__((format(printf, 2, 3)));
void srv_buf_vprintf(srv_buf_t *buf, const char *fmt, va_list ap);
/** Lower-case hex, two digits per byte. */
void srv_buf_append_hex(srv_buf_t *buf, const uint8_t *data, size_t len);
/**
 * Appends text so that it can never break the one-line-per-event output:
 * control bytes and backslashes become \xNN escapes, anything else
 * (including UTF-8) is copied.
 */
void srv_buf_append_escaped(srv_buf_t *buf, const void *data, size_t len);
/** NUL-terminates the content (without counting the NUL) and returns it. */
const char *srv_buf_cstr(srv_buf_t *buf);

/** Parses hex digits (even count, no separators); -1 on bad input. */
int srv_hex_decode(const char *hex, srv_buf_t *out);

#endif /* TERN_SERVER_BUF_H */
