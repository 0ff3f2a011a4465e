/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server_link.h"

static int is_space(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* RFC 5987 parmname characters, which link-param names use. */
static int is_name_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || strchr("!#$&+-.^_`|~*", c) != NULL;
}

/* Skips a quoted string starting at p (on the quote); NULL if unclosed. */
static const char *skip_quoted(const char *p, const char *end) {
    for (++p; p < end; ++p) {
        if (*p == '\\') {
            ++p;
        } else if (*p == '"') {
            return p + 1;
        }
    }
    return NULL;
}

static int fail(char *err, size_t err_size, const char *why, long offset) {
    snprintf(err, err_size, "%s at offset %ld", why, offset);
    return -1;
}

int srv_link_parse(const char *text, size_t len, srv_links_t *out, char *err,
                   size_t err_size) {
    const char *p = text;
    const char *end = text + len;
    size_t cap = 0;
    out->items = NULL;
    out->count = 0;
    /* Links are kept as C strings: an embedded NUL would cut them short. */
    const char *nul = len ? (const char *) memchr(text, '\0', len) : NULL;
    if (nul) {
        return fail(err, err_size, "NUL byte", (long) (nul - text));
    }
    for (;;) {
        while (p < end && is_space(*p)) {
            ++p;
        }
        if (p >= end) {
            if (out->count == 0) {
                return 0;
            }
            srv_links_free(out);
            return fail(err, err_size, "link expected after ','",
                        (long) (p - text));
        }
        if (*p != '<') {
            srv_links_free(out);
            return fail(err, err_size, "'<' expected", (long) (p - text));
        }
        const char *uri = ++p;
        while (p < end && *p != '>') {
            ++p;
        }
        if (p >= end) {
            srv_links_free(out);
            return fail(err, err_size, "unclosed '<'", (long) (uri - text));
        }
        const char *uri_end = p++;
        const char *params = p;
        while (p < end && *p == ';') {
            ++p;
            const char *name = p;
            while (p < end && is_name_char(*p)) {
                ++p;
            }
            if (p == name) {
                srv_links_free(out);
                return fail(err, err_size, "bad parameter name",
                            (long) (p - text));
            }
            if (p < end && *p == '=') {
                ++p;
                if (p < end && *p == '"') {
                    p = skip_quoted(p, end);
                    if (!p) {
                        srv_links_free(out);
                        return fail(err, err_size, "unclosed quote",
                                    (long) (name - text));
                    }
                } else {
                    const char *v = p;
                    while (p < end && *p != ';' && *p != ',' && !is_space(*p)) {
                        ++p;
                    }
                    if (p == v) {
                        srv_links_free(out);
                        return fail(err, err_size, "empty parameter value",
                                    (long) (p - text));
                    }
                }
            }
        }
        const char *params_end = p;
        while (p < end && is_space(*p)) {
            ++p;
        }
        if (p < end && *p != ',') {
            srv_links_free(out);
            return fail(err, err_size, "',' expected", (long) (p - text));
        }
        if (out->count == cap) {
            cap = cap ? 2 * cap : 8;
            out->items = (srv_link_t *) srv_xrealloc(out->items,
                                                     cap * sizeof(*out->items));
        }
        srv_link_t *link = &out->items[out->count++];
        link->uri = srv_xstrndup(uri, (size_t) (uri_end - uri));
        if (params < params_end) {
            ++params;
        }
        link->params = srv_xstrndup(params, (size_t) (params_end - params));
        if (p >= end) {
            return 0;
        }
        ++p;
    }
}

void srv_links_free(srv_links_t *links) {
    for (size_t i = 0; i < links->count; ++i) {
        free(links->items[i].uri);
        free(links->items[i].params);
    }
    free(links->items);
    links->items = NULL;
    links->count = 0;
}

int srv_link_param(const srv_link_t *link, const char *name, char *value,
                   size_t value_size) {
    const char *p = link->params;
    const char *end = p + strlen(p);
    size_t name_len = strlen(name);
    while (p < end) {
        const char *n = p;
        while (p < end && *p != '=' && *p != ';') {
            ++p;
        }
        int match =
                (size_t) (p - n) == name_len && strncmp(n, name, name_len) == 0;
        const char *v = p;
        const char *v_end = p;
        if (p < end && *p == '=') {
            v = ++p;
            if (p < end && *p == '"') {
                const char *close = skip_quoted(p, end);
                p = close ? close : end;
                v_end = close ? close - 1 : end;
                ++v;
            } else {
                while (p < end && *p != ';') {
                    ++p;
                }
                v_end = p;
            }
        }
        if (match) {
            size_t out_len = 0;
            for (const char *c = v; c < v_end && out_len + 1 < value_size;
                 ++c) {
                if (*c == '\\' && c + 1 < v_end) {
                    ++c;
                }
                value[out_len++] = *c;
            }
            if (value_size) {
                value[out_len] = '\0';
            }
            return 1;
        }
        if (p < end && *p == ';') {
            ++p;
        }
    }
    return 0;
}

void srv_links_render(const srv_links_t *links, srv_buf_t *out) {
    for (size_t i = 0; i < links->count; ++i) {
        if (i) {
            srv_buf_append_byte(out, ',');
        }
        srv_buf_printf(out, "<%s>", links->items[i].uri);
        if (links->items[i].params[0]) {
            srv_buf_printf(out, ";%s", links->items[i].params);
        }
    }
}
