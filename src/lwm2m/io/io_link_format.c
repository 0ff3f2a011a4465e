/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include "io_link_format.h"

#include <string.h>

#include "io_log.h"
#include "io_num.h"

void tern_io_link_params_init(tern_io_link_params_t *params) {
    memset(params, 0, sizeof(*params));
    params->ct = -1;
    params->dim = -1;
    params->ssid = -1;
}

void tern_io_link_enc_init(tern_io_link_enc_t *enc, tern_io_buf_t *out,
                           const char *prefix) {
    enc->out = out;
    enc->prefix = prefix ? prefix : "";
    enc->first = true;
}

static int put_quoted(tern_io_buf_t *out, const char *text) {
    int result = tern_io_buf_putc(out, '"');
    for (const char *p = text; !result && *p; ++p) {
        if (*p == '"' || *p == '\\') {
            result = tern_io_buf_putc(out, '\\');
        }
        if (!result) {
            result = tern_io_buf_putc(out, (uint8_t) *p);
        }
    }
    return result ? result : tern_io_buf_putc(out, '"');
}

static int put_int_param(tern_io_buf_t *out, const char *name, int32_t value) {
    char text[TERN_IO_NUM_STR_SIZE];
    int len = tern_io_num_format_int(value, text, sizeof(text));
    int result;
    (void) ((result = tern_io_buf_putc(out, ';')) ||
            (result = tern_io_buf_puts(out, name)) ||
            (result = tern_io_buf_putc(out, '=')) ||
            (result = tern_io_buf_append(out, text, (size_t) len)));
    return result;
}

static int put_params(tern_io_buf_t *out, const tern_io_link_params_t *p) {
    int result = TERN_IO_OK;
    if (p->rt) {
        (void) ((result = tern_io_buf_puts(out, ";rt=")) ||
                (result = put_quoted(out, p->rt)));
    }
    if (!result && p->ct >= 0) {
        result = put_int_param(out, "ct", p->ct);
    }
    if (!result && p->ver) {
        (void) ((result = tern_io_buf_puts(out, ";ver=")) ||
                (result = tern_io_buf_puts(out, p->ver)));
    }
    if (!result && p->ssid >= 0) {
        result = put_int_param(out, "ssid", p->ssid);
    }
    if (!result && p->uri) {
        (void) ((result = tern_io_buf_puts(out, ";uri=")) ||
                (result = put_quoted(out, p->uri)));
    }
    if (!result && p->dim >= 0) {
        result = put_int_param(out, "dim", p->dim);
    }
    if (!result && p->attrs) {
        result = tern_io_attrs_format(p->attrs, ';', false, out);
    }
    return result;
}

int tern_io_link_enc_add(tern_io_link_enc_t *enc, const tern_io_path_t *path,
                         const tern_io_link_params_t *params) {
    if (!tern_io_path_is_valid(path)) {
        return TERN_IO_ERR_INVALID_ARG;
    }
    tern_io_buf_t *out = enc->out;
    size_t mark = out->len;
    char text[TERN_IO_PATH_STR_SIZE];
    int len = tern_io_path_format(path, text, sizeof(text));
    int result = TERN_IO_OK;
    if (!enc->first) {
        result = tern_io_buf_putc(out, ',');
    }
    if (!result) {
        result = tern_io_buf_putc(out, '<');
    }
    if (!result && enc->prefix[0]) {
        result = tern_io_buf_puts(out, enc->prefix);
        if (path->len == 0) {
            len = 0; /* "<prefix>" stands for the root */
        }
    }
    if (!result) {
        result = tern_io_buf_append(out, text, (size_t) len);
    }
    if (!result) {
        result = tern_io_buf_putc(out, '>');
    }
    if (!result && params) {
        result = put_params(out, params);
    }
    if (result) {
        out->len = mark;
        return result;
    }
    enc->first = false;
    return TERN_IO_OK;
}

void tern_io_link_parser_init(tern_io_link_parser_t *parser, const void *data,
                              size_t len) {
    /* Pointer arithmetic on NULL is undefined even with a zero offset. */
    parser->pos = data ? (const char *) data : "";
    parser->end = parser->pos + (data ? len : 0);
    parser->status = TERN_IO_OK;
    parser->need_comma = false;
}

static bool is_alpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

/* RFC 5987 parmname characters (attr-char). */
static bool is_parmname_char(char c) {
    return is_alpha(c) || is_digit(c) || (c && strchr("!#$&+-.^_`|~", c));
}

/* RFC 6690 ptokenchar. */
static bool is_ptoken_char(char c) {
    return is_alpha(c) || is_digit(c) ||
           (c && strchr("!#$%&'()*+-./:<=>?@[]^_`{|}~", c));
}

/* Scans one ";name[=value]" from @p p; returns where it ends, or NULL. */
static const char *scan_param(const char *p, const char *end,
                              tern_io_str_t *name, tern_io_str_t *value,
                              bool *has_value, bool *quoted) {
    if (p >= end || *p != ';') {
        return NULL;
    }
    ++p;
    name->data = p;
    while (p < end && is_parmname_char(*p)) {
        ++p;
    }
    name->len = (size_t) (p - name->data);
    if (!name->len) {
        return NULL;
    }
    *has_value = false;
    *quoted = false;
    value->data = p;
    value->len = 0;
    if (p >= end || *p != '=') {
        return p;
    }
    ++p;
    *has_value = true;
    if (p < end && *p == '"') {
        *quoted = true;
        value->data = ++p;
        while (p < end && *p != '"') {
            if ((unsigned char) *p < 0x20 || *p == 0x7F) {
                return NULL;
            }
            if (*p == '\\') {
                if (++p >= end || (unsigned char) *p < 0x20 || *p == 0x7F) {
                    return NULL;
                }
            }
            ++p;
        }
        if (p >= end) {
            return NULL;
        }
        value->len = (size_t) (p - value->data);
        return p + 1;
    }
    value->data = p;
    while (p < end && is_ptoken_char(*p)) {
        ++p;
    }
    value->len = (size_t) (p - value->data);
    return value->len ? p : NULL;
}

static int parse_fail(tern_io_link_parser_t *parser, const char *why) {
    io_log(DEBUG, "link format: %s", why);
    parser->status = TERN_IO_ERR_MALFORMED;
    return parser->status;
}

int tern_io_link_next(tern_io_link_parser_t *parser, tern_io_link_t *out) {
    if (parser->status) {
        return parser->status;
    }
    if (parser->pos == parser->end) {
        parser->status = TERN_IO_END;
        return parser->status;
    }
    const char *p = parser->pos;
    const char *end = parser->end;
    if (parser->need_comma) {
        if (*p != ',') {
            return parse_fail(parser, "expected ','");
        }
        if (++p == end) {
            return parse_fail(parser, "trailing ','");
        }
    }
    if (*p != '<') {
        return parse_fail(parser, "expected '<'");
    }
    const char *target = ++p;
    while (p < end && *p != '>') {
        unsigned char c = (unsigned char) *p;
        if (c <= 0x20 || c >= 0x7F || c == '<' || c == '"') {
            return parse_fail(parser, "bad character in a link target");
        }
        ++p;
    }
    if (p >= end) {
        return parse_fail(parser, "unterminated link target");
    }
    out->target.data = target;
    out->target.len = (size_t) (p - target);
    const char *params = ++p;
    while (p < end && *p != ',') {
        tern_io_str_t name, value;
        bool has_value, quoted;
        p = scan_param(p, end, &name, &value, &has_value, &quoted);
        if (!p) {
            return parse_fail(parser, "bad link parameter");
        }
    }
    out->params.data = params;
    out->params.len = (size_t) (p - params);
    parser->pos = p;
    parser->need_comma = true;
    return TERN_IO_OK;
}

void tern_io_link_params_begin(tern_io_link_param_iter_t *it,
                               const tern_io_link_t *link) {
    it->pos = link->params.data;
    it->end = link->params.data + link->params.len;
}

int tern_io_link_param_next(tern_io_link_param_iter_t *it,
                            tern_io_str_t *out_name, tern_io_str_t *out_value,
                            bool *out_has_value, bool *out_quoted) {
    if (it->pos == it->end) {
        return TERN_IO_END;
    }
    const char *next = scan_param(it->pos, it->end, out_name, out_value,
                                  out_has_value, out_quoted);
    if (!next) {
        return TERN_IO_ERR_MALFORMED;
    }
    it->pos = next;
    return TERN_IO_OK;
}

int tern_io_link_unquote(const tern_io_str_t *value, char *buf, size_t size) {
    size_t w = 0;
    for (size_t i = 0; i < value->len; ++i) {
        char c = value->data[i];
        if (c == '\\' && i + 1 < value->len) {
            c = value->data[++i];
        }
        if (w + 1 >= size) {
            if (size) {
                buf[0] = '\0';
            }
            return TERN_IO_ERR_BUFFER_TOO_SMALL;
        }
        buf[w++] = c;
    }
    if (w >= size) {
        return TERN_IO_ERR_BUFFER_TOO_SMALL;
    }
    buf[w] = '\0';
    return (int) w;
}

int tern_io_link_target_path(const tern_io_link_t *link, const char *prefix,
                             tern_io_path_t *out) {
    const char *t = link->target.data;
    size_t len = link->target.len;
    size_t prefix_len = prefix ? strlen(prefix) : 0;
    if (prefix_len) {
        if (len < prefix_len || memcmp(t, prefix, prefix_len) != 0) {
            return TERN_IO_ERR_MALFORMED;
        }
        t += prefix_len;
        len -= prefix_len;
        if (len == 0) {
            *out = tern_io_path_root();
            return TERN_IO_OK;
        }
    }
    return tern_io_path_parse(out, t, len) ? TERN_IO_ERR_MALFORMED : TERN_IO_OK;
}
