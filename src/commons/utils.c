/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include <avsystem/commons/avs_memory.h>
#include <avsystem/commons/avs_utils.h>

#include <stdio.h>
#include <string.h>

int avs_simple_vsnprintf(char *out, size_t out_size, const char *format,
                         va_list args) {
    int result;
    if (!out || !out_size || !format) {
        return -1;
    }
    result = vsnprintf(out, out_size, format, args);
    if (result < 0 || (size_t) result >= out_size) {
        return -1;
    }
    return result;
}

int avs_simple_snprintf(char *out, size_t out_size, const char *format, ...) {
    int result;
    va_list args;
    va_start(args, format);
    result = avs_simple_vsnprintf(out, out_size, format, args);
    va_end(args);
    return result;
}

char *avs_strdup(const char *str) {
    size_t size;
    char *copy;
    if (!str) {
        return NULL;
    }
    size = strlen(str) + 1;
    copy = (char *) avs_malloc(size);
    if (copy) {
        memcpy(copy, str, size);
    }
    return copy;
}

/* Locale-independent on purpose: protocol tokens are ASCII, and tolower()
 * would fold differently under some locales. */
static unsigned char ascii_lower(unsigned char c) {
    return (c >= 'A' && c <= 'Z') ? (unsigned char) (c - 'A' + 'a') : c;
}

int avs_strcasecmp(const char *s1, const char *s2) {
    const unsigned char *a = (const unsigned char *) s1;
    const unsigned char *b = (const unsigned char *) s2;
    while (*a && ascii_lower(*a) == ascii_lower(*b)) {
        ++a;
        ++b;
    }
    return (int) ascii_lower(*a) - (int) ascii_lower(*b);
}

int avs_hexlify(char *out_hex, size_t out_size, size_t *out_bytes_hexlified,
                const void *input, size_t input_size) {
    static const char DIGITS[] = "0123456789abcdef";
    const uint8_t *bytes = (const uint8_t *) input;
    size_t count;
    size_t i;
    if (!out_hex || !out_size || (!input && input_size)) {
        return -1;
    }
    count = AVS_MIN(input_size, (out_size - 1) / 2);
    for (i = 0; i < count; ++i) {
        out_hex[2 * i] = DIGITS[bytes[i] >> 4];
        out_hex[2 * i + 1] = DIGITS[bytes[i] & 0x0F];
    }
    out_hex[2 * count] = '\0';
    if (out_bytes_hexlified) {
        *out_bytes_hexlified = count;
    }
    return 0;
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

int avs_unhexlify(size_t *out_bytes_written, uint8_t *output, size_t out_size,
                  const char *input, size_t in_size) {
    size_t count = in_size / 2;
    size_t i;
    if (in_size % 2 || (!input && in_size) || count > out_size ||
        (!output && count)) {
        return -1;
    }
    /* Validate everything first so that a failure leaves output untouched. */
    for (i = 0; i < in_size; ++i) {
        if (hex_value(input[i]) < 0) {
            return -1;
        }
    }
    for (i = 0; i < count; ++i) {
        output[i] = (uint8_t) ((hex_value(input[2 * i]) << 4) |
                               hex_value(input[2 * i + 1]));
    }
    if (out_bytes_written) {
        *out_bytes_written = count;
    }
    return 0;
}
