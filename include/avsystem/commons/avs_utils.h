/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * @file avs_utils.h
 * String helpers.
 */
#ifndef AVS_COMMONS_UTILS_H
#define AVS_COMMONS_UTILS_H

#include <avsystem/commons/avs_defs.h>

#include <stdarg.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * snprintf() that treats truncation as failure.
 * @returns the number of characters written (without the NUL), or -1 on error
 *          or if the output did not fit in @p out_size bytes.
 */
int avs_simple_snprintf(char *out, size_t out_size, const char *format, ...)
        AVS_F_PRINTF(3, 4);

/** va_list variant of avs_simple_snprintf(). */
int avs_simple_vsnprintf(char *out, size_t out_size, const char *format,
                         va_list args);

/** Copy of @p str allocated with avs_malloc(); NULL on OOM. */
char *avs_strdup(const char *str);

/** Case-insensitive ASCII comparison, like POSIX strcasecmp(). */
int avs_strcasecmp(const char *s1, const char *s2);

/**
 * Writes @p input_size bytes as lowercase hex into @p out_hex, always
 * NUL-terminated, as many whole bytes as fit.
 * @returns 0 on success, -1 if @p out_hex is NULL or @p out_size is 0.
 */
int avs_hexlify(char *out_hex, size_t out_size, size_t *out_bytes_hexlified,
                const void *input, size_t input_size);

/**
 * Parses hex text into bytes.
 * @returns 0 on success, -1 on a non-hex character, an odd length, or not
 *          enough room in @p output.
 */
int avs_unhexlify(size_t *out_bytes_written, uint8_t *output, size_t out_size,
                  const char *input, size_t in_size);

#ifdef __cplusplus
}
#endif

#endif /* AVS_COMMONS_UTILS_H */
