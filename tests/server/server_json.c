/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include "server_json.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server_buf.h"

#define MAX_DEPTH 32

typedef struct {
    const char *begin;
    const char *p;
    const char *end;
    char *err;
    size_t err_size;
} parser_t;

static srv_json_t *fail(parser_t *ps, const char *why) {
    if (ps->err && ps->err_size && !ps->err[0]) {
        snprintf(ps->err, ps->err_size, "%s at offset %ld", why,
                 (long) (ps->p - ps->begin));
    }
    return NULL;
}

static void skip_ws(parser_t *ps) {
    while (ps->p < ps->end && (*ps->p == ' ' || *ps->p == '\t' ||
                               *ps->p == '\n' || *ps->p == '\r')) {
        ++ps->p;
    }
}

static srv_json_t *new_node(srv_json_kind_t kind) {
    srv_json_t *n = (srv_json_t *) srv_xmalloc(sizeof(*n));
    memset(n, 0, sizeof(*n));
    n->kind = kind;
    return n;
}

static int hex4(parser_t *ps, unsigned *out) {
    if (ps->end - ps->p < 4) {
        return -1;
    }
    unsigned v = 0;
    for (int i = 0; i < 4; ++i) {
        char c = *ps->p++;
        v <<= 4;
        if (c >= '0' && c <= '9') {
            v |= (unsigned) (c - '0');
        } else if (c >= 'a' && c <= 'f') {
            v |= (unsigned) (c - 'a' + 10);
        } else if (c >= 'A' && c <= 'F') {
            v |= (unsigned) (c - 'A' + 10);
        } else {
            return -1;
        }
    }
    *out = v;
    return 0;
}

static void put_utf8(srv_buf_t *b, unsigned cp) {
    if (cp < 0x80) {
        srv_buf_append_byte(b, (uint8_t) cp);
    } else if (cp < 0x800) {
        srv_buf_append_byte(b, (uint8_t) (0xc0 | cp >> 6));
        srv_buf_append_byte(b, (uint8_t) (0x80 | (cp & 0x3f)));
    } else if (cp < 0x10000) {
        srv_buf_append_byte(b, (uint8_t) (0xe0 | cp >> 12));
        srv_buf_append_byte(b, (uint8_t) (0x80 | ((cp >> 6) & 0x3f)));
        srv_buf_append_byte(b, (uint8_t) (0x80 | (cp & 0x3f)));
    } else {
        srv_buf_append_byte(b, (uint8_t) (0xf0 | cp >> 18));
        srv_buf_append_byte(b, (uint8_t) (0x80 | ((cp >> 12) & 0x3f)));
        srv_buf_append_byte(b, (uint8_t) (0x80 | ((cp >> 6) & 0x3f)));
        srv_buf_append_byte(b, (uint8_t) (0x80 | (cp & 0x3f)));
    }
}

/* Expects ps->p just after the opening quote. */
static int parse_string(parser_t *ps, char **out, size_t *out_len) {
    srv_buf_t b;
    srv_buf_init(&b);
    for (;;) {
        if (ps->p >= ps->end) {
            goto bad;
        }
        unsigned char c = (unsigned char) *ps->p++;
        if (c == '"') {
            break;
        }
        if (c < 0x20) {
            goto bad;
        }
        if (c != '\\') {
            srv_buf_append_byte(&b, c);
            continue;
        }
        if (ps->p >= ps->end) {
            goto bad;
        }
        char e = *ps->p++;
        unsigned cp;
        switch (e) {
            case '"':
            case '\\':
            case '/':
                srv_buf_append_byte(&b, (uint8_t) e);
                break;
            case 'b':
                srv_buf_append_byte(&b, '\b');
                break;
            case 'f':
                srv_buf_append_byte(&b, '\f');
                break;
            case 'n':
                srv_buf_append_byte(&b, '\n');
                break;
            case 'r':
                srv_buf_append_byte(&b, '\r');
                break;
            case 't':
                srv_buf_append_byte(&b, '\t');
                break;
            case 'u':
                if (hex4(ps, &cp)) {
                    goto bad;
                }
                if (cp >= 0xd800 && cp < 0xdc00) {
                    unsigned low;
                    if (ps->end - ps->p < 6 || ps->p[0] != '\\' ||
                        ps->p[1] != 'u') {
                        goto bad;
                    }
                    ps->p += 2;
                    if (hex4(ps, &low) || low < 0xdc00 || low > 0xdfff) {
                        goto bad;
                    }
                    cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
                } else if (cp >= 0xdc00 && cp < 0xe000) {
                    goto bad;
                }
                put_utf8(&b, cp);
                break;
            default:
                goto bad;
        }
    }
    *out_len = b.len;
    srv_buf_cstr(&b);
    *out = b.data;
    return 0;
bad:
    srv_buf_free(&b);
    return -1;
}

static srv_json_t *parse_number(parser_t *ps) {
    const char *start = ps->p;
    int integral = 1;
    if (ps->p < ps->end && *ps->p == '-') {
        ++ps->p;
    }
    if (ps->p >= ps->end) {
        return fail(ps, "bad number");
    }
    if (*ps->p == '0') {
        ++ps->p;
    } else if (*ps->p >= '1' && *ps->p <= '9') {
        while (ps->p < ps->end && *ps->p >= '0' && *ps->p <= '9') {
            ++ps->p;
        }
    } else {
        return fail(ps, "bad number");
    }
    if (ps->p < ps->end && *ps->p == '.') {
        integral = 0;
        ++ps->p;
        if (ps->p >= ps->end || *ps->p < '0' || *ps->p > '9') {
            return fail(ps, "bad number");
        }
        while (ps->p < ps->end && *ps->p >= '0' && *ps->p <= '9') {
            ++ps->p;
        }
    }
    if (ps->p < ps->end && (*ps->p == 'e' || *ps->p == 'E')) {
        integral = 0;
        ++ps->p;
        if (ps->p < ps->end && (*ps->p == '+' || *ps->p == '-')) {
            ++ps->p;
        }
        if (ps->p >= ps->end || *ps->p < '0' || *ps->p > '9') {
            return fail(ps, "bad number");
        }
        while (ps->p < ps->end && *ps->p >= '0' && *ps->p <= '9') {
            ++ps->p;
        }
    }
    /* strtod needs a terminated copy: the input is not NUL-terminated. */
    char *copy = srv_xstrndup(start, (size_t) (ps->p - start));
    srv_json_t *n = new_node(SRV_JSON_NUMBER);
    n->num = strtod(copy, NULL);
    if (integral) {
        errno = 0;
        long long v = strtoll(copy, NULL, 10);
        if (errno == 0) {
            n->is_int = 1;
            n->i = (int64_t) v;
        }
    }
    free(copy);
    return n;
}

static int literal(parser_t *ps, const char *word) {
    size_t len = strlen(word);
    if ((size_t) (ps->end - ps->p) < len || memcmp(ps->p, word, len) != 0) {
        return -1;
    }
    ps->p += len;
    return 0;
}

static srv_json_t *parse_value(parser_t *ps, int depth);

static srv_json_t *parse_container(parser_t *ps, int depth, int is_object) {
    srv_json_t *node = new_node(is_object ? SRV_JSON_OBJECT : SRV_JSON_ARRAY);
    srv_json_t **tail = &node->child;
    char close = is_object ? '}' : ']';
    skip_ws(ps);
    if (ps->p < ps->end && *ps->p == close) {
        ++ps->p;
        return node;
    }
    for (;;) {
        char *key = NULL;
        size_t key_len;
        skip_ws(ps);
        if (is_object) {
            if (ps->p >= ps->end || *ps->p != '"') {
                srv_json_free(node);
                return fail(ps, "expected member name");
            }
            ++ps->p;
            if (parse_string(ps, &key, &key_len)) {
                srv_json_free(node);
                return fail(ps, "bad string");
            }
            skip_ws(ps);
            if (ps->p >= ps->end || *ps->p != ':') {
                free(key);
                srv_json_free(node);
                return fail(ps, "expected ':'");
            }
            ++ps->p;
        }
        srv_json_t *child = parse_value(ps, depth + 1);
        if (!child) {
            free(key);
            srv_json_free(node);
            return NULL;
        }
        child->key = key;
        *tail = child;
        tail = &child->next;
        skip_ws(ps);
        if (ps->p < ps->end && *ps->p == ',') {
            ++ps->p;
            continue;
        }
        if (ps->p < ps->end && *ps->p == close) {
            ++ps->p;
            return node;
        }
        srv_json_free(node);
        return fail(ps,
                    is_object ? "expected ',' or '}'" : "expected ',' or ']'");
    }
}

static srv_json_t *parse_value(parser_t *ps, int depth) {
    if (depth > MAX_DEPTH) {
        return fail(ps, "nested too deeply");
    }
    skip_ws(ps);
    if (ps->p >= ps->end) {
        return fail(ps, "unexpected end");
    }
    char c = *ps->p;
    if (c == '{' || c == '[') {
        ++ps->p;
        return parse_container(ps, depth, c == '{');
    }
    if (c == '"') {
        ++ps->p;
        srv_json_t *n = new_node(SRV_JSON_STRING);
        if (parse_string(ps, &n->str, &n->str_len)) {
            free(n);
            return fail(ps, "bad string");
        }
        return n;
    }
    if (c == '-' || (c >= '0' && c <= '9')) {
        return parse_number(ps);
    }
    if (literal(ps, "true") == 0) {
        srv_json_t *n = new_node(SRV_JSON_BOOL);
        n->b = 1;
        return n;
    }
    if (literal(ps, "false") == 0) {
        return new_node(SRV_JSON_BOOL);
    }
    if (literal(ps, "null") == 0) {
        return new_node(SRV_JSON_NULL);
    }
    return fail(ps, "unexpected character");
}

srv_json_t *srv_json_parse(const char *text, size_t len, char *err,
                           size_t err_size) {
    parser_t ps = {text, text, text + len, err, err_size};
    if (err && err_size) {
        err[0] = '\0';
    }
    srv_json_t *root = parse_value(&ps, 0);
    if (!root) {
        return NULL;
    }
    skip_ws(&ps);
    if (ps.p != ps.end) {
        srv_json_free(root);
        return fail(&ps, "trailing data");
    }
    return root;
}

void srv_json_free(srv_json_t *node) {
    while (node) {
        srv_json_t *next = node->next;
        srv_json_free(node->child);
        free(node->key);
        free(node->str);
        free(node);
        node = next;
    }
}

const srv_json_t *srv_json_member(const srv_json_t *obj, const char *key) {
    if (!obj || obj->kind != SRV_JSON_OBJECT) {
        return NULL;
    }
    for (const srv_json_t *c = obj->child; c; c = c->next) {
        if (c->key && strcmp(c->key, key) == 0) {
            return c;
        }
    }
    return NULL;
}
