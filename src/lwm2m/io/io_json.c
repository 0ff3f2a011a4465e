/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include "io_json.h"

#include <string.h>

#include "io_log.h"
#include "io_num.h"
#include "io_utf8.h"

enum {
    ST_VALUE,        /* a value must come next */
    ST_ARRAY_FIRST,  /* a value or ']' */
    ST_OBJECT_FIRST, /* a key or '}' */
    ST_KEY,          /* a key (after ',') */
    ST_AFTER_VALUE,  /* ',' or the closing bracket */
    ST_DONE
};

void tern_io_json_reader_init(tern_io_json_reader_t *reader, const void *data,
                              size_t len, tern_io_arena_t *arena) {
    memset(reader, 0, sizeof(*reader));
    /* Pointer arithmetic on NULL is undefined even with a zero offset. */
    reader->pos = data ? (const char *) data : "";
    reader->end = reader->pos + (data ? len : 0);
    reader->arena = arena;
    reader->state = ST_VALUE;
}

static void skip_ws(tern_io_json_reader_t *reader) {
    while (reader->pos < reader->end &&
           (*reader->pos == ' ' || *reader->pos == '\t' ||
            *reader->pos == '\n' || *reader->pos == '\r')) {
        ++reader->pos;
    }
}

static bool in_object(const tern_io_json_reader_t *reader) {
    return reader->depth > 0 &&
           (reader->object_bits >> (reader->depth - 1)) & 1u;
}

static int malformed(const char *why) {
    io_log(DEBUG, "JSON: %s", why);
    return TERN_IO_ERR_MALFORMED;
}

static int hex4(const char *p, uint32_t *out) {
    uint32_t v = 0;
    for (int i = 0; i < 4; ++i) {
        char c = p[i];
        v <<= 4;
        if (c >= '0' && c <= '9') {
            v |= (uint32_t) (c - '0');
        } else if (c >= 'a' && c <= 'f') {
            v |= (uint32_t) (c - 'a' + 10);
        } else if (c >= 'A' && c <= 'F') {
            v |= (uint32_t) (c - 'A' + 10);
        } else {
            return -1;
        }
    }
    *out = v;
    return 0;
}

/* Decodes escapes from [start, stop) into the arena; the result is never
 * longer than the source. */
static int unescape(tern_io_json_reader_t *reader, const char *start,
                    const char *stop, tern_io_json_token_t *out) {
    uint8_t *dst;
    int result;
    if (!reader->arena) {
        return malformed("escapes not accepted here");
    }
    if ((result = tern_io_arena_alloc(reader->arena, (size_t) (stop - start),
                                      &dst))) {
        return result;
    }
    size_t w = 0;
    for (const char *p = start; p < stop;) {
        if (*p != '\\') {
            dst[w++] = (uint8_t) *p++;
            continue;
        }
        ++p; /* the tokenizer already checked an escape letter follows */
        char c = *p++;
        switch (c) {
            case '"':
            case '\\':
            case '/':
                dst[w++] = (uint8_t) c;
                break;
            case 'b':
                dst[w++] = '\b';
                break;
            case 'f':
                dst[w++] = '\f';
                break;
            case 'n':
                dst[w++] = '\n';
                break;
            case 'r':
                dst[w++] = '\r';
                break;
            case 't':
                dst[w++] = '\t';
                break;
            default: { /* 'u' */
                uint32_t cp;
                if (stop - p < 4 || hex4(p, &cp)) {
                    return malformed("bad \\u escape");
                }
                p += 4;
                if (cp >= 0xDC00 && cp <= 0xDFFF) {
                    return malformed("unpaired low surrogate");
                }
                if (cp >= 0xD800 && cp <= 0xDBFF) {
                    uint32_t low;
                    if (stop - p < 6 || p[0] != '\\' || p[1] != 'u' ||
                        hex4(p + 2, &low) || low < 0xDC00 || low > 0xDFFF) {
                        return malformed("unpaired high surrogate");
                    }
                    p += 6;
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                }
                w += tern_io_utf8_put(cp, dst + w);
                break;
            }
        }
    }
    out->data = (const char *) dst;
    out->len = w;
    return TERN_IO_OK;
}

static int read_string(tern_io_json_reader_t *reader,
                       tern_io_json_token_t *out) {
    const char *start = ++reader->pos; /* past the opening quote */
    bool escaped = false;
    const char *p = start;
    for (;;) {
        if (p >= reader->end) {
            return malformed("unterminated string");
        }
        unsigned char c = (unsigned char) *p;
        if (c == '"') {
            break;
        }
        if (c < 0x20) {
            return malformed("control character in string");
        }
        if (c == '\\') {
            if (p + 1 >= reader->end) {
                return malformed("unterminated escape");
            }
            char e = p[1];
            if (!strchr("\"\\/bfnrtu", e) || e == '\0') {
                return malformed("unknown escape");
            }
            escaped = true;
            p += 2;
            continue;
        }
        ++p;
    }
    reader->pos = p + 1;
    if (escaped) {
        int result = unescape(reader, start, p, out);
        if (result) {
            return result;
        }
    } else {
        out->data = start;
        out->len = (size_t) (p - start);
    }
    if (!tern_io_utf8_valid(out->data, out->len)) {
        return malformed("string is not UTF-8");
    }
    return TERN_IO_OK;
}

static bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

static int read_number(tern_io_json_reader_t *reader,
                       tern_io_json_token_t *out) {
    const char *p = reader->pos;
    const char *end = reader->end;
    bool integer = true;
    if (p < end && *p == '-') {
        ++p;
    }
    if (p >= end || !is_digit(*p)) {
        return malformed("bad number");
    }
    if (*p == '0') {
        ++p;
    } else {
        while (p < end && is_digit(*p)) {
            ++p;
        }
    }
    if (p < end && *p == '.') {
        integer = false;
        ++p;
        if (p >= end || !is_digit(*p)) {
            return malformed("bad fraction");
        }
        while (p < end && is_digit(*p)) {
            ++p;
        }
    }
    if (p < end && (*p == 'e' || *p == 'E')) {
        integer = false;
        ++p;
        if (p < end && (*p == '+' || *p == '-')) {
            ++p;
        }
        if (p >= end || !is_digit(*p)) {
            return malformed("bad exponent");
        }
        while (p < end && is_digit(*p)) {
            ++p;
        }
    }
    out->kind = TERN_IO_JSON_NUMBER;
    out->data = reader->pos;
    out->len = (size_t) (p - reader->pos);
    out->integer = integer;
    reader->pos = p;
    return TERN_IO_OK;
}

static int read_literal(tern_io_json_reader_t *reader, const char *word,
                        tern_io_json_token_t *out, tern_io_json_kind_t kind,
                        bool b) {
    size_t len = strlen(word);
    if ((size_t) (reader->end - reader->pos) < len ||
        memcmp(reader->pos, word, len) != 0) {
        return malformed("unknown literal");
    }
    reader->pos += len;
    out->kind = kind;
    out->b = b;
    return TERN_IO_OK;
}

static int open_container(tern_io_json_reader_t *reader, bool object,
                          tern_io_json_token_t *out) {
    if (reader->depth >= TERN_IO_MAX_NESTING) {
        io_log(DEBUG, "JSON: nesting deeper than %d", TERN_IO_MAX_NESTING);
        return TERN_IO_ERR_LIMIT;
    }
    ++reader->pos;
    if (object) {
        reader->object_bits |= 1u << reader->depth;
    } else {
        reader->object_bits &= ~(1u << reader->depth);
    }
    ++reader->depth;
    reader->state = object ? ST_OBJECT_FIRST : ST_ARRAY_FIRST;
    out->kind = object ? TERN_IO_JSON_BEGIN_OBJECT : TERN_IO_JSON_BEGIN_ARRAY;
    return TERN_IO_OK;
}

static void value_done(tern_io_json_reader_t *reader) {
    reader->state = reader->depth ? ST_AFTER_VALUE : ST_DONE;
}

static int close_container(tern_io_json_reader_t *reader,
                           tern_io_json_token_t *out) {
    bool object = in_object(reader);
    ++reader->pos;
    --reader->depth;
    out->kind = object ? TERN_IO_JSON_END_OBJECT : TERN_IO_JSON_END_ARRAY;
    value_done(reader);
    return TERN_IO_OK;
}

static int read_value(tern_io_json_reader_t *reader,
                      tern_io_json_token_t *out) {
    int result;
    switch (*reader->pos) {
        case '[':
            return open_container(reader, false, out);
        case '{':
            return open_container(reader, true, out);
        case '"':
            out->kind = TERN_IO_JSON_STRING;
            result = read_string(reader, out);
            break;
        case 't':
            result = read_literal(reader, "true", out, TERN_IO_JSON_BOOL, true);
            break;
        case 'f':
            result = read_literal(reader, "false", out, TERN_IO_JSON_BOOL,
                                  false);
            break;
        case 'n':
            result =
                    read_literal(reader, "null", out, TERN_IO_JSON_NULL, false);
            break;
        default:
            result = read_number(reader, out);
            break;
    }
    if (!result) {
        value_done(reader);
    }
    return result;
}

static int read_key(tern_io_json_reader_t *reader, tern_io_json_token_t *out) {
    if (*reader->pos != '"') {
        return malformed("expected a member name");
    }
    out->kind = TERN_IO_JSON_KEY;
    int result = read_string(reader, out);
    if (result) {
        return result;
    }
    skip_ws(reader);
    if (reader->pos >= reader->end || *reader->pos != ':') {
        return malformed("expected ':'");
    }
    ++reader->pos;
    reader->state = ST_VALUE;
    return TERN_IO_OK;
}

int tern_io_json_next(tern_io_json_reader_t *reader,
                      tern_io_json_token_t *out) {
    memset(out, 0, sizeof(*out));
    skip_ws(reader);
    if (reader->state == ST_DONE) {
        return reader->pos == reader->end ? TERN_IO_END
                                          : malformed("trailing data");
    }
    if (reader->pos >= reader->end) {
        return malformed("truncated input");
    }
    char c = *reader->pos;
    switch (reader->state) {
        case ST_VALUE:
            return read_value(reader, out);
        case ST_ARRAY_FIRST:
            if (c == ']') {
                return close_container(reader, out);
            }
            return read_value(reader, out);
        case ST_OBJECT_FIRST:
            if (c == '}') {
                return close_container(reader, out);
            }
            return read_key(reader, out);
        case ST_KEY:
            return read_key(reader, out);
        default: /* ST_AFTER_VALUE */
            if (c == ',') {
                ++reader->pos;
                skip_ws(reader);
                if (reader->pos >= reader->end) {
                    return malformed("truncated input");
                }
                if (in_object(reader)) {
                    return read_key(reader, out);
                }
                return read_value(reader, out);
            }
            if (c == (in_object(reader) ? '}' : ']')) {
                return close_container(reader, out);
            }
            return malformed("expected ',' or a closing bracket");
    }
}

int tern_io_json_skip(tern_io_json_reader_t *reader,
                      const tern_io_json_token_t *first) {
    if (first->kind != TERN_IO_JSON_BEGIN_ARRAY &&
        first->kind != TERN_IO_JSON_BEGIN_OBJECT) {
        return TERN_IO_OK;
    }
    uint8_t target = (uint8_t) (reader->depth - 1);
    tern_io_json_token_t token;
    while (reader->depth > target) {
        int result = tern_io_json_next(reader, &token);
        if (result) {
            return result == TERN_IO_END ? TERN_IO_ERR_MALFORMED : result;
        }
    }
    return TERN_IO_OK;
}

int tern_io_json_number(const tern_io_json_token_t *token,
                        tern_io_value_t *out) {
    if (token->integer) {
        int64_t i;
        int result = tern_io_num_parse_int(token->data, token->len, &i);
        if (!result && !(i == 0 && token->data[0] == '-')) {
            *out = tern_io_value_int(i);
            return TERN_IO_OK;
        }
        uint64_t u;
        if (token->data[0] != '-' &&
            !tern_io_num_parse_uint(token->data, token->len, &u)) {
            *out = tern_io_value_uint(u);
            return TERN_IO_OK;
        }
    }
    double d;
    int result = tern_io_num_strtod(token->data, token->len, &d);
    if (result) {
        io_log(DEBUG, "JSON: number out of range");
        return result;
    }
    *out = tern_io_value_double(d);
    return TERN_IO_OK;
}
