/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include "io_base64.h"

static const char STD_ALPHABET[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
static const char URL_ALPHABET[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

size_t tern_io_base64_encoded_len(size_t len, unsigned flags) {
    size_t full = len / 3 * 4;
    size_t rest = len % 3;
    if (!rest) {
        return full;
    }
    return full + ((flags & TERN_IO_B64_NO_PAD) ? rest + 1 : 4);
}

int tern_io_base64_encode(tern_io_buf_t *out, const void *data, size_t len,
                          unsigned flags) {
    const char *alphabet =
            (flags & TERN_IO_B64_STD) || !(flags & TERN_IO_B64_URL)
                    ? STD_ALPHABET
                    : URL_ALPHABET;
    size_t out_len = tern_io_base64_encoded_len(len, flags);
    if (out_len == 0) {
        return TERN_IO_OK;
    }
    int result = tern_io_buf_reserve(out, out_len);
    if (result) {
        return result;
    }
    const uint8_t *in = (const uint8_t *) data;
    uint8_t *w = out->data + out->len;
    size_t i = 0;
    for (; i + 3 <= len; i += 3) {
        uint32_t v =
                (uint32_t) in[i] << 16 | (uint32_t) in[i + 1] << 8 | in[i + 2];
        *w++ = (uint8_t) alphabet[v >> 18];
        *w++ = (uint8_t) alphabet[(v >> 12) & 0x3F];
        *w++ = (uint8_t) alphabet[(v >> 6) & 0x3F];
        *w++ = (uint8_t) alphabet[v & 0x3F];
    }
    size_t rest = len - i;
    if (rest) {
        uint32_t v = (uint32_t) in[i] << 16;
        if (rest == 2) {
            v |= (uint32_t) in[i + 1] << 8;
        }
        *w++ = (uint8_t) alphabet[v >> 18];
        *w++ = (uint8_t) alphabet[(v >> 12) & 0x3F];
        if (rest == 2) {
            *w++ = (uint8_t) alphabet[(v >> 6) & 0x3F];
        }
        if (!(flags & TERN_IO_B64_NO_PAD)) {
            *w++ = '=';
            if (rest == 1) {
                *w++ = '=';
            }
        }
    }
    out->len += out_len;
    return TERN_IO_OK;
}

/* Alphabet-agnostic: the validator has already rejected symbols the caller
 * did not allow. */
static int symbol_value(char c) {
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

int tern_io_base64_validate(const char *text, size_t len, unsigned flags,
                            size_t *out_decoded_len) {
    size_t data_len = len;
    while (data_len > 0 && text[data_len - 1] == '=') {
        --data_len;
    }
    size_t pad = len - data_len;
    if (pad > 2 || data_len % 4 == 1) {
        return TERN_IO_ERR_MALFORMED;
    }
    if (pad) {
        if (len % 4 != 0) {
            return TERN_IO_ERR_MALFORMED;
        }
    } else if (data_len % 4 != 0 && !(flags & TERN_IO_B64_NO_PAD)) {
        return TERN_IO_ERR_MALFORMED;
    }
    bool seen_std = false, seen_url = false;
    for (size_t i = 0; i < data_len; ++i) {
        char c = text[i];
        if (c == '+' || c == '/') {
            seen_std = true;
        } else if (c == '-' || c == '_') {
            seen_url = true;
        } else if (symbol_value(c) < 0) {
            return TERN_IO_ERR_MALFORMED;
        }
    }
    if ((seen_std && !(flags & TERN_IO_B64_STD)) ||
        (seen_url && !(flags & TERN_IO_B64_URL)) || (seen_std && seen_url)) {
        return TERN_IO_ERR_MALFORMED;
    }
    size_t rest = data_len % 4;
    if (rest) {
        int last = symbol_value(text[data_len - 1]);
        unsigned unused_mask = rest == 2 ? 0x0F : 0x03;
        if ((unsigned) last & unused_mask) {
            return TERN_IO_ERR_MALFORMED;
        }
    }
    *out_decoded_len = data_len / 4 * 3 + (rest ? rest - 1 : 0);
    return TERN_IO_OK;
}

size_t tern_io_base64_decode_range(const char *text, size_t len, size_t offset,
                                   uint8_t *out, size_t size) {
    size_t data_len = len;
    while (data_len > 0 && text[data_len - 1] == '=') {
        --data_len;
    }
    size_t written = 0;
    size_t group = offset / 3;
    size_t skip = offset % 3;
    while (written < size) {
        size_t pos = group * 4;
        if (pos >= data_len) {
            break;
        }
        size_t symbols = data_len - pos < 4 ? data_len - pos : 4;
        uint32_t v = 0;
        for (size_t k = 0; k < 4; ++k) {
            v <<= 6;
            if (k < symbols) {
                v |= (uint32_t) symbol_value(text[pos + k]);
            }
        }
        uint8_t bytes[3] = {(uint8_t) (v >> 16), (uint8_t) (v >> 8),
                            (uint8_t) v};
        size_t available = symbols - 1;
        for (size_t k = skip; k < available && written < size; ++k) {
            out[written++] = bytes[k];
        }
        skip = 0;
        ++group;
    }
    return written;
}

int tern_io_base64_decode(const char *text, size_t len, unsigned flags,
                          uint8_t *out, size_t size, size_t *out_len) {
    size_t decoded_len;
    int result = tern_io_base64_validate(text, len, flags, &decoded_len);
    if (result) {
        return result;
    }
    if (decoded_len > size) {
        return TERN_IO_ERR_BUFFER_TOO_SMALL;
    }
    *out_len = tern_io_base64_decode_range(text, len, 0, out, decoded_len);
    return TERN_IO_OK;
}
